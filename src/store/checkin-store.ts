import { type Database, sql } from "./db.ts";
import type { TeamRef } from "./team-store.ts";

export type CheckinStatusStored = "sent" | "done" | "snoozed" | "cannot";

export interface CheckinRow {
  workspaceId: string;
  channelId: string;
  userId: string;
  quarter: string;
  status: CheckinStatusStored;
  dmChannel: string | null;
  messageTs: string | null;
  sentAt: Date;
  answer: unknown;
  answeredAt: Date | null;
  snoozedUntil: Date | null;
}

export interface CheckinRef extends TeamRef {
  userId: string;
  quarter: string;
}

const CHECKIN_COLUMNS = sql`workspace_id AS "workspaceId", channel_id AS "channelId", user_id AS "userId", quarter,
  status, dm_channel AS "dmChannel", message_ts AS "messageTs", sent_at AS "sentAt", answer,
  answered_at AS "answeredAt", snoozed_until AS "snoozedUntil"`;

/** One row per leader, team and quarter, from the moment the check-in has gone out. */
export class CheckinStore {
  constructor(private readonly db: Database) {}

  async find(ref: CheckinRef): Promise<CheckinRow | null> {
    const [row] = await this.db.query<CheckinRow>(
      sql`SELECT ${CHECKIN_COLUMNS} FROM checkin WHERE ${byKey(ref)}`,
    );
    return row ?? null;
  }

  /** Records that the DM went out; a second send of the same check-in keeps the first record. */
  async recordSent(
    ref: CheckinRef,
    sent: { dmChannel: string | null; messageTs: string | null; at: Date },
  ): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO checkin (workspace_id, channel_id, user_id, quarter, status, dm_channel, message_ts, sent_at)
      VALUES (${ref.workspaceId}, ${ref.channelId}, ${ref.userId}, ${ref.quarter}, 'sent', ${sent.dmChannel},
        ${sent.messageTs}, ${sent.at})
      ON CONFLICT DO NOTHING`);
  }

  /**
   * Records an answer. Done and "can't" are final; a snooze only replaces an open or snoozed
   * check-in. Returns false when the answer came too late to change anything.
   */
  async answer(
    ref: CheckinRef,
    status: "done" | "cannot" | "snoozed",
    fields: { answer?: unknown; snoozedUntil?: Date; at: Date },
  ): Promise<boolean> {
    const answer = fields.answer === undefined ? sql`answer` : sql`${JSON.stringify(fields.answer)}::jsonb`;
    const n = await this.db.execute(sql`
      UPDATE checkin SET status = ${status}, answered_at = ${fields.at}, answer = ${answer},
        snoozed_until = ${fields.snoozedUntil ?? null}
      WHERE ${byKey(ref)} AND status IN ('sent', 'snoozed')`);
    return n === 1;
  }

  async forTeamQuarter(team: TeamRef, quarter: string): Promise<CheckinRow[]> {
    return this.db.query<CheckinRow>(sql`SELECT ${CHECKIN_COLUMNS} FROM checkin
      WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId} AND quarter = ${quarter}`);
  }

  async forTeam(team: TeamRef, quarters: string[]): Promise<CheckinRow[]> {
    return this.db.query<CheckinRow>(sql`SELECT ${CHECKIN_COLUMNS} FROM checkin
      WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId} AND quarter = ANY(${quarters})`);
  }

  /** A leader's check-ins still waiting for an answer, in every team. */
  async openFor(workspaceId: string, userId: string): Promise<CheckinRow[]> {
    return this.db.query<CheckinRow>(sql`SELECT ${CHECKIN_COLUMNS} FROM checkin
      WHERE workspace_id = ${workspaceId} AND user_id = ${userId} AND status IN ('sent', 'snoozed')
      ORDER BY sent_at`);
  }
}

function byKey(ref: CheckinRef) {
  return sql`workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId} AND user_id = ${ref.userId}
    AND quarter = ${ref.quarter}`;
}
