import type { RosterError } from "../domain/roster/errors.ts";
import type { NamedVoteVisibility } from "../domain/session/vote-visibility.ts";
import type { Member, MemberRole } from "../domain/roster/member.ts";
import type { PrincipalPolicy } from "../domain/roster/powers.ts";
import { SESSION_CATEGORIES, type SessionCategory } from "../domain/session/category.ts";
import type { FractionRule } from "../domain/session/quorum.ts";
import {
  addMember,
  checkMaxPowers,
  composeRoster,
  type RosterEntry,
  checkPolicyChange,
  removeMember,
  setMember,
  setRoles,
  type MemberChange,
  type MemberUpdate,
} from "../domain/roster/rules.ts";
import { changeDaysOff } from "../domain/team/settings.ts";
import type { TeamRef, TeamSettings, TeamSnapshot, TeamStore, TeamTx } from "../store/team-store.ts";

export type UseCaseError =
  | RosterError
  | { code: "notAdmin"; params: { admins: string } }
  | { code: "lastAdmin"; params: { user: string } };

export type ChangeOutcome =
  | { ok: true; team: TeamSnapshot; before: TeamSnapshot; becameFirstAdmin: boolean; shifted: string[] }
  | { ok: false; error: UseCaseError };

export interface Actor extends TeamRef {
  userId: string;
}

/** A refusal raised inside the transaction so that nothing of the attempt is kept. */
class Refused extends Error {
  constructor(readonly error: UseCaseError) {
    super(error.code);
  }
}

/**
 * The frame every roster change runs in: the team's lock, the admin check, the roster rule, the
 * save. The first person to set up a channel's team becomes its first admin (the Slack manifest
 * has no installer hook we could use instead).
 */
async function changeTeam(
  store: TeamStore,
  actor: Actor,
  apply: (before: TeamSnapshot, tx: TeamTx) => Promise<Member[] | void>,
): Promise<ChangeOutcome> {
  try {
    return await store.change(actor, actor.userId, async (tx, before, created) => {
      if (!before.admins.includes(actor.userId)) {
        throw new Refused({
          code: "notAdmin",
          params: { admins: before.admins.map((a) => `<@${a}>`).join(", ") },
        });
      }
      const members = await apply(before, tx);
      if (members) await tx.saveMembers(before.members, members);
      const after = await tx.load();
      return {
        ok: true as const,
        team: after,
        before,
        becameFirstAdmin: created,
        shifted: shiftedMembers(before.members, members ?? []),
      };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, error: err.error };
    throw err;
  }
}

function unwrap(result: { ok: true; value: Member[] } | { ok: false; error: RosterError }): Member[] {
  if (!result.ok) throw new Refused(result.error);
  return result.value;
}

export function addToRoster(store: TeamStore, actor: Actor, change: MemberChange) {
  return changeTeam(store, actor, async (before) =>
    unwrap(addMember(before.members, change, rosterPolicy(before))),
  );
}

export function updateOnRoster(store: TeamStore, actor: Actor, update: MemberUpdate) {
  return changeTeam(store, actor, async (before) =>
    unwrap(setMember(before.members, update, rosterPolicy(before))),
  );
}

export function removeFromRoster(store: TeamStore, actor: Actor, userId: string) {
  return changeTeam(store, actor, async (before) => unwrap(removeMember(before.members, userId)));
}

export function assignRoles(store: TeamStore, actor: Actor, userId: string, roles: MemberRole[]) {
  return changeTeam(store, actor, async (before) => unwrap(setRoles(before.members, userId, roles)));
}

export function choosePrincipalPolicy(store: TeamStore, actor: Actor, policy: PrincipalPolicy) {
  return changeTeam(store, actor, async (before, tx) => {
    const conflict = checkPolicyChange(before.members, policy);
    if (conflict) throw new Refused(conflict);
    await tx.updateSettings({ policy });
  });
}

export function setMaxPowers(store: TeamStore, actor: Actor, maxPowers: number) {
  return changeTeam(store, actor, async (_before, tx) => {
    const invalid = checkMaxPowers(maxPowers);
    if (invalid) throw new Refused(invalid);
    await tx.updateSettings({ maxPowers });
  });
}

/**
 * Team settings with no roster rule attached: its name, language, timezone and calendar, who may
 * propose, how long a turn lasts, check-ins. The values arrive checked (parse.ts, the domain).
 */
export function updateTeamSettings(
  store: TeamStore,
  actor: Actor,
  settings: Partial<
    Pick<
      TeamSettings,
      "name" | "locale" | "timezone" | "calendar" | "principalMayPropose" | "turnSeconds" | "checkins"
    >
  >,
) {
  return changeTeam(store, actor, (_before, tx) => tx.updateSettings(settings));
}

/** Adds a day off the holiday library does not know (or takes one away). */
export function changeDayOff(store: TeamStore, actor: Actor, date: string, remove: boolean) {
  return changeTeam(store, actor, (before, tx) =>
    tx.updateSettings({ daysOff: changeDaysOff(before.settings.daysOff, date, remove) }),
  );
}

/** Changes the team's vote threshold or one quorum rule (all categories when none is named). */
export function updateVoteRules(
  store: TeamStore,
  actor: Actor,
  change: {
    threshold?: FractionRule;
    quorum?: { rule: FractionRule; category: SessionCategory | null };
    start?: "members" | "admins";
    namedVotes?: NamedVoteVisibility;
    voteSeconds?: number;
  },
) {
  return changeTeam(store, actor, async (before, tx) => {
    const rules = { ...before.settings.rules };
    if (change.threshold) rules.threshold = change.threshold;
    if (change.start) rules.start = change.start;
    if (change.namedVotes) rules.namedVotes = change.namedVotes;
    if (change.voteSeconds) rules.voteSeconds = change.voteSeconds;
    if (change.quorum) {
      const { rule, category } = change.quorum;
      rules.quorum = category
        ? { ...rules.quorum, [category]: rule }
        : Object.fromEntries(SESSION_CATEGORIES.map((c) => [c, rule]));
    }
    await tx.updateSettings({ rules });
  });
}

/** What the setup form sets at once: the team's own settings, its key-power rule and the whole roster. */
export interface TeamSetup {
  settings: Pick<TeamSettings, "name" | "locale" | "timezone" | "calendar" | "policy">;
  roster: RosterEntry[];
}

export type SetupOutcome =
  | ChangeOutcome
  | { ok: false; memberErrors: Array<{ userId: string; error: RosterError }> };

/** The members' refusals, all of them, raised inside the transaction so that nothing is kept. */
class MembersRefused extends Error {
  constructor(readonly errors: Array<{ userId: string; error: RosterError }>) {
    super("membersRefused");
  }
}

/**
 * Sets up a channel's team, or changes it, in one change: the same rules as the commands (the
 * admin check, each member placed as `roster add` places one, the principal's barred powers under
 * the policy chosen), all or nothing.
 */
export async function setUpTeam(store: TeamStore, actor: Actor, setup: TeamSetup): Promise<SetupOutcome> {
  try {
    return await changeTeam(store, actor, async (before, tx) => {
      const composed = composeRoster(setup.roster, before.members, {
        principalPolicy: setup.settings.policy,
        maxPowers: before.settings.maxPowers,
      });
      if (!composed.ok) throw new MembersRefused(composed.errors);
      await tx.updateSettings(setup.settings);
      return composed.value;
    });
  } catch (err) {
    if (err instanceof MembersRefused) return { ok: false, memberErrors: err.errors };
    throw err;
  }
}

export function grantAdmin(store: TeamStore, actor: Actor, userId: string) {
  return changeTeam(store, actor, (_before, tx) => tx.addAdmin(userId, actor.userId));
}

export function revokeAdmin(store: TeamStore, actor: Actor, userId: string) {
  return changeTeam(store, actor, async (before, tx) => {
    // A team with no admin could never be changed again.
    if (before.admins.length === 1 && before.admins[0] === userId)
      throw new Refused({ code: "lastAdmin", params: { user: userId } });
    await tx.removeAdmin(userId);
  });
}

function rosterPolicy(team: TeamSnapshot) {
  return { principalPolicy: team.settings.policy, maxPowers: team.settings.maxPowers };
}

/** Members whose rank went up by one because a `--shift` made room; the Slack reply names them. */
function shiftedMembers(before: readonly Member[], after: readonly Member[]): string[] {
  const old = new Map(before.map((m) => [m.userId, m.rank]));
  return after.filter((m) => old.get(m.userId) === m.rank - 1).map((m) => m.userId);
}
