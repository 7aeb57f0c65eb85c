import type { SessionEvent } from "../domain/session/events.ts";
import type { LoadedSession } from "../store/session-store.ts";
import type { TeamSnapshot, TeamStore } from "../store/team-store.ts";

/**
 * Who may start a session and who may act as its chair: one place for both rules, asked by every
 * listener before it records anything or opens a form.
 *
 * - Starting: roster members and roster admins, or only admins when the team's rules say
 *   `start: "admins"` (`/lastword policy start admins`).
 * - Chairing: the member who started the session, as long as they are still a roster member or
 *   admin, and any roster admin. A chair taken off the roster loses the chair with it.
 *
 * The decider still checks that the actor is the chair or an admin (`byIsAdmin`); this module adds
 * what only the team's roster as it is now can say.
 */

export const START_POLICIES = ["members", "admins"] as const;
export type StartPolicy = (typeof START_POLICIES)[number];

export type PermissionError =
  | { code: "startMembersOnly"; params: Record<string, never> }
  | { code: "startAdminsOnly"; params: Record<string, never> }
  | { code: "notChair"; params: { chairId: string } }
  | { code: "chairLeftRoster"; params: Record<string, never> };

export function startPolicyOf(team: TeamSnapshot): StartPolicy {
  return team.settings.rules.start ?? "members";
}

function isMember(team: TeamSnapshot, userId: string): boolean {
  return team.members.some((m) => m.userId === userId);
}

function isAdmin(team: TeamSnapshot, userId: string): boolean {
  return team.admins.includes(userId);
}

/** Null when `userId` may start a session in this team; otherwise why not. */
export function startRefusal(team: TeamSnapshot, userId: string): PermissionError | null {
  if (isAdmin(team, userId)) return null;
  if (startPolicyOf(team) === "admins") return { code: "startAdminsOnly", params: {} };
  return isMember(team, userId) ? null : { code: "startMembersOnly", params: {} };
}

export type ChairPermission = { ok: true; byIsAdmin: boolean } | { ok: false; error: PermissionError };

/** Whether `userId` may act as the chair of the session that `events` record, in `team` as it is now. */
export function chairPermission(
  team: TeamSnapshot,
  events: readonly SessionEvent[],
  userId: string,
): ChairPermission {
  if (isAdmin(team, userId)) return { ok: true, byIsAdmin: true };
  const started = events[0];
  const chairId = started?.type === "started" ? started.chairId : "";
  if (userId !== chairId) return { ok: false, error: { code: "notChair", params: { chairId } } };
  if (!isMember(team, userId)) return { ok: false, error: { code: "chairLeftRoster", params: {} } };
  return { ok: true, byIsAdmin: false };
}

/** `chairPermission` against the team as it is stored now. */
export async function chairPermissionFor(
  teams: Pick<TeamStore, "load">,
  session: Pick<LoadedSession, "row" | "events">,
  userId: string,
): Promise<ChairPermission> {
  return chairPermission(await teams.load(session.row), session.events, userId);
}
