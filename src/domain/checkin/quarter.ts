// Calendar quarters: Q1 = January to March ... Q4 = October to December.

import { daysInMonth, type LocalDate } from "./calendar.ts";
import { localDate } from "./local-time.ts";

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  year: number;
  q: QuarterNumber;
}

/** "2026-Q4": the stored form, used in keys and in the database. */
export function quarterKey(quarter: Quarter): string {
  return `${quarter.year}-Q${quarter.q}`;
}

const YEAR_FIRST = /^(\d{4})\s*[-/\s]?\s*q([1-4])$/i;
const QUARTER_FIRST = /^q([1-4])\s*[-/\s]?\s*(\d{4})$/i;

/**
 * Reads a quarter typed by a person or stored by us: "2026-Q4", "2026Q4", "2026 q4", "2026/Q4",
 * "Q4 2026", "q4-2026" (any case, spaces around it ignored). Undefined for anything else.
 */
export function parseQuarter(text: string): Quarter | undefined {
  const s = text.trim();
  const a = YEAR_FIRST.exec(s);
  if (a) return { year: Number(a[1]), q: Number(a[2]) as QuarterNumber };
  const b = QUARTER_FIRST.exec(s);
  if (b) return { year: Number(b[2]), q: Number(b[1]) as QuarterNumber };
  return undefined;
}

export function quarterOfDate(date: LocalDate): Quarter {
  return { year: date.year, q: Math.ceil(date.month / 3) as QuarterNumber };
}

/** The quarter an instant falls in on the calendar of `timeZone`. */
export function quarterOf(instant: Date, timeZone: string): Quarter {
  return quarterOfDate(localDate(instant, timeZone));
}

export function addQuarters(quarter: Quarter, n: number): Quarter {
  const index = quarter.year * 4 + (quarter.q - 1) + n;
  const year = Math.floor(index / 4);
  return { year, q: (index - year * 4 + 1) as QuarterNumber };
}

export function nextQuarter(quarter: Quarter): Quarter {
  return addQuarters(quarter, 1);
}

export function previousQuarter(quarter: Quarter): Quarter {
  return addQuarters(quarter, -1);
}

/** Negative when a is earlier, 0 for the same quarter, positive when a is later. */
export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year * 4 + a.q - (b.year * 4 + b.q);
}

/** The quarter's first and last months (1..12). */
export function firstMonth(quarter: Quarter): number {
  return (quarter.q - 1) * 3 + 1;
}

export function lastMonth(quarter: Quarter): number {
  return quarter.q * 3;
}

export function firstDay(quarter: Quarter): LocalDate {
  return { year: quarter.year, month: firstMonth(quarter), day: 1 };
}

export function lastDay(quarter: Quarter): LocalDate {
  const month = lastMonth(quarter);
  return { year: quarter.year, month, day: daysInMonth(quarter.year, month) };
}

/** The later of two quarters. */
export function maxQuarter(a: Quarter, b: Quarter): Quarter {
  return compareQuarters(a, b) >= 0 ? a : b;
}
