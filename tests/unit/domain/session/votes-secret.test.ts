import { describe, expect, it } from "vitest";
import type { CastSecretCommand } from "../../../../src/domain/session/commands.ts";
import type { SessionEvent } from "../../../../src/domain/session/events.ts";
import type { Totals, VoteChoice } from "../../../../src/domain/session/types.ts";
import { VOTE_CHOICES } from "../../../../src/domain/session/types.ts";
import { namedTally, whoHasNotVoted, whoHasVoted } from "../../../../src/domain/session/vote.ts";
import {
  at,
  meeting,
  passRound,
  roster,
  startCommand,
  types,
  votingMeeting,
  type Meeting,
} from "./fixtures.ts";

/**
 * The store's side of a secret ballot: the box the choices go into. The domain only ever sees its
 * counts.
 */
class BallotBox {
  readonly counts: Record<string, Totals>;
  constructor(questionIds: string[]) {
    this.counts = Object.fromEntries(questionIds.map((id) => [id, { approve: 0, reject: 0, abstain: 0 }]));
  }
  /** The counts with one more ballot, without putting it in. */
  after(choices: Record<string, VoteChoice>): Record<string, Totals> {
    const next = structuredClone(this.counts);
    for (const [id, choice] of Object.entries(choices)) next[id]![choice] += 1;
    return next;
  }
  put(choices: Record<string, VoteChoice>): void {
    Object.assign(this.counts, this.after(choices));
  }
}

/** Casts a secret ballot through the box, like the store does: box first if the domain accepts. */
function cast(
  m: Meeting,
  box: BallotBox,
  userId: string,
  choices: Record<string, VoteChoice>,
  seconds = 2000,
) {
  const command: CastSecretCommand = {
    type: "cast_secret",
    at: at(seconds),
    userId,
    questionIds: Object.keys(choices),
    boxAfter: box.after(choices),
  };
  const events = m.ok(command);
  box.put(choices);
  return events;
}

/** No event carries a choice as a value; totals keys in vote_closed are names, not values. */
function choiceValues(events: readonly SessionEvent[]): string[] {
  const found: string[] = [];
  const walk = (value: unknown) => {
    if (typeof value === "string" && (VOTE_CHOICES as readonly string[]).includes(value)) found.push(value);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(walk);
  };
  events.forEach(walk);
  return found;
}

describe("secret ballots (无记名投票)", () => {
  it("record only who voted, never what", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    expect(cast(m, box, "U3", { motion: "reject" })).toEqual([
      { type: "ballot_cast", at: at(2000), userId: "U3" },
    ]);
    expect(m.state.vote?.castSecret).toEqual(["U3"]);
    expect(m.state.vote?.named).toEqual([]);
    expect(whoHasVoted(m.state)).toEqual(["U3"]);
    expect(whoHasNotVoted(m.state)).toEqual(["U1", "U2", "U4", "U5", "U6", "U7"]);
    expect(namedTally(m.state)).toEqual({ motion: { approve: 0, reject: 0, abstain: 0 } });
    expect(JSON.stringify(m.state)).not.toContain("reject");
  });

  it("are final once cast", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    cast(m, box, "U3", { motion: "approve" });
    expect(
      m.refused({
        type: "cast_secret",
        at: at(2001),
        userId: "U3",
        questionIds: ["motion"],
        boxAfter: box.after({ motion: "reject" }),
      }),
    ).toEqual({ code: "alreadyCast", params: { userId: "U3" } });
  });

  it("answer every question exactly once", () => {
    const m = votingMeeting({
      category: "personnel",
      nominees: [
        { name: "Li Wei", recommenderId: "U3" },
        { name: "Zhang Min", recommenderId: "U5" },
      ],
    });
    const box = new BallotBox(["n1", "n2"]);
    const boxAfter = box.after({ n1: "approve", n2: "approve" });
    for (const questionIds of [[], ["n1"], ["n1", "n1"], ["n1", "n3"], ["n1", "n2", "n3"], ["motion"]]) {
      expect(m.refused({ type: "cast_secret", at: at(2000), userId: "U3", questionIds, boxAfter })).toEqual({
        code: "incompleteBallot",
        params: { questions: 2 },
      });
    }
    expect(types(cast(m, box, "U3", { n2: "reject", n1: "approve" }))).toEqual(["ballot_cast"]);
  });

  it("must fit the box's count", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    const base = {
      type: "cast_secret",
      at: at(2000),
      userId: "U3",
      questionIds: ["motion"],
    } satisfies Partial<CastSecretCommand>;
    const refusedWith = (boxAfter: unknown) =>
      m.refused({ ...base, boxAfter: boxAfter as Record<string, Totals> });
    // The ballot itself missing from the count.
    expect(refusedWith({ motion: { approve: 0, reject: 0, abstain: 0 } })).toEqual({
      code: "boxMismatch",
      params: { questionId: "motion", expected: 1 },
    });
    expect(refusedWith({ motion: { approve: 1, reject: 1, abstain: 0 } }).code).toBe("boxMismatch");
    expect(refusedWith({})).toEqual({ code: "boxMismatch", params: { questionId: "motion", expected: 1 } });
    expect(
      refusedWith({
        motion: { approve: 1, reject: 0, abstain: 0 },
        n1: { approve: 0, reject: 0, abstain: 0 },
      }),
    ).toEqual({
      code: "boxMismatch",
      params: { questionId: "n1", expected: 0 },
    });
    expect(refusedWith({ motion: { approve: 2, reject: -1, abstain: 0 } }).code).toBe("boxMismatch");
    expect(refusedWith({ motion: { approve: 0.5, reject: 0.5, abstain: 0 } }).code).toBe("boxMismatch");
    expect(refusedWith(null).code).toBe("boxMismatch");
    cast(m, box, "U3", { motion: "approve" });
    // The second ballot: the count must now hold two.
    expect(
      m.refused({ ...base, userId: "U4", boxAfter: { motion: { approve: 1, reject: 0, abstain: 0 } } }),
    ).toEqual({ code: "boxMismatch", params: { questionId: "motion", expected: 2 } });
  });

  it("close by themselves on the last ballot, with the box's count", () => {
    const m = votingMeeting({ category: "personnel", absent: ["U7"] });
    const box = new BallotBox(["motion"]);
    const choices: VoteChoice[] = ["approve", "approve", "reject", "approve", "abstain"];
    for (const [i, u] of ["U6", "U5", "U4", "U3", "U2"].entries())
      cast(m, box, u, { motion: choices[i]! }, 2000 + i);
    expect(m.state.phase).toBe("voting");
    const events = cast(m, box, "U1", { motion: "approve" }, 2100);
    expect(types(events)).toEqual(["ballot_cast", "vote_closed"]);
    expect(events[1]).toEqual({
      type: "vote_closed",
      at: at(2100),
      by: null,
      reason: null,
      ballot: "secret",
      eligible: ["U1", "U2", "U3", "U4", "U5", "U6"],
      voted: ["U1", "U2", "U3", "U4", "U5", "U6"],
      quorum: { present: 6, required: 5, rosterSize: 7, met: true },
      base: 7,
      threshold: { numerator: 1, denominator: 2, inclusive: false },
      results: [{ questionId: "motion", approve: 4, reject: 1, abstain: 1, passed: true }],
      votes: [],
      outcome: "passed",
    });
    expect(m.state.phase).toBe("closed");
    expect(choiceValues(m.events)).toEqual([]);
  });

  it("close per nominee", () => {
    const m = votingMeeting({
      category: "personnel",
      roster: roster(3),
      proposerId: "U3",
      nominees: [
        { name: "Li Wei", recommenderId: "U3" },
        { name: "Zhang Min", recommenderId: "U2" },
      ],
    });
    const box = new BallotBox(["n1", "n2"]);
    cast(m, box, "U1", { n1: "approve", n2: "reject" });
    cast(m, box, "U2", { n1: "approve", n2: "approve" });
    const events = cast(m, box, "U3", { n1: "reject", n2: "abstain" });
    expect(events.at(-1)).toMatchObject({
      results: [
        { questionId: "n1", approve: 2, reject: 1, abstain: 0, passed: true },
        { questionId: "n2", approve: 1, reject: 1, abstain: 1, passed: false },
      ],
      outcome: "partly_passed",
    });
    expect(choiceValues(m.events)).toEqual([]);
  });

  it("are closed by the chair with the box's count, which must fit", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    cast(m, box, "U3", { motion: "approve" });
    cast(m, box, "U4", { motion: "approve" }, 2001);
    const close = { type: "close_vote", at: at(2100), by: "U2", reason: "two are ill" } as const;
    expect(m.refused(close)).toEqual({ code: "boxRequired", params: {} });
    expect(m.refused({ ...close, box: { motion: { approve: 3, reject: 0, abstain: 0 } } })).toEqual({
      code: "boxMismatch",
      params: { questionId: "motion", expected: 2 },
    });
    expect(m.refused({ ...close, by: "U3", box: box.counts }).code).toBe("notChair");
    const events = m.ok({ ...close, box: box.counts });
    expect(events).toEqual([
      expect.objectContaining({
        type: "vote_closed",
        by: "U2",
        reason: "two are ill",
        ballot: "secret",
        voted: ["U3", "U4"],
        // Two ballots of the five the quorum needs: counted, they would tell how U3 and U4 voted.
        results: [{ questionId: "motion", approve: 0, reject: 0, abstain: 0, passed: false }],
        votes: [],
        outcome: "no_quorum",
        withheld: true,
      }),
    ]);
  });

  it("are refused before the vote opens, from the ineligible, and on a named ballot", () => {
    const m = meeting(startCommand({ category: "personnel", absent: ["U7"] }));
    const ballot: CastSecretCommand = {
      type: "cast_secret",
      at: at(10),
      userId: "U3",
      questionIds: ["motion"],
      boxAfter: { motion: { approve: 1, reject: 0, abstain: 0 } },
    };
    expect(m.refused(ballot)).toEqual({ code: "voteNotOpen", params: { phase: "speaking" } });
    passRound(m);
    expect(m.refused({ ...ballot, userId: "U7" })).toEqual({ code: "notEligible", params: { userId: "U7" } });
    expect(m.refused({ ...ballot, userId: "U99" })).toEqual({
      code: "notEligible",
      params: { userId: "U99" },
    });
    const named = votingMeeting({ category: "personnel", ballot: "named" });
    expect(named.refused(ballot)).toEqual({ code: "ballotIsNamed", params: {} });
  });

  it("close after a recusal only when the recusal carries the box's count", () => {
    const m = votingMeeting({ category: "personnel", roster: roster(4), proposerId: "U4" });
    const box = new BallotBox(["motion"]);
    cast(m, box, "U1", { motion: "approve" });
    cast(m, box, "U2", { motion: "approve" }, 2001);
    cast(m, box, "U4", { motion: "approve" }, 2002);
    expect(m.refused({ type: "recuse", at: at(2003), by: "U2", userId: "U1", reason: "x" })).toEqual({
      code: "alreadyVoted",
      params: { userId: "U1" },
    });
    const recuse = { type: "recuse", at: at(2003), by: "U3", userId: "U3", reason: "my cousin" } as const;
    expect(m.refused({ ...recuse, box: { motion: { approve: 2, reject: 0, abstain: 0 } } })).toEqual({
      code: "boxMismatch",
      params: { questionId: "motion", expected: 3 },
    });
    // Without the count, the recusal stands and the chair closes the vote.
    const without = votingMeeting({ category: "personnel", roster: roster(4), proposerId: "U4" });
    const otherBox = new BallotBox(["motion"]);
    for (const [i, u] of ["U1", "U2", "U4"].entries())
      cast(without, otherBox, u, { motion: "approve" }, 2000 + i);
    expect(types(without.ok(recuse))).toEqual(["recused"]);
    expect(whoHasNotVoted(without.state)).toEqual([]);
    expect(without.state.phase).toBe("voting");
    // With it, the vote closes at once: 3 approvals of a base of 3.
    const events = m.ok({ ...recuse, box: box.counts });
    expect(types(events)).toEqual(["recused", "vote_closed"]);
    expect(events[1]).toMatchObject({ base: 3, eligible: ["U1", "U2", "U4"], outcome: "passed" });
  });
});

describe("a secret ballot below the quorum (issue 12, item 2)", () => {
  it("closed by the chair after one ballot: no quorum, and that voter's choice is nowhere", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    cast(m, box, "U3", { motion: "reject" });
    const events = m.ok({
      type: "close_vote",
      at: at(3000),
      by: m.state.facts!.chairId,
      reason: "Enough",
      box: box.counts,
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: "vote_closed",
        voted: ["U3"],
        quorum: { present: 7, required: 5, rosterSize: 7, met: false },
        results: [{ questionId: "motion", approve: 0, reject: 0, abstain: 0, passed: false }],
        outcome: "no_quorum",
        withheld: true,
      }),
    ]);
  });

  it("counts once the ballots reach the quorum (personnel: two thirds of seven is five)", () => {
    const m = votingMeeting({ category: "personnel" });
    const box = new BallotBox(["motion"]);
    for (const u of ["U7", "U6", "U5", "U4"]) cast(m, box, u, { motion: "approve" });
    const four = m.ok({
      type: "close_vote",
      at: at(3000),
      by: m.state.facts!.chairId,
      reason: "r",
      box: box.counts,
    });
    expect(four[0]).toMatchObject({ outcome: "no_quorum", withheld: true });

    const n = votingMeeting({ category: "personnel" });
    const box5 = new BallotBox(["motion"]);
    for (const u of ["U7", "U6", "U5", "U4", "U3"]) cast(n, box5, u, { motion: "approve" });
    const five = n.ok({
      type: "close_vote",
      at: at(3000),
      by: n.state.facts!.chairId,
      reason: "r",
      box: box5.counts,
    });
    expect(five[0]).toMatchObject({
      outcome: "passed",
      results: [{ questionId: "motion", approve: 5, reject: 0, abstain: 0, passed: true }],
    });
    expect(five[0]).not.toHaveProperty("withheld");
  });

  it("closing by itself when everyone left has voted is no quorum too when too many stepped out", () => {
    const m = votingMeeting({
      category: "decision",
      recused: [
        { userId: "U2", reason: "r" },
        { userId: "U3", reason: "r" },
        { userId: "U5", reason: "r" },
        { userId: "U6", reason: "r" },
      ],
      ballot: "secret",
    });
    const box = new BallotBox(["motion"]);
    for (const u of ["U7", "U4"]) cast(m, box, u, { motion: "approve" });
    const events = cast(m, box, "U1", { motion: "approve" });
    expect(events.at(-1)).toMatchObject({ type: "vote_closed", outcome: "no_quorum", withheld: true });
  });
});
