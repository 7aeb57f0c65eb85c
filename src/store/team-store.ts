import { z } from "zod";
import type { Member, MemberRole } from "../domain/roster/member.ts";
import { SESSION_CATEGORIES } from "../domain/session/category.ts";
import { NAMED_VOTE_VISIBILITY } from "../domain/session/vote-visibility.ts";
import { MAX_VOTE_SECONDS, MIN_VOTE_SECONDS } from "../domain/session/vote-deadline.ts";
import type { KeyPower, PrincipalPolicy } from "../domain/roster/powers.ts";
import { type Database, type Queryable, type Sql, sql, type Tx } from "./db.ts";

/** Identifies a leadership team: a channel inside a workspace. Every query starts from it. */
export interface TeamRef {
  workspaceId: string;
  channelId: string;
}

export interface TeamSettings {
  /** What people call the team; null: the channel's name. */
  name: string | null;
  policy: PrincipalPolicy;
  maxPowers: number;
  locale: string | null;
  timezone: string | null;
  /** The country whose holidays count (CN, US); null: Monday to Friday. */
  calendar: string | null;
  /** The team's own days off, "2027-02-10", sorted. */
  daysOff: string[];
  principalMayPropose: boolean;
  turnSeconds: number;
  /** Vote rules that differ from the defaults (threshold, quorum per category). */
  rules: VoteRules;
  /** Check-in settings as stored; read them with readCheckinSettings. */
  checkins: unknown;
}

const fraction = z.object({
  numerator: z.number().int().positive(),
  denominator: z.number().int().positive(),
  inclusive: z.boolean(),
});
export const voteRules = z.object({
  threshold: fraction.optional(),
  quorum: z.partialRecord(z.enum(SESSION_CATEGORIES), fraction).optional(),
  /** Who may start a session: roster members and admins (the default), or admins only. */
  start: z.enum(["members", "admins"]).optional(),
  /** Named votes shown as they are cast ("live") or only at the close ("hidden", the default). */
  namedVotes: z.enum(NAMED_VOTE_VISIBILITY).optional(),
  /** How long a vote stays open when the session does not say (`/lastword team vote-deadline`). */
  voteSeconds: z.number().int().min(MIN_VOTE_SECONDS).max(MAX_VOTE_SECONDS).optional(),
});
export type VoteRules = z.infer<typeof voteRules>;

export interface TeamSnapshot {
  exists: boolean;
  /** When the team was set up (null before it exists). */
  createdAt: Date | null;
  /** When each member joined the roster: nobody owes a check-in for a quarter before that. */
  joinedAt: Record<string, Date>;
  settings: TeamSettings;
  members: Member[];
  admins: string[];
}

export const DEFAULT_SETTINGS: TeamSettings = {
  name: null,
  policy: "five",
  maxPowers: 2,
  locale: null,
  timezone: null,
  calendar: null,
  daysOff: [],
  principalMayPropose: true,
  turnSeconds: 600,
  rules: {},
  checkins: {},
};

export class TeamStore {
  constructor(private readonly db: Database) {}

  async load(ref: TeamRef): Promise<TeamSnapshot> {
    return loadTeam(this.db, teamKey(ref));
  }

  /** The team's chosen language (null: not chosen, or no team), without loading its roster. */
  async locale(ref: TeamRef): Promise<string | null> {
    const [row] = await this.db.query<{ locale: string | null }>(sql`
      SELECT locale FROM team WHERE workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId}`);
    return row?.locale ?? null;
  }

  /** The language of the team a session belongs to (null: not chosen, or no such session). */
  async localeOfSession(workspaceId: string, sessionId: string): Promise<string | null> {
    const [row] = await this.db.query<{ locale: string | null }>(sql`
      SELECT t.locale FROM session s
      JOIN team t ON t.workspace_id = s.workspace_id AND t.channel_id = s.channel_id
      WHERE s.workspace_id = ${workspaceId} AND s.id = ${sessionId}::uuid`);
    return row?.locale ?? null;
  }

  /** The teams whose check-in compliance `userId` sees: those where they are principal or discipline officer. */
  async overseenBy(workspaceId: string, userId: string): Promise<TeamRef[]> {
    return this.db.query<TeamRef>(sql`
      SELECT workspace_id AS "workspaceId", channel_id AS "channelId" FROM member
      WHERE workspace_id = ${workspaceId} AND user_id = ${userId} AND (rank = 1 OR 'discipline' = ANY(roles))
      ORDER BY channel_id`);
  }

  /** The teams `userId` is on, in the workspace. */
  async teamsOf(workspaceId: string, userId: string): Promise<TeamRef[]> {
    return this.db.query<TeamRef>(sql`
      SELECT workspace_id AS "workspaceId", channel_id AS "channelId" FROM member
      WHERE workspace_id = ${workspaceId} AND user_id = ${userId} ORDER BY channel_id`);
  }

  /** The workspaces that have at least one team. */
  async workspaces(): Promise<string[]> {
    const rows = await this.db.query<{ workspace_id: string }>(sql`SELECT DISTINCT workspace_id FROM team`);
    return rows.map((r) => r.workspace_id);
  }

  /** Every team, a page at a time, for the scheduled jobs that visit them all. */
  async *all(pageSize = 200): AsyncGenerator<TeamRef & { timezone: string | null }> {
    let after: TeamRef = { workspaceId: "", channelId: "" };
    for (;;) {
      const page = await this.db.query<TeamRef & { timezone: string | null }>(sql`
        SELECT workspace_id AS "workspaceId", channel_id AS "channelId", timezone FROM team
        WHERE (workspace_id, channel_id) > (${after.workspaceId}, ${after.channelId})
        ORDER BY workspace_id, channel_id LIMIT ${pageSize}`);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!;
    }
  }

  /**
   * Runs a change to one team with its row locked, so two admins editing at once are applied one
   * after the other. The team is created on first use, with `creator` as its first admin (and
   * the workspace's installer, when it was installed through OAuth).
   */
  async change<T>(
    team: TeamRef,
    creator: string,
    work: (tx: TeamTx, before: TeamSnapshot, created: boolean) => Promise<T>,
  ): Promise<T> {
    const ref = teamKey(team);
    // Two first uses of a channel race to create its team (and two changes to take a rank): the
    // loser runs again and finds the winner's rows, instead of telling a person something failed.
    return this.db.tx(
      async (tx) => {
        const inserted = await tx.execute(sql`
          INSERT INTO team (workspace_id, channel_id, created_by, updated_at)
          VALUES (${ref.workspaceId}, ${ref.channelId}, ${creator}, now())
          ON CONFLICT DO NOTHING`);
        if (inserted === 1) {
          // The creator, and whoever installed Lastword in the workspace through OAuth (directly
          // or org-wide): someone answerable for the app can always fix a team whose admins have
          // all left. It is an ordinary admin grant, listed with the others; the team may revoke it.
          await tx.execute(sql`
            INSERT INTO team_admin (workspace_id, channel_id, user_id, granted_by)
            VALUES (${ref.workspaceId}, ${ref.channelId}, ${creator}, ${creator})`);
          await tx.execute(sql`
            INSERT INTO team_admin (workspace_id, channel_id, user_id, granted_by)
            SELECT ${ref.workspaceId}, ${ref.channelId}, i.installer_id, i.installer_id FROM installation i
            WHERE i.id = ${ref.workspaceId}
               OR i.id = (SELECT installation_id FROM installation_workspace WHERE workspace_id = ${ref.workspaceId})
            ORDER BY (i.id = ${ref.workspaceId}) DESC LIMIT 1
            ON CONFLICT DO NOTHING`);
        }
        await tx.query(sql`
          SELECT 1 FROM team WHERE workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId} FOR UPDATE`);
        const before = await loadTeam(tx, ref);
        return work(new TeamTx(tx, ref), before, inserted === 1);
      },
      { retryOnUniqueViolation: true },
    );
  }
}

/** The writes a roster change may make, inside the transaction that holds the team's lock. */
export class TeamTx {
  constructor(
    private readonly tx: Tx,
    private readonly ref: TeamRef,
  ) {}

  load(): Promise<TeamSnapshot> {
    return loadTeam(this.tx, this.ref);
  }

  /** Writes the roster as `members`, adding, changing and removing rows as needed. */
  async saveMembers(before: readonly Member[], members: readonly Member[]): Promise<void> {
    const { tx, ref } = this;
    const keep = new Set(members.map((m) => m.userId));
    const gone = before.filter((m) => !keep.has(m.userId)).map((m) => m.userId);
    if (gone.length) {
      await tx.execute(sql`DELETE FROM member WHERE workspace_id = ${ref.workspaceId}
        AND channel_id = ${ref.channelId} AND user_id = ANY(${gone})`);
    }
    const previous = new Map(before.map((m) => [m.userId, m]));
    const changed = members.filter((m) => !sameMember(previous.get(m.userId), m));
    if (changed.length === 0) return;
    // Ranks are unique; park the changed rows on negative ranks first so that a shift (3→4, 4→5)
    // never collides with a row that has not moved yet.
    const changedIds = changed.filter((m) => previous.has(m.userId)).map((m) => m.userId);
    if (changedIds.length) {
      await tx.execute(sql`UPDATE member SET rank = -rank WHERE workspace_id = ${ref.workspaceId}
        AND channel_id = ${ref.channelId} AND user_id = ANY(${changedIds})`);
    }
    const rows = changed.map((m) => ({
      user_id: m.userId,
      rank: m.rank,
      title: m.title,
      powers: m.powers,
      roles: m.roles,
    }));
    await tx.execute(sql`
      INSERT INTO member (workspace_id, channel_id, user_id, rank, title, powers, roles, updated_at)
      SELECT ${ref.workspaceId}, ${ref.channelId}, m.user_id, m.rank, m.title,
        ARRAY(SELECT jsonb_array_elements_text(m.powers)), ARRAY(SELECT jsonb_array_elements_text(m.roles)), now()
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS m(user_id text, rank int, title text, powers jsonb, roles jsonb)
      ON CONFLICT (workspace_id, channel_id, user_id) DO UPDATE
        SET rank = EXCLUDED.rank, title = EXCLUDED.title, powers = EXCLUDED.powers, roles = EXCLUDED.roles,
            updated_at = now()`);
  }

  async updateSettings(settings: Partial<TeamSettings>): Promise<void> {
    const { ref } = this;
    const s = settings;
    // Only the columns the change names; the others keep their values.
    const sets = [
      s.name !== undefined && sql`name = ${s.name}`,
      s.policy !== undefined && sql`policy = ${s.policy}`,
      s.maxPowers !== undefined && sql`max_powers = ${s.maxPowers}`,
      s.locale !== undefined && sql`locale = ${s.locale}`,
      s.timezone !== undefined && sql`timezone = ${s.timezone}`,
      s.calendar !== undefined && sql`calendar = ${s.calendar}`,
      s.daysOff !== undefined && sql`days_off = ${s.daysOff}::text[]`,
      s.principalMayPropose !== undefined && sql`principal_may_propose = ${s.principalMayPropose}`,
      s.turnSeconds !== undefined && sql`turn_seconds = ${s.turnSeconds}`,
      s.rules !== undefined && sql`rules = ${JSON.stringify(voteRules.parse(s.rules))}::jsonb`,
      s.checkins !== undefined && sql`checkins = ${JSON.stringify(s.checkins)}::jsonb`,
      sql`updated_at = now()`,
    ].filter((set): set is Sql => set !== false);
    await this.tx.execute(sql`UPDATE team SET ${sql.join(sets, sql`, `)}
      WHERE workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId}`);
  }

  async addAdmin(userId: string, grantedBy: string): Promise<void> {
    const { ref } = this;
    await this.tx.execute(sql`
      INSERT INTO team_admin (workspace_id, channel_id, user_id, granted_by)
      VALUES (${ref.workspaceId}, ${ref.channelId}, ${userId}, ${grantedBy})
      ON CONFLICT DO NOTHING`);
  }

  async removeAdmin(userId: string): Promise<void> {
    const { ref } = this;
    await this.tx.execute(sql`
      DELETE FROM team_admin WHERE workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId}
        AND user_id = ${userId}`);
  }
}

/** Callers often pass a richer object (an actor); only the key is kept. */
function teamKey({ workspaceId, channelId }: TeamRef): TeamRef {
  return { workspaceId, channelId };
}

interface TeamRow {
  name: string | null;
  policy: string;
  max_powers: number;
  locale: string | null;
  timezone: string | null;
  calendar: string | null;
  days_off: string[];
  principal_may_propose: boolean;
  turn_seconds: number;
  rules: unknown;
  checkins: unknown;
  created_at: Date;
}
interface MemberRow {
  user_id: string;
  rank: number;
  title: string | null;
  powers: string[];
  roles: string[];
  /** When they joined, in ms since the epoch (JSON has no dates). */
  joined_ms: number;
}

/** The team, its roster and its admins in one statement: one snapshot, one round trip. */
async function loadTeam(db: Queryable, ref: TeamRef): Promise<TeamSnapshot> {
  const key = sql`workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId}`;
  const [team] = await db.query<TeamRow & { members: MemberRow[]; admins: string[] }>(sql`
    SELECT name, policy, max_powers, locale, timezone, calendar, days_off, principal_may_propose, turn_seconds,
      rules, checkins, created_at,
      (SELECT coalesce(json_agg(m ORDER BY m.rank), '[]') FROM
         (SELECT user_id, rank, title, powers, roles, extract(epoch FROM created_at)::float8 * 1000 AS joined_ms
          FROM member WHERE ${key}) m) AS members,
      (SELECT coalesce(json_agg(user_id ORDER BY created_at), '[]') FROM team_admin WHERE ${key}) AS admins
    FROM team WHERE ${key}`);
  if (!team)
    return {
      exists: false,
      createdAt: null,
      joinedAt: {},
      settings: DEFAULT_SETTINGS,
      members: [],
      admins: [],
    };
  return {
    exists: true,
    createdAt: team.created_at,
    joinedAt: Object.fromEntries(team.members.map((m) => [m.user_id, new Date(m.joined_ms)])),
    settings: {
      name: team.name,
      policy: team.policy as PrincipalPolicy,
      maxPowers: team.max_powers,
      locale: team.locale,
      timezone: team.timezone,
      calendar: team.calendar,
      daysOff: team.days_off,
      principalMayPropose: team.principal_may_propose,
      turnSeconds: team.turn_seconds,
      // A row written by an older or newer version may not parse: fall back to the defaults.
      rules: voteRules.safeParse(team.rules).data ?? {},
      checkins: team.checkins,
    },
    members: team.members.map((m) => ({
      userId: m.user_id,
      rank: m.rank,
      title: m.title,
      powers: m.powers as KeyPower[],
      roles: m.roles as MemberRole[],
    })),
    admins: team.admins,
  };
}

function sameMember(a: Member | undefined, b: Member): boolean {
  return (
    a !== undefined &&
    a.rank === b.rank &&
    a.title === b.title &&
    a.powers.join() === b.powers.join() &&
    a.roles.join() === b.roles.join()
  );
}
