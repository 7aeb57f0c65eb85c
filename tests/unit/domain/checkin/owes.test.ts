import { describe, expect, it } from "vitest";
import { owesCheckin } from "../../../../src/domain/checkin/report.ts";

const Q = (year: number, q: 1 | 2 | 3 | 4) => ({ year, q });

describe("who owes a quarter's check-in", () => {
  it("counts a member from the quarter they joined, not before", () => {
    expect(owesCheckin(Q(2026, 3), Q(2026, 4), Q(2026, 1))).toBe(false);
    expect(owesCheckin(Q(2026, 4), Q(2026, 4), Q(2026, 1))).toBe(true);
    expect(owesCheckin(Q(2027, 1), Q(2026, 4), Q(2026, 1))).toBe(true);
  });

  it("counts nobody for a quarter before the team was set up", () => {
    expect(owesCheckin(Q(2025, 4), Q(2025, 1), Q(2026, 1))).toBe(false);
    expect(owesCheckin(Q(2026, 1), Q(2025, 1), Q(2026, 1))).toBe(true);
  });
});
