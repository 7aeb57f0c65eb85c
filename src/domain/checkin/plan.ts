// When a team's quarterly check-ins, reminders and escalation are due: a pure plan the jobs claim
// unit by unit. Dates are worked out on the calendar first, then turned into instants in the zone
// that matters: the leader's for what reaches the leader, the team's for the deadline and escalation.

import { addDays, type LocalDate } from "./calendar.ts";
import { isValidTimeZone, zonedTimeToInstant } from "./local-time.ts";
import {
  firstDay,
  firstMonth,
  lastDay,
  lastMonth,
  parseQuarter,
  quarterKey,
  type Quarter,
} from "./quarter.ts";
import type { CheckinSettings, UserId } from "./settings.ts";
import { MONDAY_TO_FRIDAY, onOrAfter, onOrBefore, type IsWorkingDay } from "./working-days.ts";
import type { Member } from "../roster/member.ts";

/**
 * The first working day of the quarter on the team's calendar (Monday to Friday without one):
 * with China's calendar, not 1 January nor the Spring Festival week, but a make-up Saturday is.
 */
export function firstWorkingDay(quarter: Quarter, isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY): LocalDate {
  return onOrAfter(firstDay(quarter), isWorkingDay);
}

/** A numbered send day that falls on a day off moves to the next working day. */
export function sendDate(
  quarter: Quarter,
  settings: CheckinSettings,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): LocalDate {
  if (settings.sendDay === "first-working-day") return firstWorkingDay(quarter, isWorkingDay);
  return onOrAfter({ year: quarter.year, month: firstMonth(quarter), day: settings.sendDay }, isWorkingDay);
}

/** The last calendar day on which an answer is on time. */
export function deadlineDate(quarter: Quarter, settings: CheckinSettings): LocalDate {
  if (settings.deadlineDay === "last-day") return lastDay(quarter);
  return { year: quarter.year, month: lastMonth(quarter), day: settings.deadlineDay };
}

/** A reminder due on a day off comes on the working day before: nobody reads it on a holiday. */
export function reminderDate(
  quarter: Quarter,
  settings: CheckinSettings,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): LocalDate {
  return onOrBefore(addDays(deadlineDate(quarter, settings), -settings.reminderDaysBefore), isWorkingDay);
}

/** The first working day after the deadline day. */
export function escalationDate(
  quarter: Quarter,
  settings: CheckinSettings,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): LocalDate {
  return onOrAfter(addDays(deadlineDate(quarter, settings), 1), isWorkingDay);
}

const at = (date: LocalDate, hour: number, timeZone: string): Date =>
  zonedTimeToInstant({ ...date, hour, minute: 0 }, timeZone);

/** The check-in goes out on the send day at sendHour:00 on the leader's clock. */
export function sendAt(
  quarter: Quarter,
  settings: CheckinSettings,
  leaderTimezone: string,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): Date {
  return at(sendDate(quarter, settings, isWorkingDay), settings.sendHour, leaderTimezone);
}

/** The end of the deadline day (00:00 of the next day) in the team's zone: from then on, overdue. */
export function deadlineAt(quarter: Quarter, settings: CheckinSettings, teamTimezone: string): Date {
  return at(addDays(deadlineDate(quarter, settings), 1), 0, teamTimezone);
}

/** sendHour on the deadline day minus reminderDaysBefore, on the leader's clock. */
export function reminderAt(
  quarter: Quarter,
  settings: CheckinSettings,
  leaderTimezone: string,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): Date {
  return at(reminderDate(quarter, settings, isWorkingDay), settings.sendHour, leaderTimezone);
}

/** sendHour on the day after the deadline day in the team's zone: working hours, not midnight. */
export function escalationAt(
  quarter: Quarter,
  settings: CheckinSettings,
  teamTimezone: string,
  isWorkingDay: IsWorkingDay = MONDAY_TO_FRIDAY,
): Date {
  return at(escalationDate(quarter, settings, isWorkingDay), settings.sendHour, teamTimezone);
}

export type CheckinUnitKind = "send" | "remind" | "escalate";

/** One unit of work a job claims and does once. `key` is unique within a team and stable across runs. */
export interface CheckinUnit {
  kind: CheckinUnitKind;
  /** The leader it is for; null for the team's escalation. */
  userId: UserId | null;
  dueAt: Date;
  key: string;
}

export function unitKey(quarter: Quarter, kind: CheckinUnitKind, userId: UserId | null): string {
  return kind === "escalate"
    ? `checkin:${quarterKey(quarter)}:escalate`
    : `checkin:${quarterKey(quarter)}:${userId}:${kind}`;
}

/** Reads a key made by unitKey; undefined for anything else. */
export function parseUnitKey(
  key: string,
): { quarter: Quarter; kind: CheckinUnitKind; userId: UserId | null } | undefined {
  const parts = key.split(":");
  if (parts[0] !== "checkin") return undefined;
  const quarter = parseQuarter(parts[1] ?? "");
  if (!quarter || quarterKey(quarter) !== parts[1]) return undefined;
  if (parts.length === 3 && parts[2] === "escalate") return { quarter, kind: "escalate", userId: null };
  if (parts.length === 4 && parts[2] && (parts[3] === "send" || parts[3] === "remind"))
    return { quarter, kind: parts[3], userId: parts[2] };
  return undefined;
}

export interface PlanInput {
  quarter: Quarter;
  /** The roster, in the order the units should come in (normally rank order). */
  members: readonly Member[];
  settings: CheckinSettings;
  teamTimezone: string;
  /** Each leader's zone from their Slack profile; missing, null or unknown zones use the team's. */
  leaderTimezones: Readonly<Record<UserId, string | null | undefined>>;
  /** The team's calendar; Monday to Friday when not given. */
  isWorkingDay?: IsWorkingDay;
}

/** The zone a leader's check-in and reminder follow. */
export function leaderTimezone(
  userId: UserId,
  leaderTimezones: PlanInput["leaderTimezones"],
  teamTimezone: string,
): string {
  const tz = Object.hasOwn(leaderTimezones, userId) ? leaderTimezones[userId] : undefined;
  return tz && isValidTimeZone(tz) ? tz : teamTimezone;
}

/**
 * Every unit for a team and quarter: for each member not excluded, in roster order, a send and a
 * reminder; then one escalation for the team. A reminder that would not come after the send is
 * left out; so is the escalation when nobody gets a check-in. Units already due are still listed:
 * whether to do late ones (a member added mid-quarter) is the job's call.
 */
export function planUnits(input: PlanInput): CheckinUnit[] {
  const { quarter, settings, teamTimezone } = input;
  const days = input.isWorkingDay ?? MONDAY_TO_FRIDAY;
  const excluded = new Set(settings.excluded);
  const units: CheckinUnit[] = [];
  const seen = new Set<UserId>();
  for (const member of input.members) {
    if (excluded.has(member.userId) || seen.has(member.userId)) continue;
    seen.add(member.userId);
    const tz = leaderTimezone(member.userId, input.leaderTimezones, teamTimezone);
    const send = sendAt(quarter, settings, tz, days);
    units.push({
      kind: "send",
      userId: member.userId,
      dueAt: send,
      key: unitKey(quarter, "send", member.userId),
    });
    const remind = reminderAt(quarter, settings, tz, days);
    if (remind.getTime() > send.getTime()) {
      units.push({
        kind: "remind",
        userId: member.userId,
        dueAt: remind,
        key: unitKey(quarter, "remind", member.userId),
      });
    }
  }
  if (seen.size > 0) {
    units.push({
      kind: "escalate",
      userId: null,
      dueAt: escalationAt(quarter, settings, teamTimezone, days),
      key: unitKey(quarter, "escalate", null),
    });
  }
  return units;
}
