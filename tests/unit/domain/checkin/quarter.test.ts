import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  daysInMonth,
  isoDate,
  weekdayOf,
} from "../../../../src/domain/checkin/calendar.ts";
import {
  addQuarters,
  compareQuarters,
  firstDay,
  lastDay,
  nextQuarter,
  parseQuarter,
  previousQuarter,
  quarterKey,
  quarterOf,
} from "../../../../src/domain/checkin/quarter.ts";

describe("quarter keys", () => {
  it("formats as 2026-Q4", () => {
    expect(quarterKey({ year: 2026, q: 4 })).toBe("2026-Q4");
    expect(quarterKey({ year: 2027, q: 1 })).toBe("2027-Q1");
  });

  it("parses the forms people type, in any case", () => {
    for (const text of [
      "2026-Q4",
      "2026Q4",
      "2026q4",
      "2026-q4",
      " 2026 Q4 ",
      "2026/Q4",
      "Q4 2026",
      "q4-2026",
      "Q42026",
    ]) {
      expect(parseQuarter(text), text).toEqual({ year: 2026, q: 4 });
    }
  });

  it("refuses what is not a quarter", () => {
    for (const text of [
      "",
      "2026",
      "Q4",
      "2026-Q5",
      "2026-Q0",
      "26-Q4",
      "2026-Q4x",
      "2026--Q4",
      "quarter 4 2026",
    ]) {
      expect(parseQuarter(text), text).toBeUndefined();
    }
  });

  it("round-trips every quarter through its key", () => {
    for (let year = 2020; year <= 2030; year++) {
      for (const q of [1, 2, 3, 4] as const)
        expect(parseQuarter(quarterKey({ year, q }))).toEqual({ year, q });
    }
  });
});

describe("quarter arithmetic", () => {
  it("steps across year ends both ways", () => {
    expect(nextQuarter({ year: 2026, q: 4 })).toEqual({ year: 2027, q: 1 });
    expect(nextQuarter({ year: 2026, q: 2 })).toEqual({ year: 2026, q: 3 });
    expect(previousQuarter({ year: 2027, q: 1 })).toEqual({ year: 2026, q: 4 });
    expect(previousQuarter({ year: 2026, q: 3 })).toEqual({ year: 2026, q: 2 });
    expect(addQuarters({ year: 2026, q: 3 }, 6)).toEqual({ year: 2028, q: 1 });
    expect(addQuarters({ year: 2026, q: 1 }, -5)).toEqual({ year: 2024, q: 4 });
    expect(compareQuarters({ year: 2026, q: 4 }, { year: 2027, q: 1 })).toBeLessThan(0);
    expect(compareQuarters({ year: 2027, q: 1 }, { year: 2027, q: 1 })).toBe(0);
  });

  it("knows each quarter's first and last calendar day", () => {
    expect(firstDay({ year: 2026, q: 4 })).toEqual({ year: 2026, month: 10, day: 1 });
    expect(lastDay({ year: 2026, q: 4 })).toEqual({ year: 2026, month: 12, day: 31 });
    expect(lastDay({ year: 2027, q: 1 })).toEqual({ year: 2027, month: 3, day: 31 });
    expect(lastDay({ year: 2027, q: 2 })).toEqual({ year: 2027, month: 6, day: 30 });
    expect(lastDay({ year: 2027, q: 3 })).toEqual({ year: 2027, month: 9, day: 30 });
    expect(firstDay({ year: 2028, q: 1 })).toEqual({ year: 2028, month: 1, day: 1 });
  });

  it("puts an instant in the quarter of the zone's calendar", () => {
    // 2026-12-31T20:00Z is already 1 January 2027 in Shanghai, still 31 December in New York.
    const newYearsEve = new Date("2026-12-31T20:00:00Z");
    expect(quarterOf(newYearsEve, "Asia/Shanghai")).toEqual({ year: 2027, q: 1 });
    expect(quarterOf(newYearsEve, "America/New_York")).toEqual({ year: 2026, q: 4 });
    expect(quarterOf(new Date("2026-07-01T03:00:00Z"), "America/Los_Angeles")).toEqual({ year: 2026, q: 2 });
    expect(quarterOf(new Date("2026-07-01T03:00:00Z"), "UTC")).toEqual({ year: 2026, q: 3 });
  });
});

describe("calendar dates", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays({ year: 2028, month: 2, day: 28 }, 1)).toEqual({ year: 2028, month: 2, day: 29 });
    expect(addDays({ year: 2027, month: 2, day: 28 }, 1)).toEqual({ year: 2027, month: 3, day: 1 });
    expect(addDays({ year: 2026, month: 12, day: 31 }, 1)).toEqual({ year: 2027, month: 1, day: 1 });
    expect(addDays({ year: 2027, month: 1, day: 3 }, -7)).toEqual({ year: 2026, month: 12, day: 27 });
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(compareDates({ year: 2026, month: 12, day: 31 }, { year: 2027, month: 1, day: 1 })).toBe(-1);
    expect(isoDate({ year: 2027, month: 3, day: 4 })).toBe("2027-03-04");
  });

  it("gives ISO weekdays, Monday 1 to Sunday 7", () => {
    expect(weekdayOf({ year: 2028, month: 1, day: 1 })).toBe(6); // Saturday
    expect(weekdayOf({ year: 2028, month: 1, day: 2 })).toBe(7); // Sunday
    expect(weekdayOf({ year: 2028, month: 1, day: 3 })).toBe(1); // Monday
    expect(weekdayOf({ year: 2026, month: 10, day: 1 })).toBe(4); // Thursday
  });
});
