// A team's own settings that are not roster rules: what it is called, its language, its clock and
// its calendar. Checked here so that the command, a form and the store agree on what is valid.

import { compareDates, isoDate, type LocalDate } from "../checkin/calendar.ts";

/** "2027-02-10" naming a day that exists on the calendar (not 2027-02-30). */
export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

export function parseCalendarDate(text: string): LocalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isoDate(date) === text &&
    new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDate() === date.day
    ? date
    : undefined;
}

/** A team's own days off with one added or taken away, kept sorted and without repeats. */
export function changeDaysOff(daysOff: readonly string[], date: string, remove: boolean): string[] {
  const days = new Set(daysOff);
  if (remove) days.delete(date);
  else days.add(date);
  return [...days].sort((a, b) => compareDates(parseCalendarDate(a)!, parseCalendarDate(b)!));
}

/**
 * An IANA zone as Intl spells it ("asia/shanghai" → "Asia/Shanghai"); undefined for anything else,
 * including bare abbreviations like "CST" that name different zones in different places.
 */
export function canonicalTimeZone(text: string): string | undefined {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(text) && text.toUpperCase() !== "UTC") return undefined;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
