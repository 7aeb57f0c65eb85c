// "First working day" and the days a deadline may fall on depend on the team's calendar (public
// holidays, make-up working days, its own days off). The domain asks; src/calendars answers.

import { addDays, type LocalDate } from "./calendar.ts";

export type IsWorkingDay = (date: LocalDate) => boolean;

/** Monday to Friday, for a team with no calendar and for tests that need no holidays. */
export const MONDAY_TO_FRIDAY: IsWorkingDay = (date) => {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d !== 0 && d !== 6;
};

/** A year without one working day would be a calendar error; stop looking after that long. */
const SEARCH_DAYS = 366;

/** `date` if it is a working day, else the next one. */
export function onOrAfter(date: LocalDate, isWorkingDay: IsWorkingDay): LocalDate {
  let day = date;
  for (let i = 0; i < SEARCH_DAYS && !isWorkingDay(day); i++) day = addDays(day, 1);
  return day;
}

/** `date` if it is a working day, else the last one before it. */
export function onOrBefore(date: LocalDate, isWorkingDay: IsWorkingDay): LocalDate {
  let day = date;
  for (let i = 0; i < SEARCH_DAYS && !isWorkingDay(day); i++) day = addDays(day, -1);
  return day;
}
