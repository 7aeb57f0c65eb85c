import { workingDaysOf } from "../calendars/working-days.ts";
import { planUnits, type CheckinUnitKind } from "../domain/checkin/plan.ts";
import { quarterKey, quarterOf, type Quarter } from "../domain/checkin/quarter.ts";
import { readCheckinSettings } from "../domain/checkin/settings.ts";
import type { CheckinStore } from "../store/checkin-store.ts";
import type { JobStore, NewJob } from "../store/job-store.ts";
import type { TeamRef, TeamStore } from "../store/team-store.ts";

export interface CheckinDeps {
  teams: TeamStore;
  checkins: CheckinStore;
  jobs: JobStore;
  clock: () => Date;
  defaultTimezone: string;
  /** Leaders' timezones from their Slack profiles; absent or null when unknown. */
  timezonesOf: (workspaceId: string, userIds: string[]) => Promise<Map<string, string | null>>;
}

export const CHECKIN_JOB_KINDS: Record<CheckinUnitKind | "snooze" | "plan", string> = {
  plan: "checkin.plan",
  send: "checkin.send",
  remind: "checkin.remind",
  escalate: "checkin.escalate",
  snooze: "checkin.snooze",
};

/** What every check-in job carries; the leader is absent for the team's escalation. */
export interface CheckinJobPayload {
  channelId: string;
  quarter: string;
  userId: string | null;
}

/**
 * Schedules a team's check-ins for a quarter as jobs keyed by (team, leader, quarter, kind):
 * planning twice, on any number of replicas, schedules each unit once. `now` sends (for an
 * operator's `/lastword checkins run`) bring the quarter's unsent check-ins forward to now.
 */
export async function planQuarter(
  deps: CheckinDeps,
  team: TeamRef,
  quarter: Quarter,
  options: { now?: boolean } = {},
): Promise<number> {
  const snapshot = await deps.teams.load(team);
  if (!snapshot.exists || snapshot.members.length === 0) return 0;
  const settings = readCheckinSettings(snapshot.settings.checkins);
  const teamTimezone = snapshot.settings.timezone ?? deps.defaultTimezone;
  const timezones = await deps.timezonesOf(
    team.workspaceId,
    snapshot.members.map((m) => m.userId),
  );
  const leaderTimezones = Object.fromEntries(
    snapshot.members.map((m) => [m.userId, timezones.get(m.userId) ?? null]),
  );
  const isWorkingDay = await workingDaysOf(snapshot.settings.calendar, snapshot.settings.daysOff);
  const units = planUnits({
    quarter,
    members: snapshot.members,
    settings,
    teamTimezone,
    leaderTimezones,
    isWorkingDay,
  });
  const now = deps.clock();
  const jobs: NewJob[] = units.map((u) => ({
    workspaceId: team.workspaceId,
    key: jobKey(team.channelId, u.key),
    kind: CHECKIN_JOB_KINDS[u.kind],
    dueAt: options.now && u.kind === "send" && u.dueAt > now ? now : u.dueAt,
    payload: {
      channelId: team.channelId,
      quarter: quarterKey(quarter),
      userId: u.userId,
    } satisfies CheckinJobPayload,
  }));
  await deps.jobs.schedule(jobs);
  if (options.now) {
    const sends = jobs.filter((j) => j.kind === CHECKIN_JOB_KINDS.send).map((j) => j.key);
    await deps.jobs.bringForward(team.workspaceId, sends, now);
  }
  return units.length;
}

/** A quarter is planned this long before it begins, so a leader ahead of the team's timezone is not late. */
const PLAN_AHEAD_MS = 2 * 24 * 3_600_000;

/**
 * Plans the current quarter of every team in the workspace, and the next one when it begins
 * within two days (in the team's timezone); what is already planned is left as it is.
 */
export async function planCurrentQuarters(deps: CheckinDeps, workspaceId: string): Promise<number> {
  let units = 0;
  const now = deps.clock();
  for await (const team of deps.teams.all()) {
    if (team.workspaceId !== workspaceId) continue;
    const timezone = team.timezone ?? deps.defaultTimezone;
    const current = quarterOf(now, timezone);
    const ahead = quarterOf(new Date(now.getTime() + PLAN_AHEAD_MS), timezone);
    units += await planQuarter(deps, team, current);
    if (quarterKey(ahead) !== quarterKey(current)) units += await planQuarter(deps, team, ahead);
  }
  return units;
}

/**
 * The hourly planning job of each workspace with a team: one per hour (its key), so any number
 * of replicas plan once, on whichever claims it, outside the scheduler's tick.
 */
export async function schedulePlanning(deps: Pick<CheckinDeps, "teams" | "jobs" | "clock">): Promise<void> {
  const now = deps.clock();
  const hour = now.toISOString().slice(0, 13);
  const jobs: NewJob[] = (await deps.teams.workspaces()).map((workspaceId) => ({
    workspaceId,
    key: `checkin-plan:${hour}`,
    kind: CHECKIN_JOB_KINDS.plan,
    dueAt: now,
    payload: {},
  }));
  await deps.jobs.schedule(jobs);
}

/** Job keys are unique per workspace; the channel makes them unique per team. */
export function jobKey(channelId: string, unitKey: string): string {
  return `${channelId}:${unitKey}`;
}
