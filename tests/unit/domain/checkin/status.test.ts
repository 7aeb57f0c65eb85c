import { describe, expect, it } from "vitest";
import { complianceReport, escalationRecipients } from "../../../../src/domain/checkin/report.ts";
import { checkinStatus, snoozeUntil } from "../../../../src/domain/checkin/status.ts";
import { iso, member } from "./support.ts";

const deadline = new Date("2026-12-31T16:00:00.000Z");
const before = new Date(deadline.getTime() - 1);
const after = new Date(deadline.getTime() + 1);

describe("checkinStatus", () => {
  it("is open before the deadline and overdue from the deadline instant on", () => {
    expect(checkinStatus({ answer: null, deadline }, before)).toBe("open");
    expect(checkinStatus({ answer: null, deadline }, deadline)).toBe("overdue");
    expect(checkinStatus({ answer: null, deadline }, after)).toBe("overdue");
  });

  it("keeps done and can't, whenever they were given and whenever asked", () => {
    const done = { kind: "done", at: new Date("2026-12-01T00:00:00Z") } as const;
    const lateDone = { kind: "done", at: after } as const;
    const cannot = { kind: "cannot", reason: "on sick leave", at: before } as const;
    for (const now of [before, deadline, after]) {
      expect(checkinStatus({ answer: done, deadline }, now)).toBe("done");
      expect(checkinStatus({ answer: lateDone, deadline }, now)).toBe("done");
      expect(checkinStatus({ answer: cannot, deadline }, now)).toBe("cannot");
    }
  });

  it("is snoozed while the snooze runs, open once it has run out, overdue past the deadline", () => {
    const snooze = (until: Date) => ({ kind: "snoozed", until }) as const;
    const tomorrow = new Date(before.getTime() + 86_400_000);
    expect(checkinStatus({ answer: snooze(tomorrow), deadline }, before)).toBe("snoozed"); // runs past the deadline, not yet overdue
    expect(checkinStatus({ answer: snooze(before), deadline }, before)).toBe("open"); // ends exactly now
    expect(checkinStatus({ answer: snooze(new Date("2026-12-01T00:00:00Z")), deadline }, before)).toBe(
      "open",
    );
    expect(checkinStatus({ answer: snooze(tomorrow), deadline }, deadline)).toBe("overdue");
    expect(checkinStatus({ answer: snooze(tomorrow), deadline }, after)).toBe("overdue");
  });
});

describe("snoozeUntil", () => {
  it("comes back at the same time on the leader's clock a day or a week later", () => {
    const now = new Date("2027-03-10T15:30:00Z"); // 10:30 EST, Wednesday
    expect(iso(snoozeUntil(now, "day", "America/New_York"))).toBe("2027-03-11T15:30:00.000Z");
    expect(iso(snoozeUntil(now, "week", "America/New_York"))).toBe("2027-03-17T14:30:00.000Z"); // 10:30 EDT
    expect(iso(snoozeUntil(now, "week", "Asia/Shanghai"))).toBe("2027-03-17T15:30:00.000Z");
  });
});

describe("complianceReport", () => {
  const Q3 = { year: 2026, q: 3 } as const;
  const Q4 = { year: 2026, q: 4 } as const;
  const order = ["U1", "U2", "U3", "U4"];

  it("counts and lists per quarter in roster order, and per leader oldest quarter first", () => {
    const report = complianceReport(
      [
        { userId: "U3", quarter: Q4, status: "overdue" },
        { userId: "U1", quarter: Q4, status: "done" },
        { userId: "UGONE", quarter: Q4, status: "overdue" },
        { userId: "U2", quarter: Q4, status: "snoozed" },
        { userId: "U4", quarter: Q4, status: "cannot" },
        { userId: "U2", quarter: Q3, status: "done" },
        { userId: "U1", quarter: Q3, status: "open" },
        { userId: "U1", quarter: Q3, status: "done" }, // a later row for the same cell wins
      ],
      order,
    );
    expect(report.quarters.map((q) => q.key)).toEqual(["2026-Q3", "2026-Q4"]);
    const [q3, q4] = report.quarters;
    expect(q3!.counts).toEqual({ done: 2, snoozed: 0, cannot: 0, open: 0, overdue: 0 });
    expect(q3!.lists.done).toEqual(["U1", "U2"]);
    expect(q4!.counts).toEqual({ done: 1, snoozed: 1, cannot: 1, open: 0, overdue: 2 });
    expect(q4!.lists.overdue).toEqual(["U3", "UGONE"]);
    expect(q4!.leaders.map((l) => l.userId)).toEqual(["U1", "U2", "U3", "U4", "UGONE"]);

    expect(report.leaders.map((l) => l.userId)).toEqual(["U1", "U2", "U3", "U4", "UGONE"]);
    const u2 = report.leaders[1]!;
    expect(u2.quarters).toEqual([
      { quarter: Q3, status: "done" },
      { quarter: Q4, status: "snoozed" },
    ]);
    expect(u2.counts).toEqual({ done: 1, snoozed: 1, cannot: 0, open: 0, overdue: 0 });
  });

  it("is empty for no rows", () => {
    expect(complianceReport([], order)).toEqual({ quarters: [], leaders: [] });
  });
});

describe("escalationRecipients", () => {
  it("is the principal and the discipline officers, in roster order, each once", () => {
    const roster = [
      member("U1", 1, { roles: ["discipline"] }),
      member("U2", 2, { roles: ["secretary"] }),
      member("U3", 3, { roles: ["discipline"] }),
      member("U4", 4),
    ];
    expect(escalationRecipients(roster)).toEqual(["U1", "U3"]);
  });
});
