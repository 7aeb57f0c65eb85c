import { z } from "zod";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Member, MemberRole } from "../domain/roster/member.ts";
import { SESSION_CATEGORIES } from "../domain/session/category.ts";
import { NAMED_VOTE_VISIBILITY } from "../domain/session/vote-visibility.ts";
import type { KeyPower, PrincipalPolicy } from "../domain/roster/powers.ts";
import type { Db } from "./prisma-client.ts";

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

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export class TeamStore {
  constructor(private readonly db: Db) {}

  async load(ref: TeamRef): Promise<TeamSnapshot> {
    return loadTeam(this.db, teamKey(ref));
  }

  /** The teams whose check-in compliance `userId` sees: those where they are principal or discipline officer. */
  async overseenBy(workspaceId: string, userId: string): Promise<TeamRef[]> {
    return this.db.member.findMany({
      where: { workspaceId, userId, OR: [{ rank: 1 }, { roles: { has: "discipline" } }] },
      select: { workspaceId: true, channelId: true },
      orderBy: { channelId: "asc" },
    });
  }

  /** The teams `userId` is on, in the workspace. */
  async teamsOf(workspaceId: string, userId: string): Promise<TeamRef[]> {
    return this.db.member.findMany({
      where: { workspaceId, userId },
      select: { workspaceId: true, channelId: true },
      orderBy: { channelId: "asc" },
    });
  }

  /** The workspaces that have at least one team. */
  async workspaces(): Promise<string[]> {
    return (await this.db.team.findMany({ distinct: ["workspaceId"], select: { workspaceId: true } })).map(
      (t) => t.workspaceId,
    );
  }

  /** Every team, a page at a time, for the scheduled jobs that visit them all. */
  async *all(pageSize = 200): AsyncGenerator<TeamRef & { timezone: string | null }> {
    let after: TeamRef | undefined;
    for (;;) {
      const page = await this.db.team.findMany({
        where: after
          ? {
              OR: [
                { workspaceId: { gt: after.workspaceId } },
                { workspaceId: after.workspaceId, channelId: { gt: after.channelId } },
              ],
            }
          : {},
        orderBy: [{ workspaceId: "asc" }, { channelId: "asc" }],
        take: pageSize,
        select: { workspaceId: true, channelId: true, timezone: true },
      });
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!;
    }
  }

  /**
   * Runs a change to one team with its row locked, so two admins editing at once are applied one
   * after the other. The team is created on first use, with `creator` as its first admin.
   */
  async change<T>(
    team: TeamRef,
    creator: string,
    work: (tx: TeamTx, before: TeamSnapshot, created: boolean) => Promise<T>,
  ): Promise<T> {
    const ref = teamKey(team);
    return this.db.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO team (workspace_id, channel_id, created_by, updated_at)
        VALUES (${ref.workspaceId}, ${ref.channelId}, ${creator}, now())
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) {
        await tx.teamAdmin.create({ data: { ...ref, userId: creator, grantedBy: creator } });
      }
      await tx.$queryRaw`SELECT 1 FROM team WHERE workspace_id = ${ref.workspaceId} AND channel_id = ${ref.channelId} FOR UPDATE`;
      const before = await loadTeam(tx, ref);
      return work(new TeamTx(tx, ref), before, inserted === 1);
    });
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
    if (gone.length) await tx.member.deleteMany({ where: { ...ref, userId: { in: gone } } });
    const previous = new Map(before.map((m) => [m.userId, m]));
    const changed = members.filter((m) => !sameMember(previous.get(m.userId), m));
    if (changed.length === 0) return;
    // Ranks are unique; park the changed rows on negative ranks first so that a shift (3→4, 4→5)
    // never collides with a row that has not moved yet.
    const changedIds = changed.filter((m) => previous.has(m.userId)).map((m) => m.userId);
    if (changedIds.length) {
      await tx.$executeRaw`UPDATE member SET rank = -rank WHERE workspace_id = ${ref.workspaceId}
        AND channel_id = ${ref.channelId} AND user_id = ANY(${changedIds})`;
    }
    for (const m of changed) {
      const data = { rank: m.rank, title: m.title, powers: m.powers, roles: m.roles };
      await tx.member.upsert({
        where: { workspaceId_channelId_userId: { ...ref, userId: m.userId } },
        create: { ...ref, userId: m.userId, ...data },
        update: data,
      });
    }
  }

  async updateSettings({ rules, checkins, ...settings }: Partial<TeamSettings>): Promise<void> {
    await this.tx.team.update({
      where: { workspaceId_channelId: this.ref },
      data: {
        ...settings,
        ...(rules ? { rules: voteRules.parse(rules) } : {}),
        ...(checkins !== undefined ? { checkins: checkins as Prisma.InputJsonValue } : {}),
      },
    });
  }

  async addAdmin(userId: string, grantedBy: string): Promise<void> {
    await this.tx.teamAdmin.upsert({
      where: { workspaceId_channelId_userId: { ...this.ref, userId } },
      create: { ...this.ref, userId, grantedBy },
      update: {},
    });
  }

  async removeAdmin(userId: string): Promise<void> {
    await this.tx.teamAdmin.deleteMany({ where: { ...this.ref, userId } });
  }
}

/** Callers often pass a richer object (an actor); Prisma refuses unknown fields in a key. */
function teamKey({ workspaceId, channelId }: TeamRef): TeamRef {
  return { workspaceId, channelId };
}

async function loadTeam(db: Db | Tx, ref: TeamRef): Promise<TeamSnapshot> {
  const team = await db.team.findUnique({
    where: { workspaceId_channelId: ref },
    include: { members: { orderBy: { rank: "asc" } }, admins: { orderBy: { createdAt: "asc" } } },
  });
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
    createdAt: team.createdAt,
    joinedAt: Object.fromEntries(team.members.map((m) => [m.userId, m.createdAt])),
    settings: {
      name: team.name,
      policy: team.policy as PrincipalPolicy,
      maxPowers: team.maxPowers,
      locale: team.locale,
      timezone: team.timezone,
      calendar: team.calendar,
      daysOff: team.daysOff,
      principalMayPropose: team.principalMayPropose,
      turnSeconds: team.turnSeconds,
      // A row written by an older or newer version may not parse: fall back to the defaults.
      rules: voteRules.safeParse(team.rules).data ?? {},
      checkins: team.checkins,
    },
    members: team.members.map((m) => ({
      userId: m.userId,
      rank: m.rank,
      title: m.title,
      powers: m.powers as KeyPower[],
      roles: m.roles as MemberRole[],
    })),
    admins: team.admins.map((a) => a.userId),
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
