import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkQuorum,
  minimumCount,
  MORE_THAN_HALF,
  reachesFraction,
  resolveTeamRules,
  TWO_THIRDS_OR_MORE,
} from "../../../../src/domain/session/quorum.ts";

describe("fractions", () => {
  it("reads 'more than half' strictly", () => {
    expect(reachesFraction(MORE_THAN_HALF, 3, 6)).toBe(false);
    expect(reachesFraction(MORE_THAN_HALF, 4, 6)).toBe(true);
    expect(reachesFraction(MORE_THAN_HALF, 4, 7)).toBe(true);
    expect(reachesFraction(MORE_THAN_HALF, 3, 7)).toBe(false);
  });

  it("reads 'two thirds or more' inclusively", () => {
    expect(reachesFraction(TWO_THIRDS_OR_MORE, 4, 6)).toBe(true);
    expect(reachesFraction(TWO_THIRDS_OR_MORE, 3, 6)).toBe(false);
    expect(reachesFraction(TWO_THIRDS_OR_MORE, 5, 7)).toBe(true);
    expect(reachesFraction(TWO_THIRDS_OR_MORE, 4, 7)).toBe(false);
  });

  it("gives the smallest count that reaches the share", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 40 }),
        (numerator, denominator, inclusive, total) => {
          const rule = { numerator, denominator, inclusive };
          const min = minimumCount(rule, total);
          expect(reachesFraction(rule, min, total)).toBe(true);
          if (min > 0) expect(reachesFraction(rule, min - 1, total)).toBe(false);
        },
      ),
    );
  });

  it("reports what was required", () => {
    expect(checkQuorum(MORE_THAN_HALF, 3, 6)).toEqual({
      rule: MORE_THAN_HALF,
      present: 3,
      required: 4,
      rosterSize: 6,
      met: false,
    });
  });

  it("fills a team's rules with the defaults", () => {
    const rules = resolveTeamRules({ quorum: { funds: TWO_THIRDS_OR_MORE } });
    expect(rules.principalMayPropose).toBe(true);
    expect(rules.quorum.funds).toEqual(TWO_THIRDS_OR_MORE);
    expect(rules.quorum.personnel).toEqual(TWO_THIRDS_OR_MORE);
    expect(rules.quorum.decision).toEqual(MORE_THAN_HALF);
    expect(rules.threshold).toEqual(MORE_THAN_HALF);
    expect(resolveTeamRules({ threshold: TWO_THIRDS_OR_MORE }).threshold).toEqual(TWO_THIRDS_OR_MORE);
  });
});
