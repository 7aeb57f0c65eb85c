import { describe, expect, it } from "vitest";
import {
  MORE_THAN_HALF,
  TWO_THIRDS_OR_MORE,
  type FractionRule,
} from "../../../../src/domain/session/quorum.ts";
import type { Totals } from "../../../../src/domain/session/types.ts";
import { voteOutcome, type VoteOutcome } from "../../../../src/domain/session/vote.ts";

/** approve / reject / abstain */
function t(approve: number, reject: number, abstain = 0): Totals {
  return { approve, reject, abstain };
}

interface Case {
  name: string;
  rosterSize: number;
  present: number;
  recused?: number;
  quorumRule?: FractionRule;
  threshold?: FractionRule;
  totals: Totals[];
  /** [present, required, met] */
  quorum: [number, number, boolean];
  base: number;
  passed: boolean[];
  outcome: VoteOutcome;
}

const cases: Case[] = [
  // Threshold: more than half of the full roster.
  {
    name: "roster 7: 4 approvals pass (3.5 is half)",
    rosterSize: 7,
    present: 7,
    totals: [t(4, 3)],
    quorum: [7, 4, true],
    base: 7,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "roster 7: 3 approvals do not",
    rosterSize: 7,
    present: 7,
    totals: [t(3, 4)],
    quorum: [7, 4, true],
    base: 7,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "roster 7: 3 approvals, no rejections, still short",
    rosterSize: 7,
    present: 7,
    totals: [t(3, 0, 4)],
    quorum: [7, 4, true],
    base: 7,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "roster 6: exactly half (3) rejects",
    rosterSize: 6,
    present: 6,
    totals: [t(3, 0, 3)],
    quorum: [6, 4, true],
    base: 6,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "roster 6: 4 approvals pass",
    rosterSize: 6,
    present: 6,
    totals: [t(4, 2)],
    quorum: [6, 4, true],
    base: 6,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "roster 6: a tie 3-3 rejects",
    rosterSize: 6,
    present: 6,
    totals: [t(3, 3)],
    quorum: [6, 4, true],
    base: 6,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "of the roster, not of those present: 3 of 4 present is not enough in 7",
    rosterSize: 7,
    present: 4,
    totals: [t(3, 1)],
    quorum: [4, 4, true],
    base: 7,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "of the roster, not of those present: 4 of 4 present is enough in 7",
    rosterSize: 7,
    present: 4,
    totals: [t(4, 0)],
    quorum: [4, 4, true],
    base: 7,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "nobody voted",
    rosterSize: 5,
    present: 5,
    totals: [t(0, 0)],
    quorum: [5, 3, true],
    base: 5,
    passed: [false],
    outcome: "rejected",
  },
  // Recusal: present for the quorum, out of the base.
  {
    name: "two recused of 7: base 5, 3 approvals pass",
    rosterSize: 7,
    present: 7,
    recused: 2,
    totals: [t(3, 2)],
    quorum: [7, 4, true],
    base: 5,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "two recused of 7: base 5, 2 approvals do not",
    rosterSize: 7,
    present: 7,
    recused: 2,
    totals: [t(2, 1, 2)],
    quorum: [7, 4, true],
    base: 5,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "recused members count as present for the quorum",
    rosterSize: 7,
    present: 4,
    recused: 2,
    totals: [t(2, 0)],
    quorum: [4, 4, true],
    base: 5,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "one recused of 6: base 5, 3 approvals pass",
    rosterSize: 6,
    present: 6,
    recused: 1,
    totals: [t(3, 2)],
    quorum: [6, 4, true],
    base: 5,
    passed: [true],
    outcome: "passed",
  },
  // Quorum.
  {
    name: "personnel: exactly two thirds present (6 of 9) is a quorum",
    rosterSize: 9,
    present: 6,
    quorumRule: TWO_THIRDS_OR_MORE,
    totals: [t(5, 1)],
    quorum: [6, 6, true],
    base: 9,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "personnel: 5 of 9 present is not",
    rosterSize: 9,
    present: 5,
    quorumRule: TWO_THIRDS_OR_MORE,
    totals: [t(5, 0)],
    quorum: [5, 6, false],
    base: 9,
    passed: [false],
    outcome: "no_quorum",
  },
  {
    name: "roster 8, 4 present (exactly half): no quorum under more than half",
    rosterSize: 8,
    present: 4,
    totals: [t(4, 0)],
    quorum: [4, 5, false],
    base: 8,
    passed: [false],
    outcome: "no_quorum",
  },
  {
    name: "roster 8, 5 present, 5 approvals pass",
    rosterSize: 8,
    present: 5,
    totals: [t(5, 0)],
    quorum: [5, 5, true],
    base: 8,
    passed: [true],
    outcome: "passed",
  },
  // Several questions (nominees).
  {
    name: "every nominee passes",
    rosterSize: 7,
    present: 7,
    totals: [t(5, 2), t(4, 3)],
    quorum: [7, 4, true],
    base: 7,
    passed: [true, true],
    outcome: "passed",
  },
  {
    name: "some nominees pass",
    rosterSize: 7,
    present: 7,
    totals: [t(5, 2), t(3, 4), t(4, 0, 3)],
    quorum: [7, 4, true],
    base: 7,
    passed: [true, false, true],
    outcome: "partly_passed",
  },
  {
    name: "no nominee passes",
    rosterSize: 7,
    present: 7,
    totals: [t(3, 4), t(2, 5)],
    quorum: [7, 4, true],
    base: 7,
    passed: [false, false],
    outcome: "rejected",
  },
  {
    name: "without a quorum no nominee passes",
    rosterSize: 9,
    present: 5,
    quorumRule: TWO_THIRDS_OR_MORE,
    totals: [t(5, 0), t(5, 0)],
    quorum: [5, 6, false],
    base: 9,
    passed: [false, false],
    outcome: "no_quorum",
  },
  // A team's own threshold.
  {
    name: "two thirds inclusive: 6 of 9 pass",
    rosterSize: 9,
    present: 9,
    threshold: TWO_THIRDS_OR_MORE,
    totals: [t(6, 3)],
    quorum: [9, 5, true],
    base: 9,
    passed: [true],
    outcome: "passed",
  },
  {
    name: "two thirds inclusive: 5 of 9 do not",
    rosterSize: 9,
    present: 9,
    threshold: TWO_THIRDS_OR_MORE,
    totals: [t(5, 4)],
    quorum: [9, 5, true],
    base: 9,
    passed: [false],
    outcome: "rejected",
  },
  {
    name: "everyone recused: nothing can pass",
    rosterSize: 3,
    present: 3,
    recused: 3,
    totals: [t(0, 0)],
    quorum: [3, 2, true],
    base: 0,
    passed: [false],
    outcome: "rejected",
  },
];

describe("vote outcome (应到会成员超过半数同意)", () => {
  it.each(cases)("$name", (c) => {
    const report = voteOutcome({
      rosterSize: c.rosterSize,
      present: c.present,
      recused: c.recused ?? 0,
      quorumRule: c.quorumRule ?? MORE_THAN_HALF,
      threshold: c.threshold ?? MORE_THAN_HALF,
      totals: c.totals,
    });
    expect(report).toEqual({
      quorum: { present: c.quorum[0], required: c.quorum[1], rosterSize: c.rosterSize, met: c.quorum[2] },
      base: c.base,
      passed: c.passed,
      outcome: c.outcome,
    });
  });
});
