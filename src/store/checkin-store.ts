import type { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./prisma-client.ts";
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

/** One row per leader, team and quarter, from the moment the check-in has gone out. */
export class CheckinStore {
  constructor(private readonly db: Db) {}

  async find(ref: CheckinRef): Promise<CheckinRow | null> {
    return (await this.db.checkin.findUnique({
      where: { workspaceId_channelId_userId_quarter: key(ref) },
    })) as CheckinRow | null;
  }

  /** Records that the DM went out; a second send of the same check-in keeps the first record. */
  async recordSent(
    ref: CheckinRef,
    sent: { dmChannel: string | null; messageTs: string | null; at: Date },
  ): Promise<void> {
    await this.db.checkin.upsert({
      where: { workspaceId_channelId_userId_quarter: key(ref) },
      create: {
        ...key(ref),
        status: "sent",
        dmChannel: sent.dmChannel,
        messageTs: sent.messageTs,
        sentAt: sent.at,
      },
      update: {},
    });
  }

  /**
   * Records an answer. Done and "can't" are final; a snooze only replaces an open or snoozed
   * check-in. Returns false when the answer came too late to change anything.
   */
  async answer(
    ref: CheckinRef,
    status: "done" | "cannot" | "snoozed",
    fields: { answer?: Prisma.InputJsonValue; snoozedUntil?: Date; at: Date },
  ): Promise<boolean> {
    const n = await this.db.checkin.updateMany({
      where: { ...key(ref), status: { in: ["sent", "snoozed"] } },
      data: {
        status,
        answeredAt: fields.at,
        ...(fields.answer !== undefined ? { answer: fields.answer } : {}),
        snoozedUntil: fields.snoozedUntil ?? null,
      },
    });
    return n.count === 1;
  }

  async forTeamQuarter(team: TeamRef, quarter: string): Promise<CheckinRow[]> {
    return (await this.db.checkin.findMany({
      where: { workspaceId: team.workspaceId, channelId: team.channelId, quarter },
    })) as CheckinRow[];
  }

  async forTeam(team: TeamRef, quarters: string[]): Promise<CheckinRow[]> {
    return (await this.db.checkin.findMany({
      where: { workspaceId: team.workspaceId, channelId: team.channelId, quarter: { in: quarters } },
    })) as CheckinRow[];
  }

  /** A leader's check-ins still waiting for an answer, in every team. */
  async openFor(workspaceId: string, userId: string): Promise<CheckinRow[]> {
    return (await this.db.checkin.findMany({
      where: { workspaceId, userId, status: { in: ["sent", "snoozed"] } },
      orderBy: { sentAt: "asc" },
    })) as CheckinRow[];
  }
}

function key(ref: CheckinRef) {
  return { workspaceId: ref.workspaceId, channelId: ref.channelId, userId: ref.userId, quarter: ref.quarter };
}
