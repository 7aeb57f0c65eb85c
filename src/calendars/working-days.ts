// Which days a team works, from maintained holiday data rather than a table of our own:
// `date-holidays` for a country's public holidays, and for China `chinese-days`, which also knows
// the official make-up working days (调休: a Saturday or Sunday worked in exchange for a holiday).
// chinese-days 1.5.x carries the State Council's schedules for 2004 to 2026; for a later year it
// does not know yet, China's public holidays come from date-holidays and no weekend is worked.
// Both libraries are loaded on first use: date-holidays holds every country (~14 MB of heap).

import { isoDate, weekdayOf, type LocalDate } from "../domain/checkin/calendar.ts";
import type { IsWorkingDay } from "../domain/checkin/working-days.ts";

type HolidayLib = typeof import("date-holidays").default;
type ChineseDays = typeof import("chinese-days").default;

let libraries: Promise<{ Holidays: HolidayLib; chineseDays: ChineseDays }> | undefined;
const load = () =>
  (libraries ??= Promise.all([import("date-holidays"), import("chinese-days")]).then(([h, c]) => ({
    Holidays: h.default,
    chineseDays: c.default,
  })));

/** The years chinese-days has the official schedule for, read from its own data. */
export async function chineseScheduleYears(): Promise<{ first: number; last: number }> {
  const { chineseDays } = await load();
  const years = [...chineseDays.getHolidaysInRange("2000-01-01", "2100-12-31", false)].map((d) =>
    Number(d.slice(0, 4)),
  );
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** Country codes date-holidays knows ("CN", "US", ...): what `/lastword team calendar` accepts. */
export async function isKnownCalendar(country: string): Promise<boolean> {
  const { Holidays } = await load();
  return Object.hasOwn(new Holidays().getCountries(), country);
}

const publicHolidays = new Map<string, Set<string>>();

/** A country's full-day public holidays in a year, as "2027-01-01". */
function holidaysOf(Holidays: HolidayLib, country: string, year: number): Set<string> {
  const key = `${country}:${year}`;
  let days = publicHolidays.get(key);
  if (!days) {
    // Half days (China's 8 March afternoon for women) and observances are working days.
    const list = new Holidays(country).getHolidays(year) || [];
    days = new Set(
      list.filter((h) => h.type === "public" && h.date.endsWith(" 00:00:00")).map((h) => h.date.slice(0, 10)),
    );
    publicHolidays.set(key, days);
  }
  return days;
}

/**
 * The working days of a team: Monday to Friday without a calendar; with one, the country's public
 * holidays are off (and for China the make-up days are worked); the team's own days off are off.
 */
export async function workingDaysOf(
  calendar: string | null,
  daysOff: readonly string[],
): Promise<IsWorkingDay> {
  const own = new Set(daysOff);
  const weekday = (date: LocalDate) => weekdayOf(date) <= 5;
  if (!calendar) return (date) => !own.has(isoDate(date)) && weekday(date);
  const { Holidays, chineseDays } = await load();
  const schedule = calendar === "CN" ? await chineseScheduleYears() : undefined;
  return (date) => {
    const day = isoDate(date);
    if (own.has(day)) return false;
    if (schedule && date.year >= schedule.first && date.year <= schedule.last)
      return chineseDays.isWorkday(day);
    return weekday(date) && !holidaysOf(Holidays, calendar, date.year).has(day);
  };
}
