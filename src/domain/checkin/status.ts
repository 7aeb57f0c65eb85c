// Where one leader's check-in stands at a given moment, for reports and the escalation.

import { addLocalDays } from "./local-time.ts";

export type CheckinAnswer =
  | null
  | { kind: "done"; at: Date }
  | { kind: "snoozed"; until: Date }
  | { kind: "cannot"; reason: string; at: Date };

export const CHECKIN_STATUSES = ["done", "snoozed", "cannot", "open", "overdue"] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

/**
 * - done and cannot ("can't this quarter") are final, whenever they were given (a late done is done);
 * - with no answer: open before the deadline, overdue from the deadline instant on (the deadline is
 *   the end of the deadline day, so exactly at it the day is over);
 * - snoozed: overdue once the deadline has passed, whatever the snooze said; before it, snoozed
 *   while the snooze runs and open again once it has run out.
 */
export function checkinStatus(input: { answer: CheckinAnswer; deadline: Date }, now: Date): CheckinStatus {
  const { answer, deadline } = input;
  if (answer?.kind === "done") return "done";
  if (answer?.kind === "cannot") return "cannot";
  if (now.getTime() >= deadline.getTime()) return "overdue";
  if (answer?.kind === "snoozed" && answer.until.getTime() > now.getTime()) return "snoozed";
  return "open";
}

export const SNOOZE_CHOICES = ["day", "week"] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/**
 * When a snoozed check-in comes back: the same time of day one day or one week later on the
 * leader's clock (so a snooze across a clock change still comes back at the same hour). It may
 * fall after the deadline; the check-in is then overdue at the deadline.
 */
export function snoozeUntil(now: Date, choice: SnoozeChoice, leaderTimezone: string): Date {
  return addLocalDays(now, choice === "day" ? 1 : 7, leaderTimezone);
}
