import { describe, expect, it } from "vitest";
import { chineseScheduleYears, isKnownCalendar, workingDaysOf } from "../../../src/calendars/working-days.ts";
import { escalationAt, firstWorkingDay, planUnits, reminderAt } from "../../../src/domain/checkin/plan.ts";
import { DEFAULT_CHECKIN_SETTINGS } from "../../../src/domain/checkin/settings.ts";

const day = (text: string) => {
  const [year, month, d] = text.split("-").map(Number);
  return { year: year!, month: month!, day: d! };
};

// Real holiday data from date-holidays and chinese-days: these are the dates a county office keeps.
describe("a team's working days", () => {
  it("sends Q1 2027's check-ins on Monday 4 January, not on New Year's Day, in China and in the US", async () => {
    for (const country of ["CN", "US"]) {
      const days = await workingDaysOf(country, []);
      expect(days(day("2027-01-01")), country).toBe(false);
      expect(firstWorkingDay({ year: 2027, q: 1 }, days), country).toEqual(day("2027-01-04"));
    }
    // Without a calendar Friday 1 January is just a Friday.
    expect(firstWorkingDay({ year: 2027, q: 1 }, await workingDaysOf(null, []))).toEqual(day("2027-01-01"));
  });

  it("skips China's National Day week and counts its make-up working days (调休)", async () => {
    const cn = await workingDaysOf("CN", []);
    expect(firstWorkingDay({ year: 2026, q: 4 }, cn)).toEqual(day("2026-10-08"));
    expect(cn(day("2026-10-05"))).toBe(false); // a Monday inside the holiday
    expect(cn(day("2026-09-20"))).toBe(true); // a Sunday worked in exchange
    expect(cn(day("2026-10-10"))).toBe(true); // a Saturday worked in exchange
    // The US knows no such week.
    expect((await workingDaysOf("US", []))(day("2026-10-05"))).toBe(true);
  });

  it("knows China's official schedule from 2004 and says up to which year", async () => {
    const years = await chineseScheduleYears();
    expect(years.first).toBe(2004);
    expect(years.last).toBeGreaterThanOrEqual(2026);
  });

  it("adds the team's own days off to the library's", async () => {
    const cn = await workingDaysOf("CN", ["2027-01-04"]);
    expect(firstWorkingDay({ year: 2027, q: 1 }, cn)).toEqual(day("2027-01-05"));
    const none = await workingDaysOf(null, ["2027-01-01"]);
    expect(firstWorkingDay({ year: 2027, q: 1 }, none)).toEqual(day("2027-01-04"));
  });

  it("moves the reminder before a day off and the escalation after it", async () => {
    const cn = await workingDaysOf("CN", []);
    const s = DEFAULT_CHECKIN_SETTINGS;
    // Q3 2026 ends Wednesday 30 September; the escalation would fall on National Day (1 October).
    expect(escalationAt({ year: 2026, q: 3 }, s, "Asia/Shanghai", cn).toISOString()).toBe(
      "2026-10-08T01:00:00.000Z",
    );
    // Q4 2026: seven days before 31 December is Thursday 24 December, a working day.
    expect(reminderAt({ year: 2026, q: 4 }, s, "Asia/Shanghai", cn).toISOString()).toBe(
      "2026-12-24T01:00:00.000Z",
    );
    // Q2 2026 ends 30 June; 23 June 2026 is a Tuesday but 19 June is the Dragon Boat Festival:
    const q2 = { ...s, reminderDaysBefore: 11 };
    expect(reminderAt({ year: 2026, q: 2 }, q2, "Asia/Shanghai", cn).toISOString()).toBe(
      "2026-06-18T01:00:00.000Z",
    );
  });

  it("plans a quarter's units on the calendar it is given", async () => {
    const cn = await workingDaysOf("CN", []);
    const units = planUnits({
      quarter: { year: 2027, q: 1 },
      members: [{ userId: "U1", rank: 1, title: null, powers: [], roles: [] }],
      settings: DEFAULT_CHECKIN_SETTINGS,
      teamTimezone: "Asia/Shanghai",
      leaderTimezones: {},
      isWorkingDay: cn,
    });
    expect(units.find((u) => u.kind === "send")?.dueAt.toISOString()).toBe("2027-01-04T01:00:00.000Z");
  });

  it("accepts the countries the library knows", async () => {
    expect(await isKnownCalendar("CN")).toBe(true);
    expect(await isKnownCalendar("US")).toBe(true);
    expect(await isKnownCalendar("XX")).toBe(false);
  });
});
