import { describe, expect, it } from "vitest";
import type { StartCommand, VoteCommand } from "../../../../src/domain/session/commands.ts";
import type { StartedEvent, VoteClosedEvent } from "../../../../src/domain/session/events.ts";
import { fold } from "../../../../src/domain/session/evolve.ts";
import { TWO_THIRDS_OR_MORE } from "../../../../src/domain/session/quorum.ts";
import { isClosed } from "../../../../src/domain/session/state.ts";
import type { VoteChoice } from "../../../../src/domain/session/types.ts";
import { namedTally, whoHasNotVoted, whoHasVoted } from "../../../../src/domain/session/vote.ts";
import {
  at,
  meeting,
  messageTs,
  passRound,
  roster,
  speakAndFinish,
  startCommand,
  types,
  votingMeeting,
  type Meeting,
} from "./fixtures.ts";

function vote(userId: string, choice: VoteChoice, seconds = 2000, questionId = "motion"): VoteCommand {
  return { type: "vote", at: at(seconds), userId, questionId, choice };
}

/** Each listed member votes on the motion, in order, one second apart. */
function votes(m: Meeting, choices: Record<string, VoteChoice>, from = 2000) {
  return Object.entries(choices).flatMap(([userId, choice], i) => m.ok(vote(userId, choice, from + i)));
}

const nominees: StartCommand["nominees"] = [
  { name: " Li Wei ", recommenderId: "U3" },
  { name: "Zhang Min", recommenderId: "U5" },
];

describe("nominees and rules at the start (实名推荐)", () => {
  it("puts one motion to the vote by default, with the default threshold", () => {
    const m = meeting();
    expect(m.events[0]).toMatchObject({
      type: "started",
      questions: [{ id: "motion", kind: "motion", name: null, recommenderId: null }],
      threshold: { numerator: 1, denominator: 2, inclusive: false },
    });
    expect(m.state.facts?.questions).toEqual([
      { id: "motion", kind: "motion", name: null, recommenderId: null },
    ]);
  });

  it("puts each nominee of a personnel matter to the vote, with their recommender", () => {
    const m = meeting(startCommand({ category: "personnel", nominees }));
    expect(m.events[0]).toMatchObject({
      questions: [
        { id: "n1", kind: "nominee", name: "Li Wei", recommenderId: "U3" },
        { id: "n2", kind: "nominee", name: "Zhang Min", recommenderId: "U5" },
      ],
    });
  });

  it("takes a team's own threshold", () => {
    const m = meeting(startCommand({ rules: { threshold: TWO_THIRDS_OR_MORE } }));
    expect(m.events[0]).toMatchObject({ threshold: TWO_THIRDS_OR_MORE });
    expect(m.state.facts?.threshold).toEqual(TWO_THIRDS_OR_MORE);
  });

  it("treats an empty list of nominees as a motion, in any category", () => {
    const m = meeting(startCommand({ nominees: [] }));
    expect(m.state.facts?.questions.map((q) => q.id)).toEqual(["motion"]);
  });

  const many = Array.from({ length: 11 }, (_, i) => ({ name: `N${i}`, recommenderId: "U3" }));
  it.each([
    ["nomineesOnlyForPersonnel", startCommand({ nominees }), { category: "decision" }],
    ["tooManyNominees", startCommand({ category: "personnel", nominees: many }), { max: 10 }],
    [
      "nomineeNameRequired",
      startCommand({ category: "personnel", nominees: [nominees[0]!, { name: "  ", recommenderId: "U3" }] }),
      { position: 2 },
    ],
    [
      "recommenderNotOnRoster",
      startCommand({ category: "personnel", nominees: [{ name: "Wang", recommenderId: "U99" }] }),
      { userId: "U99" },
    ],
  ])("refuses %s", (code, command, params) => {
    expect(meeting(null).refused(command)).toEqual({ code, params });
  });

  it("reads a ledger written before votes existed as one motion at the default threshold", () => {
    const m = meeting();
    const { questions: _q, threshold: _t, ...old } = m.events[0] as StartedEvent;
    const state = fold([old as StartedEvent]);
    expect(state.facts?.questions).toEqual([
      { id: "motion", kind: "motion", name: null, recommenderId: null },
    ]);
    expect(state.facts?.threshold).toEqual({ numerator: 1, denominator: 2, inclusive: false });
  });

  it("accepts ten nominees", () => {
    const m = meeting(startCommand({ category: "personnel", nominees: many.slice(0, 10) }));
    expect(m.state.facts?.questions.map((q) => q.id)).toEqual([
      "n1",
      "n2",
      "n3",
      "n4",
      "n5",
      "n6",
      "n7",
      "n8",
      "n9",
      "n10",
    ]);
  });
});

describe("the vote opens", () => {
  it("with the questions and the eligible voters, by rank", () => {
    const m = meeting(
      startCommand({ absent: ["U6"], recused: [{ userId: "U5", reason: "her husband bids" }] }),
    );
    expect(m.state.vote).toBeNull();
    passRound(m);
    const openedAt = m.events.find((e) => e.type === "voting_opened")!.at;
    expect(m.state.vote).toEqual({
      openedAt,
      deadline: new Date(Date.parse(openedAt) + 86_400_000).toISOString(),
      reminded: [],
      questions: [{ id: "motion", kind: "motion", name: null, recommenderId: null }],
      eligible: ["U1", "U2", "U3", "U4", "U7"],
      named: [],
      latest: { motion: {} },
      castSecret: [],
      closed: null,
    });
    expect(whoHasVoted(m.state)).toEqual([]);
    expect(whoHasNotVoted(m.state)).toEqual(["U1", "U2", "U3", "U4", "U7"]);
    expect(namedTally(m.state)).toEqual({ motion: { approve: 0, reject: 0, abstain: 0 } });
  });

  it("closes on the last voter left, below quorum when the others were marked absent", () => {
    const m = meeting(startCommand({ roster: roster(3), proposerId: "U3" }));
    speakAndFinish(m, 5);
    const events = ["U2", "U1"].flatMap((u, i) =>
      m.ok({ type: "mark_absent", at: at(10 + i), by: "U2", reason: `${u} left` }),
    );
    expect(types(events).at(-1)).toBe("voting_opened");
    expect(m.state.vote?.eligible).toEqual(["U3"]);
    expect(types(m.ok(vote("U3", "approve", 20))).slice(-1)).toEqual(["vote_closed"]);
    expect(m.events.at(-1)).toMatchObject({
      by: null,
      eligible: ["U3"],
      voted: ["U3"],
      quorum: { present: 1, required: 2, rosterSize: 3, met: false },
      outcome: "no_quorum",
    });
    expect(m.state.phase).toBe("closed");
  });
});

describe("named votes (记名投票)", () => {
  it("are recorded as they come, may be changed, and count each voter's latest choice", () => {
    const m = votingMeeting();
    expect(m.ok(vote("U3", "approve", 2000))).toEqual([
      {
        type: "vote_cast",
        at: at(2000),
        userId: "U3",
        questionId: "motion",
        choice: "approve",
        changed: false,
      },
    ]);
    expect(m.ok(vote("U3", "reject", 2001))).toEqual([
      {
        type: "vote_cast",
        at: at(2001),
        userId: "U3",
        questionId: "motion",
        choice: "reject",
        changed: true,
      },
    ]);
    // The same choice again (a second click) records nothing.
    expect(m.ok(vote("U3", "reject", 2002))).toEqual([]);
    m.ok(vote("U6", "abstain", 2003));
    expect(m.state.vote?.named).toEqual([
      { userId: "U3", questionId: "motion", choice: "approve", at: at(2000) },
      { userId: "U3", questionId: "motion", choice: "reject", at: at(2001) },
      { userId: "U6", questionId: "motion", choice: "abstain", at: at(2003) },
    ]);
    expect(m.state.vote?.latest).toEqual({ motion: { U3: "reject", U6: "abstain" } });
    expect(namedTally(m.state)).toEqual({ motion: { approve: 0, reject: 1, abstain: 1 } });
    expect(whoHasVoted(m.state)).toEqual(["U3", "U6"]);
    expect(whoHasNotVoted(m.state)).toEqual(["U1", "U2", "U4", "U5", "U7"]);
    expect(m.state.phase).toBe("voting");
  });

  it("close by themselves when the last eligible voter votes", () => {
    const m = votingMeeting();
    votes(m, { U7: "approve", U6: "reject", U5: "approve", U4: "approve", U3: "abstain", U2: "reject" });
    m.ok(vote("U7", "reject", 2100)); // a change before the end
    const events = m.ok(vote("U1", "approve", 2200));
    expect(types(events)).toEqual(["vote_cast", "vote_closed"]);
    expect(events[1]).toEqual({
      type: "vote_closed",
      at: at(2200),
      by: null,
      reason: null,
      ballot: "named",
      eligible: ["U1", "U2", "U3", "U4", "U5", "U6", "U7"],
      voted: ["U1", "U2", "U3", "U4", "U5", "U6", "U7"],
      quorum: { present: 7, required: 4, rosterSize: 7, met: true },
      base: 7,
      threshold: { numerator: 1, denominator: 2, inclusive: false },
      results: [{ questionId: "motion", approve: 3, reject: 3, abstain: 1, passed: false }],
      votes: [
        { userId: "U1", questionId: "motion", choice: "approve" },
        { userId: "U2", questionId: "motion", choice: "reject" },
        { userId: "U3", questionId: "motion", choice: "abstain" },
        { userId: "U4", questionId: "motion", choice: "approve" },
        { userId: "U5", questionId: "motion", choice: "approve" },
        { userId: "U6", questionId: "motion", choice: "reject" },
        { userId: "U7", questionId: "motion", choice: "reject" },
      ],
      outcome: "rejected",
    } satisfies VoteClosedEvent);
    expect(m.state.phase).toBe("closed");
    expect(isClosed(m.state)).toBe(true);
    expect(m.state.vote?.closed).toEqual(events[1]);
    // Both U7's first vote and the change stay on the record.
    expect(m.state.vote?.named.filter((v) => v.userId === "U7").map((v) => v.choice)).toEqual([
      "approve",
      "reject",
    ]);
    expect(m.refused(vote("U7", "approve", 2300))).toEqual({
      code: "sessionClosed",
      params: { phase: "closed" },
    });
    expect(m.refused({ type: "defer", at: at(2300), by: "U2", reason: "x" }).code).toBe("sessionClosed");
  });

  it("pass with more than half of the full roster", () => {
    const m = votingMeeting();
    const events = votes(m, {
      U1: "approve",
      U2: "approve",
      U3: "approve",
      U4: "approve",
      U5: "reject",
      U6: "reject",
      U7: "reject",
    });
    expect(events.at(-1)).toMatchObject({ type: "vote_closed", outcome: "passed" });
  });

  it("ask each nominee on its own; a voter is done once every nominee has a choice", () => {
    const m = votingMeeting({ category: "personnel", ballot: "named", nominees });
    m.ok(vote("U3", "approve", 2000, "n1"));
    expect(whoHasVoted(m.state)).toEqual([]);
    expect(whoHasNotVoted(m.state)).toContain("U3");
    m.ok(vote("U3", "reject", 2001, "n2"));
    expect(whoHasVoted(m.state)).toEqual(["U3"]);
    for (const [i, u] of ["U1", "U2", "U4", "U5", "U6"].entries()) {
      m.ok(vote(u, "approve", 2010 + i, "n1"));
      m.ok(vote(u, i < 2 ? "approve" : "reject", 2020 + i, "n2"));
    }
    m.ok(vote("U7", "approve", 2030, "n1"));
    expect(m.state.phase).toBe("voting");
    const events = m.ok(vote("U7", "reject", 2031, "n2"));
    expect(events.at(-1)).toMatchObject({
      type: "vote_closed",
      ballot: "named",
      results: [
        { questionId: "n1", approve: 7, reject: 0, abstain: 0, passed: true },
        { questionId: "n2", approve: 2, reject: 5, abstain: 0, passed: false },
      ],
      outcome: "partly_passed",
    });
    expect(namedTally(m.state)).toEqual({
      n1: { approve: 7, reject: 0, abstain: 0 },
      n2: { approve: 2, reject: 5, abstain: 0 },
    });
  });

  it("are refused before the vote opens, while it is paused, and on a secret ballot", () => {
    const m = meeting();
    expect(m.refused(vote("U3", "approve", 10))).toEqual({
      code: "voteNotOpen",
      params: { phase: "speaking" },
    });
    passRound(m);
    m.ok({ type: "pause", at: at(1500), by: "U2", reason: "count the room" });
    expect(m.refused(vote("U3", "approve", 1501))).toEqual({
      code: "voteNotOpen",
      params: { phase: "paused" },
    });
    m.ok({ type: "resume", at: at(1502), by: "U2" });
    m.ok(vote("U3", "approve", 1503));

    const secret = votingMeeting({ category: "personnel" });
    expect(secret.refused(vote("U3", "approve"))).toEqual({ code: "ballotIsSecret", params: {} });
    expect(meeting(null).refused(vote("U3", "approve"))).toEqual({ code: "notStarted", params: {} });
  });

  it("are refused on unknown questions and choices", () => {
    const m = votingMeeting();
    expect(m.refused(vote("U3", "approve", 2000, "n1"))).toEqual({
      code: "unknownQuestion",
      params: { questionId: "n1" },
    });
    expect(m.refused({ ...vote("U3", "approve"), choice: "maybe" as VoteChoice })).toEqual({
      code: "invalidChoice",
      params: { choice: "maybe" },
    });
    expect(
      m.refused({ type: "cast_secret", at: at(2000), userId: "U3", questionIds: ["motion"], boxAfter: {} }),
    ).toEqual({
      code: "ballotIsNamed",
      params: {},
    });
  });
});

describe("who may vote", () => {
  it("not members absent from the start, marked absent, recused, or off the roster", () => {
    const m = meeting(startCommand({ absent: ["U6"], recused: [{ userId: "U5", reason: "conflict" }] }));
    speakAndFinish(m, 10); // U4
    m.ok({ type: "mark_absent", at: at(20), by: "U2", reason: "left" }); // U7
    passRound(m);
    for (const userId of ["U6", "U7", "U5", "U99"]) {
      expect(m.refused(vote(userId, "approve"))).toEqual({ code: "notEligible", params: { userId } });
    }
    expect(m.state.vote?.eligible).toEqual(["U1", "U2", "U3", "U4"]);
  });

  it("not a member who steps out during the vote, which may close it", () => {
    const m = votingMeeting({ roster: roster(5), proposerId: "U3" });
    m.ok(vote("U1", "approve", 2000));
    m.ok(vote("U2", "approve", 2001));
    m.ok(vote("U3", "approve", 2002));
    expect(m.ok({ type: "recuse", at: at(2003), by: "U4", userId: "U4", reason: "my cousin" })).toEqual([
      { type: "recused", at: at(2003), by: "U4", userId: "U4", reason: "my cousin" },
    ]);
    expect(m.refused(vote("U4", "approve", 2004))).toEqual({ code: "notEligible", params: { userId: "U4" } });
    expect(whoHasNotVoted(m.state)).toEqual(["U5"]);
    // The last one missing steps out: everyone left has voted, so the vote closes.
    const events = m.ok({ type: "recuse", at: at(2005), by: "U2", userId: "U5", reason: "his brother" });
    expect(types(events)).toEqual(["recused", "vote_closed"]);
    expect(events[1]).toMatchObject({
      by: null,
      eligible: ["U1", "U2", "U3"],
      voted: ["U1", "U2", "U3"],
      quorum: { present: 5, required: 3, rosterSize: 5, met: true },
      base: 3,
      results: [{ questionId: "motion", approve: 3, reject: 0, abstain: 0, passed: true }],
      outcome: "passed",
    });
  });

  it("cannot step out once they have voted or spoken", () => {
    const m = meeting();
    speakAndFinish(m, 10); // U4
    speakAndFinish(m, 20); // U7
    passRound(m);
    m.ok(vote("U3", "abstain"));
    expect(m.refused({ type: "recuse", at: at(2001), by: "U3", userId: "U3", reason: "x" })).toEqual({
      code: "alreadyVoted",
      params: { userId: "U3" },
    });
    expect(m.refused({ type: "recuse", at: at(2001), by: "U2", userId: "U7", reason: "x" }).code).toBe(
      "alreadySpoke",
    );
    expect(m.refused({ type: "recuse", at: at(2001), by: "U2", userId: "U4", reason: "x" }).code).toBe(
      "proposerMayNotRecuse",
    );
    m.ok({ type: "reply", at: at(2002), userId: "U6", messageTs: messageTs(), text: "after the round" });
    m.ok({ type: "recuse", at: at(2003), by: "U6", userId: "U6", reason: "x" }); // out-of-turn replies are not statements
  });
});

describe("closing the vote (chair)", () => {
  it("counts only those who voted, against the full roster, and says who closed it and why", () => {
    const m = votingMeeting();
    votes(m, { U3: "approve", U4: "approve", U5: "approve", U6: "reject" });
    expect(m.refused({ type: "close_vote", at: at(2100), by: "U5", reason: "late" })).toEqual({
      code: "notChair",
      params: { chairId: "U2" },
    });
    expect(m.refused({ type: "close_vote", at: at(2100), by: "U2", reason: "  " })).toEqual({
      code: "reasonRequired",
      params: {},
    });
    const events = m.ok({ type: "close_vote", at: at(2100), by: "U2", reason: " out of time " });
    expect(events).toEqual([
      {
        type: "vote_closed",
        at: at(2100),
        by: "U2",
        reason: "out of time",
        ballot: "named",
        eligible: ["U1", "U2", "U3", "U4", "U5", "U6", "U7"],
        voted: ["U3", "U4", "U5", "U6"],
        quorum: { present: 7, required: 4, rosterSize: 7, met: true },
        base: 7,
        threshold: { numerator: 1, denominator: 2, inclusive: false },
        results: [{ questionId: "motion", approve: 3, reject: 1, abstain: 0, passed: false }],
        votes: [
          { userId: "U3", questionId: "motion", choice: "approve" },
          { userId: "U4", questionId: "motion", choice: "approve" },
          { userId: "U5", questionId: "motion", choice: "approve" },
          { userId: "U6", questionId: "motion", choice: "reject" },
        ],
        outcome: "rejected",
      },
    ]);
    expect(m.state.phase).toBe("closed");
  });

  it("is open to admins, and only while the vote is open", () => {
    const m = meeting();
    expect(m.refused({ type: "close_vote", at: at(10), by: "U2", reason: "x" })).toEqual({
      code: "voteNotOpen",
      params: { phase: "speaking" },
    });
    passRound(m);
    m.ok({ type: "pause", at: at(1500), by: "U2", reason: "break" });
    expect(m.refused({ type: "close_vote", at: at(1501), by: "U2", reason: "x" }).code).toBe("voteNotOpen");
    m.ok({ type: "resume", at: at(1502), by: "U2" });
    expect(types(m.ok({ type: "close_vote", at: at(1503), by: "U7", byIsAdmin: true, reason: "x" }))).toEqual(
      ["vote_closed"],
    );
  });

  it("reports no quorum when members were marked absent during the round", () => {
    const m = meeting(startCommand({ roster: roster(5), proposerId: "U5" }));
    speakAndFinish(m, 10); // U5
    for (const [i, u] of ["U4", "U3", "U2"].entries()) {
      m.ok({ type: "mark_absent", at: at(20 + i), by: "U2", reason: `${u} left` });
    }
    passRound(m);
    const events = votes(m, { U1: "approve", U5: "approve" });
    expect(events.at(-1)).toMatchObject({
      eligible: ["U1", "U5"],
      quorum: { present: 2, required: 3, rosterSize: 5, met: false },
      results: [{ questionId: "motion", approve: 2, reject: 0, abstain: 0, passed: false }],
      outcome: "no_quorum",
    });
  });
});

describe("deferring the vote (暂缓表决)", () => {
  it("closes the session for good, the vote uncounted", () => {
    const m = votingMeeting();
    m.ok(vote("U3", "approve"));
    expect(m.refused({ type: "defer", at: at(2001), by: "U3", reason: "x" }).code).toBe("notChair");
    expect(m.ok({ type: "defer", at: at(2001), by: "U2", reason: "needs the auditor's view" })).toEqual([
      { type: "deferred", at: at(2001), by: "U2", reason: "needs the auditor's view" },
    ]);
    expect(m.state.phase).toBe("deferred");
    expect(m.state.vote?.closed).toBeNull();
    expect(m.refused(vote("U4", "approve", 2002))).toEqual({
      code: "sessionClosed",
      params: { phase: "deferred" },
    });
    expect(m.refused({ type: "close_vote", at: at(2002), by: "U2", reason: "x" }).code).toBe("sessionClosed");
  });

  it("works while the vote is paused", () => {
    const m = votingMeeting({ category: "personnel" });
    m.ok({ type: "pause", at: at(1500), by: "U2", reason: "break" });
    m.ok({ type: "defer", at: at(1501), by: "U2", reason: "later" });
    expect(m.state.phase).toBe("deferred");
    expect(m.state.paused).toBeNull();
  });
});
