import type { RosterError, RosterResult } from "./errors.ts";
import { ok, refuse } from "./errors.ts";
import { isPrincipal, PRINCIPAL_RANK, type Member } from "./member.ts";
import { powersBarredFromPrincipal, type KeyPower, type PrincipalPolicy } from "./powers.ts";

export interface RosterPolicy {
  principalPolicy: PrincipalPolicy;
  /** How many key powers one deputy should hold (分段设权、分岗设权): above it, a warning. */
  maxPowers: number;
}

export const DEFAULT_MAX_POWERS = 2;

export interface MemberChange {
  userId: string;
  rank: number;
  title: string | null;
  powers: KeyPower[];
  /** Take the rank even when it is held, moving the holder and those right below them down one. */
  shift: boolean;
}

/** Members in rank order, the principal first (the roster's display order, not the speaking order). */
export function byRank(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) => a.rank - b.rank);
}

export function addMember(
  roster: readonly Member[],
  change: MemberChange,
  policy: RosterPolicy,
): RosterResult<Member[]> {
  if (roster.some((m) => m.userId === change.userId))
    return refuse({ code: "alreadyOnRoster", params: { user: change.userId } });
  return placeMember(roster, { ...change, roles: [] }, policy);
}

/** What `set` changes: the rank always; title and powers only when given. Roles stay. */
export type MemberUpdate = Omit<MemberChange, "title" | "powers"> & {
  title?: string | null;
  powers?: KeyPower[];
};

export function setMember(
  roster: readonly Member[],
  update: MemberUpdate,
  policy: RosterPolicy,
): RosterResult<Member[]> {
  const current = roster.find((m) => m.userId === update.userId);
  if (!current) return refuse({ code: "notOnRoster", params: { user: update.userId } });
  const others = roster.filter((m) => m.userId !== update.userId);
  return placeMember(
    others,
    {
      ...update,
      title: update.title ?? current.title,
      powers: update.powers ?? current.powers,
      roles: current.roles,
    },
    policy,
  );
}

/** One member as the setup form gives them: the whole roster is given at once. */
export type RosterEntry = Omit<MemberChange, "shift">;

export type ComposedRoster =
  | { ok: true; value: Member[] }
  | { ok: false; errors: Array<{ userId: string; error: RosterError }> };

/**
 * A whole roster given at once (the setup form), each member placed by the rule `add` uses and none
 * moving another. Members keep their roles. Every refusal is returned with the member it concerns,
 * so that a form can show each next to its field.
 */
export function composeRoster(
  entries: readonly RosterEntry[],
  previous: readonly Member[],
  policy: RosterPolicy,
): ComposedRoster {
  const roles = new Map(previous.map((m) => [m.userId, m.roles]));
  const errors: Array<{ userId: string; error: RosterError }> = [];
  let roster: Member[] = [];
  for (const entry of entries) {
    const placed = placeMember(
      roster,
      { ...entry, roles: roles.get(entry.userId) ?? [], shift: false },
      policy,
    );
    if (placed.ok) roster = placed.value;
    else errors.push({ userId: entry.userId, error: placed.error });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: roster };
}

export function removeMember(roster: readonly Member[], userId: string): RosterResult<Member[]> {
  if (!roster.some((m) => m.userId === userId))
    return refuse({ code: "notOnRoster", params: { user: userId } });
  return ok(roster.filter((m) => m.userId !== userId));
}

export function setRoles(
  roster: readonly Member[],
  userId: string,
  roles: Member["roles"],
): RosterResult<Member[]> {
  if (!roster.some((m) => m.userId === userId))
    return refuse({ code: "notOnRoster", params: { user: userId } });
  return ok(roster.map((m) => (m.userId === userId ? { ...m, roles: [...new Set(roles)] } : m)));
}

/** A team switching rule must not leave its current principal holding a power the new rule bars. */
export function checkPolicyChange(
  roster: readonly Member[],
  policy: PrincipalPolicy,
): RosterError | undefined {
  const principal = roster.find(isPrincipal);
  return principal && barredPowerError("policyConflictsWithPrincipal", principal, policy);
}

export function checkMaxPowers(value: number): RosterError | undefined {
  return Number.isInteger(value) && value >= 0 && value <= 8
    ? undefined
    : { code: "maxPowersInvalid", params: { value } };
}

export interface BalanceWarning {
  userId: string;
  powers: KeyPower[];
  max: number;
}

/** Deputies holding more key powers than the team's limit; shown on every roster view. */
export function balanceWarnings(roster: readonly Member[], maxPowers: number): BalanceWarning[] {
  return byRank(roster)
    .filter((m) => !isPrincipal(m) && m.powers.length > maxPowers)
    .map((m) => ({ userId: m.userId, powers: m.powers, max: maxPowers }));
}

function placeMember(
  others: readonly Member[],
  member: Omit<Member, "powers" | "title"> & MemberChange,
  policy: RosterPolicy,
) {
  const { shift, ...fields } = member;
  const placed: Member = { ...fields, powers: [...new Set(member.powers)] };
  if (!Number.isInteger(placed.rank) || placed.rank < PRINCIPAL_RANK)
    return refuse<Member[]>({ code: "rankInvalid", params: { rank: placed.rank } });
  if (isPrincipal(placed)) {
    const barred = barredPowerError("principalPowerBarred", placed, policy.principalPolicy);
    if (barred) return refuse<Member[]>(barred);
  }
  const holder = others.find((m) => m.rank === placed.rank);
  if (!holder) return ok(byRank([...others, placed]));
  if (!shift)
    return refuse<Member[]>({ code: "rankTaken", params: { rank: placed.rank, holder: holder.userId } });
  const shifted = shiftDownFrom(others, placed.rank);
  return ok(byRank([...shifted, placed]));
}

/**
 * Moves the member at `rank`, and the unbroken run of ranks right below, down one place. Members
 * after a gap keep their rank, so inserting disturbs as few people as possible.
 */
function shiftDownFrom(members: readonly Member[], rank: number): Member[] {
  const taken = new Set(members.map((m) => m.rank));
  let end = rank;
  while (taken.has(end + 1)) end++;
  return members.map((m) => (m.rank >= rank && m.rank <= end ? { ...m, rank: m.rank + 1 } : m));
}

function barredPowerError(
  code: "principalPowerBarred" | "policyConflictsWithPrincipal",
  member: Member,
  policy: PrincipalPolicy,
): RosterError | undefined {
  const barred = powersBarredFromPrincipal(policy);
  const held = member.powers.filter((p) => barred.includes(p));
  if (held.length === 0) return undefined;
  return { code, params: { user: member.userId, powers: held.join(","), policy } };
}
