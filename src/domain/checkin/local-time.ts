// Wall-clock time in an IANA time zone, using only Intl (the ICU data Node ships with).
// An instant is a Date; a wall-clock time is what a clock on the wall of that zone shows.

import { addDays, daysInMonth, weekdayOf, type LocalDate, type Weekday } from "./calendar.ts";

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
}

export interface LocalMoment extends LocalDateTime {
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: Weekday;
}

const DAY_MS = 86_400_000;

// One formatter per zone: building them is the slow part of Intl. A cache, not state: the same
// zone always gives the same formatter.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      calendar: "gregory",
      numberingSystem: "latn",
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone ("Asia/Shanghai", "UTC"); false for "", "Mars/Olympus" and the like. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallClock extends LocalDateTime {
  second: number;
}

function wallClock(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive: Asia/Shanghai is +8 h). */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = wallClock(epochMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The calendar date and time of day an instant shows in a zone. Throws RangeError for an unknown zone. */
export function localDate(instant: Date, timeZone: string): LocalMoment {
  const w = wallClock(instant.getTime(), timeZone);
  const date = { year: w.year, month: w.month, day: w.day };
  return { ...date, hour: w.hour, minute: w.minute, weekday: weekdayOf(date) };
}

function shows(epochMs: number, local: LocalDateTime, timeZone: string): boolean {
  const w = wallClock(epochMs, timeZone);
  return (
    w.year === local.year &&
    w.month === local.month &&
    w.day === local.day &&
    w.hour === local.hour &&
    w.minute === local.minute
  );
}

function checkLocal(local: LocalDateTime): void {
  const ok =
    Number.isInteger(local.year) &&
    Number.isInteger(local.month) &&
    local.month >= 1 &&
    local.month <= 12 &&
    Number.isInteger(local.day) &&
    local.day >= 1 &&
    local.day <= daysInMonth(local.year, local.month) &&
    Number.isInteger(local.hour) &&
    local.hour >= 0 &&
    local.hour <= 23 &&
    Number.isInteger(local.minute) &&
    local.minute >= 0 &&
    local.minute <= 59;
  if (!ok) throw new RangeError(`not a wall-clock time: ${JSON.stringify(local)}`);
}

/**
 * The instant a wall clock in `timeZone` shows `local`.
 *
 * - Normal times have one answer.
 * - A time skipped when clocks go forward (02:30 on a spring-forward night in New York) does not
 *   exist; the answer is shifted forward by the length of the gap (03:30 local, which is the same
 *   instant as 02:30 read with the offset from before the change).
 * - A time that happens twice when clocks go back (01:30 on a fall-back night) gives the first
 *   occurrence, still on summer time.
 *
 * The offsets a day before and a day after cover every transition near the time (zones change
 * offset at most once in two days); a candidate counts only if the zone really shows `local` then.
 */
export function zonedTimeToInstant(local: LocalDateTime, timeZone: string): Date {
  checkLocal(local);
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsets = [...new Set([offsetAt(naive - DAY_MS, timeZone), offsetAt(naive + DAY_MS, timeZone)])];
  const matching = offsets.map((o) => naive - o).filter((t) => shows(t, local, timeZone));
  if (matching.length > 0) return new Date(Math.min(...matching));
  // In a gap: read the time with the offset from before the change (the smaller one, since the
  // clocks went forward), which lands the length of the gap later on the wall.
  return new Date(naive - Math.min(...offsets));
}

/** The same wall-clock time `days` calendar days later in the zone (not days × 24 hours). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  const l = localDate(instant, timeZone);
  const date = addDays(l, days);
  return zonedTimeToInstant({ ...date, hour: l.hour, minute: l.minute }, timeZone);
}
