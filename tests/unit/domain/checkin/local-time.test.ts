import { describe, expect, it } from "vitest";
import {
  addLocalDays,
  isValidTimeZone,
  localDate,
  zonedTimeToInstant,
} from "../../../../src/domain/checkin/local-time.ts";

const at = (timeZone: string, year: number, month: number, day: number, hour: number, minute = 0) =>
  zonedTimeToInstant({ year, month, day, hour, minute }, timeZone).toISOString();

describe("zonedTimeToInstant", () => {
  it("reads New York in winter (EST, UTC-5) and summer (EDT, UTC-4)", () => {
    expect(at("America/New_York", 2027, 1, 15, 9)).toBe("2027-01-15T14:00:00.000Z");
    expect(at("America/New_York", 2027, 7, 15, 9)).toBe("2027-07-15T13:00:00.000Z");
  });

  it("reads London in GMT and BST", () => {
    expect(at("Europe/London", 2027, 1, 4, 9)).toBe("2027-01-04T09:00:00.000Z");
    expect(at("Europe/London", 2027, 4, 1, 9)).toBe("2027-04-01T08:00:00.000Z");
  });

  it("reads Sydney, whose summer is in January", () => {
    expect(at("Australia/Sydney", 2027, 1, 4, 9)).toBe("2027-01-03T22:00:00.000Z"); // AEDT, UTC+11
    expect(at("Australia/Sydney", 2027, 7, 1, 9)).toBe("2027-06-30T23:00:00.000Z"); // AEST, UTC+10
  });

  it("reads Shanghai at UTC+8 all year (no DST)", () => {
    expect(at("Asia/Shanghai", 2027, 1, 4, 9)).toBe("2027-01-04T01:00:00.000Z");
    expect(at("Asia/Shanghai", 2027, 7, 1, 9)).toBe("2027-07-01T01:00:00.000Z");
    expect(at("Asia/Shanghai", 2027, 1, 1, 0)).toBe("2026-12-31T16:00:00.000Z");
  });

  it("moves a time in the spring-forward gap forward by the gap", () => {
    // New York, Sunday 14 March 2027: 02:00 EST becomes 03:00 EDT; 02:30 does not exist.
    expect(at("America/New_York", 2027, 3, 14, 1, 59)).toBe("2027-03-14T06:59:00.000Z"); // 01:59 EST
    expect(at("America/New_York", 2027, 3, 14, 2, 0)).toBe("2027-03-14T07:00:00.000Z"); // = 03:00 EDT
    expect(at("America/New_York", 2027, 3, 14, 2, 30)).toBe("2027-03-14T07:30:00.000Z"); // = 03:30 EDT
    expect(localDate(new Date("2027-03-14T07:30:00Z"), "America/New_York")).toMatchObject({
      hour: 3,
      minute: 30,
    });
    expect(at("America/New_York", 2027, 3, 14, 3, 0)).toBe("2027-03-14T07:00:00.000Z"); // 03:00 EDT
    // London, 28 March 2027 at 01:00 GMT -> 02:00 BST.
    expect(at("Europe/London", 2027, 3, 28, 1, 30)).toBe("2027-03-28T01:30:00.000Z"); // = 02:30 BST
    // Sydney, 3 October 2027 at 02:00 AEST -> 03:00 AEDT.
    expect(at("Australia/Sydney", 2027, 10, 3, 2, 30)).toBe("2027-10-02T16:30:00.000Z"); // = 03:30 AEDT
    // Lord Howe Island moves by half an hour.
    expect(at("Australia/Lord_Howe", 2026, 10, 4, 2, 15)).toBe("2026-10-03T15:45:00.000Z"); // = 02:45 +11
  });

  it("gives the first occurrence of a time that happens twice when clocks go back", () => {
    // New York, Sunday 1 November 2026: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    expect(at("America/New_York", 2026, 11, 1, 1, 30)).toBe("2026-11-01T05:30:00.000Z"); // 01:30 EDT, not 06:30Z
    expect(at("America/New_York", 2026, 11, 1, 0, 59)).toBe("2026-11-01T04:59:00.000Z");
    expect(at("America/New_York", 2026, 11, 1, 2, 0)).toBe("2026-11-01T07:00:00.000Z"); // 02:00 EST, once
    // London, 25 October 2026: 01:30 BST before 01:30 GMT.
    expect(at("Europe/London", 2026, 10, 25, 1, 30)).toBe("2026-10-25T00:30:00.000Z");
    // Sydney, 4 April 2027: 02:30 AEDT before 02:30 AEST.
    expect(at("Australia/Sydney", 2027, 4, 4, 2, 30)).toBe("2027-04-03T15:30:00.000Z");
  });

  it("round-trips every hour of a year through localDate in a DST zone", () => {
    const tz = "America/New_York";
    for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 3_600_000) {
      const l = localDate(new Date(t), tz);
      const back = zonedTimeToInstant(l, tz).getTime();
      // Only the second 01:xx of the fall-back night maps back to the first one, an hour earlier.
      expect(back === t || back === t - 3_600_000, new Date(t).toISOString()).toBe(true);
    }
  });

  it("refuses a wall-clock time that is not one, and an unknown zone", () => {
    expect(() => zonedTimeToInstant({ year: 2027, month: 2, day: 29, hour: 9, minute: 0 }, "UTC")).toThrow(
      RangeError,
    );
    expect(() => zonedTimeToInstant({ year: 2027, month: 1, day: 1, hour: 24, minute: 0 }, "UTC")).toThrow(
      RangeError,
    );
    expect(() =>
      zonedTimeToInstant({ year: 2027, month: 1, day: 1, hour: 9, minute: 0 }, "Mars/Olympus"),
    ).toThrow(RangeError);
  });
});

describe("localDate", () => {
  it("gives the wall clock and the ISO weekday", () => {
    expect(localDate(new Date("2026-12-31T20:00:00Z"), "Asia/Shanghai")).toEqual({
      year: 2027,
      month: 1,
      day: 1,
      hour: 4,
      minute: 0,
      weekday: 5,
    });
    expect(localDate(new Date("2026-12-31T20:00:00Z"), "America/New_York")).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 15,
      minute: 0,
      weekday: 4,
    });
    expect(localDate(new Date("2027-01-03T12:00:00Z"), "UTC").weekday).toBe(7);
  });
});

describe("helpers", () => {
  it("knows valid zones", () => {
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("")).toBe(false);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("adds calendar days at the same wall time across a clock change", () => {
    // 09:00 EST on Saturday 13 March 2027, one day later: 09:00 EDT, 23 hours on.
    const next = addLocalDays(new Date("2027-03-13T14:00:00Z"), 1, "America/New_York");
    expect(next.toISOString()).toBe("2027-03-14T13:00:00.000Z");
  });
});
