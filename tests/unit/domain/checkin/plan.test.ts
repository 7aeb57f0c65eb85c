import { describe, expect, it } from "vitest";
import {
  deadlineAt,
  deadlineDate,
  escalationAt,
  firstWorkingDay,
  parseUnitKey,
  planUnits,
  reminderAt,
  sendAt,
  sendDate,
  unitKey,
  type PlanInput,
} from "../../../../src/domain/checkin/plan.ts";
import type { Quarter } from "../../../../src/domain/checkin/quarter.ts";
import { DEFAULT_CHECKIN_SETTINGS, type CheckinSettings } from "../../../../src/domain/checkin/settings.ts";
import { iso, member } from "./support.ts";

const D = DEFAULT_CHECKIN_SETTINGS;
const with_ = (s: Partial<CheckinSettings>): CheckinSettings => ({ ...D, ...s });
const Q = (year: number, q: 1 | 2 | 3 | 4): Quarter => ({ year, q });

describe("first working day", () => {
  it("is the quarter's first day when that is a weekday", () => {
    expect(firstWorkingDay(Q(2026, 4))).toEqual({ year: 2026, month: 10, day: 1 }); // Thursday (no holiday calendar)
    expect(firstWorkingDay(Q(2027, 1))).toEqual({ year: 2027, month: 1, day: 1 }); // Friday
  });

  it("skips a weekend start to the Monday", () => {
    expect(firstWorkingDay(Q(2028, 1))).toEqual({ year: 2028, month: 1, day: 3 }); // Sat 1 Jan -> Mon 3 Jan 2028
    expect(firstWorkingDay(Q(2028, 4))).toEqual({ year: 2028, month: 10, day: 2 }); // Sun 1 Oct -> Mon 2 Oct 2028
    expect(firstWorkingDay(Q(2029, 2))).toEqual({ year: 2029, month: 4, day: 2 }); // Sun 1 Apr -> Mon 2 Apr 2029
  });

  it("is not used when the team set a numbered day, but a numbered day off moves to the next working day", () => {
    expect(sendDate(Q(2026, 3), with_({ sendDay: 3 }))).toEqual({ year: 2026, month: 7, day: 3 }); // a Friday
    expect(sendDate(Q(2026, 3), with_({ sendDay: 5 }))).toEqual({ year: 2026, month: 7, day: 6 }); // Sun -> Mon
  });
});

describe("send, reminder, deadline and escalation times", () => {
  it("sends at 09:00 on the leader's clock in both EST and EDT", () => {
    expect(iso(sendAt(Q(2027, 1), D, "America/New_York"))).toBe("2027-01-01T14:00:00.000Z"); // EST, UTC-5
    expect(iso(sendAt(Q(2027, 2), D, "America/New_York"))).toBe("2027-04-01T13:00:00.000Z"); // EDT, UTC-4
  });

  it("sends in London at 09:00 BST in Q2 and 09:00 GMT in Q1", () => {
    expect(iso(sendAt(Q(2027, 2), D, "Europe/London"))).toBe("2027-04-01T08:00:00.000Z");
    expect(iso(sendAt(Q(2027, 1), D, "Europe/London"))).toBe("2027-01-01T09:00:00.000Z");
  });

  it("sends in Shanghai at 09:00 UTC+8, and on the Monday when the quarter starts on a weekend", () => {
    expect(iso(sendAt(Q(2026, 4), D, "Asia/Shanghai"))).toBe("2026-10-01T01:00:00.000Z");
    expect(iso(sendAt(Q(2028, 1), D, "Asia/Shanghai"))).toBe("2028-01-03T01:00:00.000Z");
  });

  it("honours a custom send hour", () => {
    expect(iso(sendAt(Q(2027, 2), with_({ sendHour: 14 }), "Australia/Sydney"))).toBe(
      "2027-04-01T03:00:00.000Z",
    ); // AEDT
  });

  it("ends the deadline day at midnight in the team's zone", () => {
    expect(deadlineDate(Q(2026, 4), D)).toEqual({ year: 2026, month: 12, day: 31 });
    expect(iso(deadlineAt(Q(2026, 4), D, "Asia/Shanghai"))).toBe("2026-12-31T16:00:00.000Z");
    expect(iso(deadlineAt(Q(2027, 1), D, "America/New_York"))).toBe("2027-04-01T04:00:00.000Z"); // EDT
    expect(iso(deadlineAt(Q(2026, 3), with_({ deadlineDay: 20 }), "UTC"))).toBe("2026-09-21T00:00:00.000Z");
  });

  it("reminds reminderDaysBefore days before the deadline day at the send hour, leader's clock", () => {
    expect(iso(reminderAt(Q(2026, 4), D, "America/New_York"))).toBe("2026-12-24T14:00:00.000Z"); // 24 Dec, EST
    // Q1 2027 was sent in EST; the reminder on 24 March is already in EDT, still at 09:00.
    expect(iso(reminderAt(Q(2027, 1), D, "America/New_York"))).toBe("2027-03-24T13:00:00.000Z");
    expect(iso(reminderAt(Q(2026, 4), with_({ reminderDaysBefore: 0 }), "UTC"))).toBe(
      "2026-12-31T09:00:00.000Z",
    );
  });

  it("lands a reminder hour that falls in a spring-forward gap just after it", () => {
    // deadline 21 March 2027, minus 7 days = Sunday 14 March, 02:00 does not exist in New York.
    // A team that works every day keeps the Sunday (the Monday-to-Friday week would move it).
    const s = with_({ deadlineDay: 21, sendHour: 2 });
    const everyDay = () => true;
    expect(iso(reminderAt(Q(2027, 1), s, "America/New_York", everyDay))).toBe("2027-03-14T07:00:00.000Z"); // 03:00 EDT
  });

  it("moves a reminder that falls on a weekend to the Friday before", () => {
    const s = with_({ deadlineDay: 21, sendHour: 9 });
    expect(iso(reminderAt(Q(2027, 1), s, "UTC"))).toBe("2027-03-12T09:00:00.000Z");
  });

  it("escalates at the send hour on the day after the deadline day, team's zone", () => {
    expect(iso(escalationAt(Q(2026, 4), D, "Asia/Shanghai"))).toBe("2027-01-01T01:00:00.000Z");
    expect(iso(escalationAt(Q(2027, 1), D, "Europe/London"))).toBe("2027-04-01T08:00:00.000Z");
    expect(iso(escalationAt(Q(2026, 3), with_({ deadlineDay: 20, sendHour: 10 }), "UTC"))).toBe(
      "2026-09-21T10:00:00.000Z",
    );
  });
});

describe("planUnits", () => {
  const roster = [
    member("UPRINCIPAL", 1),
    member("UNY", 2),
    member("UAWAY", 3),
    member("UNOTZ", 4),
    member("UBADTZ", 5),
  ];
  const input: PlanInput = {
    quarter: Q(2027, 2),
    members: roster,
    settings: with_({ excluded: ["UAWAY"] }),
    teamTimezone: "Asia/Shanghai",
    leaderTimezones: {
      UPRINCIPAL: "Asia/Shanghai",
      UNY: "America/New_York",
      UAWAY: "Europe/London",
      UNOTZ: null,
      UBADTZ: "Mars/Olympus",
    },
  };

  it("gives each leader a send and a reminder, in roster order, and one escalation for the team", () => {
    const units = planUnits(input);
    expect(units.map((u) => [u.kind, u.userId, iso(u.dueAt), u.key])).toEqual([
      ["send", "UPRINCIPAL", "2027-04-01T01:00:00.000Z", "checkin:2027-Q2:UPRINCIPAL:send"],
      ["remind", "UPRINCIPAL", "2027-06-23T01:00:00.000Z", "checkin:2027-Q2:UPRINCIPAL:remind"],
      ["send", "UNY", "2027-04-01T13:00:00.000Z", "checkin:2027-Q2:UNY:send"],
      ["remind", "UNY", "2027-06-23T13:00:00.000Z", "checkin:2027-Q2:UNY:remind"],
      ["send", "UNOTZ", "2027-04-01T01:00:00.000Z", "checkin:2027-Q2:UNOTZ:send"],
      ["remind", "UNOTZ", "2027-06-23T01:00:00.000Z", "checkin:2027-Q2:UNOTZ:remind"],
      ["send", "UBADTZ", "2027-04-01T01:00:00.000Z", "checkin:2027-Q2:UBADTZ:send"],
      ["remind", "UBADTZ", "2027-06-23T01:00:00.000Z", "checkin:2027-Q2:UBADTZ:remind"],
      ["escalate", null, "2027-07-01T01:00:00.000Z", "checkin:2027-Q2:escalate"],
    ]);
  });

  it("has unique keys, the same on every run and whatever the roster order", () => {
    const a = planUnits(input);
    expect(new Set(a.map((u) => u.key)).size).toBe(a.length);
    expect(planUnits(input)).toEqual(a);
    const reversed = planUnits({ ...input, members: [...roster].reverse() });
    expect(new Set(reversed.map((u) => u.key))).toEqual(new Set(a.map((u) => u.key)));
    const keyOf = (units: typeof a) => new Map(units.map((u) => [u.key, iso(u.dueAt)]));
    expect(keyOf(reversed)).toEqual(keyOf(a));
  });

  it("keys differ between quarters and read back", () => {
    const next = planUnits({ ...input, quarter: Q(2027, 3) });
    const keys = new Set(planUnits(input).map((u) => u.key));
    expect(next.some((u) => keys.has(u.key))).toBe(false);
    expect(parseUnitKey("checkin:2027-Q2:UNY:remind")).toEqual({
      quarter: Q(2027, 2),
      kind: "remind",
      userId: "UNY",
    });
    expect(parseUnitKey("checkin:2027-Q2:escalate")).toEqual({
      quarter: Q(2027, 2),
      kind: "escalate",
      userId: null,
    });
    expect(parseUnitKey(unitKey(Q(2026, 4), "send", "U1"))).toEqual({
      quarter: Q(2026, 4),
      kind: "send",
      userId: "U1",
    });
    expect(parseUnitKey("checkin:2027q2:UNY:send")).toBeUndefined();
    expect(parseUnitKey("checkin:2027-Q2:UNY:escalate")).toBeUndefined();
    expect(parseUnitKey("session:2027-Q2:escalate")).toBeUndefined();
  });

  it("gives excluded members nothing", () => {
    expect(planUnits(input).some((u) => u.userId === "UAWAY")).toBe(false);
  });

  it("plans nothing, not even an escalation, when everyone is excluded", () => {
    expect(planUnits({ ...input, settings: with_({ excluded: roster.map((m) => m.userId) }) })).toEqual([]);
    expect(planUnits({ ...input, members: [] })).toEqual([]);
  });

  it("uses the team's zone for a leader with no zone or an unknown one", () => {
    const units = planUnits({ ...input, leaderTimezones: {} });
    expect(
      units.filter((u) => u.kind === "send").every((u) => iso(u.dueAt) === "2027-04-01T01:00:00.000Z"),
    ).toBe(true);
  });

  it("plans a member listed twice once", () => {
    const units = planUnits({ ...input, members: [...roster, member("UNY", 9)] });
    expect(units.filter((u) => u.userId === "UNY")).toHaveLength(2);
  });

  it("leaves out a reminder that would not come after the send", () => {
    const s = with_({ sendDay: 28, deadlineDay: 1, reminderDaysBefore: 60, excluded: ["UAWAY"] });
    const units = planUnits({ ...input, quarter: Q(2027, 1), settings: s });
    expect(units.map((u) => u.kind)).toEqual(["send", "send", "send", "send", "escalate"]);
  });
});
