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
  /** A leader's timezone from their Slack profile, or null when unknown. */
  timezoneOf: (userId: string) => Promise<string | null>;
}

export const CHECKIN_JOB_KINDS: Record<CheckinUnitKind | "snooze", string> = {
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
export async function planQuarter(deps: CheckinDeps, team: TeamRef, quarter: Quarter, options: { now?: boolean } = {}): Promise<number> {
  const snapshot = await deps.teams.load(team);
  if (!snapshot.exists || snapshot.members.length === 0) return 0;
  const settings = readCheckinSettings(snapshot.settings.checkins);
  const teamTimezone = snapshot.settings.timezone ?? deps.defaultTimezone;
  const leaderTimezones: Record<string, string | null> = {};
  for (const m of snapshot.members) leaderTimezones[m.userId] = await deps.timezoneOf(m.userId);
  const units = planUnits({ quarter, members: snapshot.members, settings, teamTimezone, leaderTimezones });
  const now = deps.clock();
  const jobs: NewJob[] = units.map((u) => ({
    workspaceId: team.workspaceId,
    key: jobKey(team.channelId, u.key),
    kind: CHECKIN_JOB_KINDS[u.kind],
    dueAt: options.now && u.kind === "send" && u.dueAt > now ? now : u.dueAt,
    payload: { channelId: team.channelId, quarter: quarterKey(quarter), userId: u.userId } satisfies CheckinJobPayload,
  }));
  await deps.jobs.schedule(jobs);
  if (options.now) {
    const sends = jobs.filter((j) => j.kind === CHECKIN_JOB_KINDS.send).map((j) => j.key);
    await deps.jobs.bringForward(team.workspaceId, sends, now);
  }
  return units.length;
}

/** Plans the current quarter of every team; what is already planned is left as it is. */
export async function planCurrentQuarters(deps: CheckinDeps): Promise<number> {
  let units = 0;
  for await (const team of deps.teams.all()) {
    const timezone = team.timezone ?? deps.defaultTimezone;
    units += await planQuarter(deps, team, quarterOf(deps.clock(), timezone));
  }
  return units;
}

/** Job keys are unique per workspace; the channel makes them unique per team. */
export function jobKey(channelId: string, unitKey: string): string {
  return `${channelId}:${unitKey}`;
}
