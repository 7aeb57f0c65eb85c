import { describe, expect, it } from "vitest";
import { at, meeting, messageTs, speakAndFinish, startCommand, types } from "./fixtures.ts";

describe("a turn", () => {
  it("takes every reply of the speaker as part of their statement", () => {
    const m = meeting();
    const a = messageTs();
    const b = messageTs();
    expect(
      m.ok({ type: "reply", at: at(5), userId: "U4", messageTs: a, text: "The east wing leaks." }),
    ).toEqual([
      {
        type: "statement",
        at: at(5),
        userId: "U4",
        turnIndex: 0,
        messageTs: a,
        text: "The east wing leaks.",
      },
    ]);
    m.ok({ type: "reply", at: at(6), userId: "U4", messageTs: b, text: "Budget: 2M." });
    expect(m.state.statements.map((s) => s.messageTs)).toEqual([a, b]);
    expect(m.state.current?.userId).toBe("U4");
  });

  it("ends with finish after a statement and calls the next member", () => {
    const m = meeting();
    m.ok({ type: "reply", at: at(5), userId: "U4", messageTs: messageTs(), text: "Proposal." });
    expect(m.ok({ type: "finish", at: at(10), userId: "U4" })).toEqual([
      { type: "turn_finished", at: at(10), userId: "U4", turnIndex: 0 },
      { type: "turn_started", at: at(10), turnIndex: 1, userId: "U7", kind: "statement", deadline: at(310) },
    ]);
    expect(m.state.current).toEqual({
      index: 1,
      userId: "U7",
      kind: "statement",
      startedAt: at(10),
      deadline: at(310),
      reminded: false,
      timedOut: false,
    });
  });

  it("refuses finish before any statement, and pass after one", () => {
    const m = meeting();
    expect(m.refused({ type: "finish", at: at(1), userId: "U4" }).code).toBe("proposalNotPresented");
    speakAndFinish(m, 2);
    expect(m.refused({ type: "finish", at: at(4), userId: "U7" }).code).toBe("finishWithoutStatement");
    m.ok({ type: "reply", at: at(5), userId: "U7", messageTs: messageTs(), text: "Agreed." });
    expect(m.refused({ type: "pass", at: at(6), userId: "U7" }).code).toBe("passAfterStatement");
  });

  it("refuses the proposer's pass, before and after a statement: the proposer presents (汇报议题)", () => {
    const m = meeting();
    expect(m.refused({ type: "pass", at: at(1), userId: "U4", turnIndex: 0 })).toEqual({
      code: "proposerMayNotPass",
      params: {},
    });
    m.ok({ type: "reply", at: at(2), userId: "U4", messageTs: messageTs(), text: "Proposal." });
    expect(m.refused({ type: "pass", at: at(3), userId: "U4" }).code).toBe("proposerMayNotPass");
    expect(m.state.current).toMatchObject({ index: 0, userId: "U4", kind: "proposal" });
  });

  it("lets the principal pass the conclusion; the round then ends without one", () => {
    const m = meeting();
    for (let i = 0; i < 6; i++) speakAndFinish(m, 10 * i);
    expect(types(m.ok({ type: "pass", at: at(100), userId: "U1" }))).toEqual(["passed", "voting_opened"]);
    expect(m.state.noConcludingStatement).toBe(true);
  });

  it("lets a member pass without a statement", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    expect(types(m.ok({ type: "pass", at: at(20), userId: "U7" }))).toEqual(["passed", "turn_started"]);
    expect(m.state.current?.userId).toBe("U6");
  });

  it("refuses a member whose turn it is not, saying who is next and where they stand", () => {
    const m = meeting();
    expect(m.refused({ type: "pass", at: at(1), userId: "U3" })).toEqual({
      code: "notYourTurn",
      params: { nextSpeaker: "U4", position: 5 },
    });
  });

  it("tells someone with no turn in the session so, not that they are number 0 in the order", () => {
    const m = meeting();
    expect(m.refused({ type: "finish", at: at(1), userId: "U99" })).toEqual({
      code: "notInOrder",
      params: {},
    });
    expect(m.refused({ type: "pass", at: at(1), userId: "U99", turnIndex: 0 })).toEqual({
      code: "notInOrder",
      params: {},
    });
  });

  it("tells a member who presses the running turn's button that it is someone else's turn", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    m.ok({ type: "pass", at: at(20), userId: "U7" });
    // U7 spoke already; U6 is speaking (turn 2): U7 pressing Done on U6's turn call.
    expect(m.refused({ type: "finish", at: at(21), userId: "U7", turnIndex: 2 })).toEqual({
      code: "othersTurn",
      params: { speaker: "U6" },
    });
    expect(m.state.current?.userId).toBe("U6");
  });

  it("turns a second click on an ended turn into turnAlreadyEnded, not a second event", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    m.ok({ type: "pass", at: at(20), userId: "U7" });
    expect(m.refused({ type: "pass", at: at(21), userId: "U7" })).toEqual({
      code: "turnAlreadyEnded",
      params: { turnIndex: 1 },
    });
    // A click that names its turn must not land on the next speaker's turn either.
    expect(m.refused({ type: "pass", at: at(21), userId: "U6", turnIndex: 1 }).code).toBe("turnAlreadyEnded");
    expect(m.state.current?.userId).toBe("U6");
  });

  it("counts a deleted statement as withdrawn: the speaker may pass again", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    const ts = messageTs();
    m.ok({ type: "reply", at: at(3), userId: "U7", messageTs: ts, text: "Oops" });
    m.ok({ type: "delete", at: at(4), userId: "U7", messageTs: ts });
    expect(m.refused({ type: "finish", at: at(5), userId: "U7" }).code).toBe("finishWithoutStatement");
    expect(types(m.ok({ type: "pass", at: at(5), userId: "U7" }))).toEqual(["passed", "turn_started"]);
  });

  it("ends with the principal's conclusion and opens the vote", () => {
    const m = meeting();
    for (let i = 0; i < 6; i++) speakAndFinish(m, 10 * i);
    expect(m.state.current).toMatchObject({ userId: "U1", kind: "conclusion" });
    m.ok({ type: "reply", at: at(100), userId: "U1", messageTs: messageTs(), text: "We proceed." });
    expect(m.ok({ type: "finish", at: at(101), userId: "U1" })).toEqual([
      { type: "principal_concluded", at: at(101), userId: "U1", turnIndex: 6 },
      {
        type: "voting_opened",
        at: at(101),
        eligibleVoters: ["U1", "U2", "U3", "U4", "U5", "U6", "U7"],
        concluded: true,
        // The team's default when the session set none: 24 hours.
        deadline: at(101 + 86_400),
      },
    ]);
    expect(m.state.phase).toBe("voting");
    expect(m.state.noConcludingStatement).toBe(false);
    expect(m.refused({ type: "finish", at: at(102), userId: "U1" }).code).toBe("roundEnded");
  });

  it("opens the vote when the principal passes, and records that nobody concluded", () => {
    const m = meeting();
    for (let i = 0; i < 6; i++) speakAndFinish(m, 10 * i);
    expect(types(m.ok({ type: "pass", at: at(100), userId: "U1" }))).toEqual(["passed", "voting_opened"]);
    expect(m.state.noConcludingStatement).toBe(true);
  });
});

describe("replies out of turn", () => {
  it("records a deputy's reply without changing whose turn it is", () => {
    const m = meeting();
    const ts = messageTs();
    expect(m.ok({ type: "reply", at: at(3), userId: "U3", messageTs: ts, text: "I agree!" })).toEqual([
      {
        type: "out_of_turn",
        at: at(3),
        userId: "U3",
        isPrincipal: false,
        messageTs: ts,
        text: "I agree!",
        turnOf: "U4",
        reason: "notYourTurn",
      },
    ]);
    expect(m.state.current?.userId).toBe("U4");
    expect(m.state.statements).toEqual([]);
    expect(m.state.outOfTurn).toHaveLength(1);
    expect(m.state.principalSpokeOutOfTurn).toBe(false);
  });

  it("records a principal who speaks before their turn", () => {
    const m = meeting();
    const [event] = m.ok({
      type: "reply",
      at: at(3),
      userId: "U1",
      messageTs: messageTs(),
      text: "I like it.",
    });
    expect(event).toMatchObject({ type: "out_of_turn", isPrincipal: true, turnOf: "U4" });
    expect(m.state.principalSpokeOutOfTurn).toBe(true);
    expect(m.state.current?.userId).toBe("U4");
  });

  it("records members already done, non-members, and replies after the round", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    m.ok({ type: "reply", at: at(5), userId: "U4", messageTs: messageTs(), text: "One more thing" });
    m.ok({ type: "reply", at: at(6), userId: "U99", messageTs: messageTs(), text: "Hello" });
    expect(m.state.outOfTurn.map((o) => [o.userId, o.turnOf])).toEqual([
      ["U4", "U7"],
      ["U99", "U7"],
    ]);
    for (let i = 0; i < 6; i++) speakAndFinish(m, 10 * (i + 1));
    expect(m.state.phase).toBe("voting");
    const [late] = m.ok({
      type: "reply",
      at: at(200),
      userId: "U1",
      messageTs: messageTs(),
      text: "Vote now.",
    });
    expect(late).toMatchObject({
      type: "out_of_turn",
      isPrincipal: true,
      turnOf: null,
      reason: "afterRound",
    });
    expect(m.state.principalSpokeOutOfTurn).toBe(false);
  });

  it("records the same Slack message once", () => {
    const m = meeting();
    const ts = messageTs();
    m.ok({ type: "reply", at: at(1), userId: "U4", messageTs: ts, text: "Proposal." });
    expect(m.ok({ type: "reply", at: at(1), userId: "U4", messageTs: ts, text: "Proposal." })).toEqual([]);
    const other = messageTs();
    m.ok({ type: "reply", at: at(2), userId: "U3", messageTs: other, text: "Hm" });
    expect(m.ok({ type: "reply", at: at(2), userId: "U3", messageTs: other, text: "Hm" })).toEqual([]);
  });
});

describe("edits and deletions", () => {
  it("records an edit of a statement next to the original", () => {
    const m = meeting();
    const ts = messageTs();
    m.ok({ type: "reply", at: at(1), userId: "U4", messageTs: ts, text: "Budget: 2M" });
    expect(m.ok({ type: "edit", at: at(2), userId: "U4", messageTs: ts, text: "Budget: 3M" })).toEqual([
      { type: "statement_edited", at: at(2), userId: "U4", messageTs: ts, turnIndex: 0, text: "Budget: 3M" },
    ]);
    expect(m.state.statements[0]).toMatchObject({
      text: "Budget: 2M",
      edits: [{ text: "Budget: 3M", at: at(2) }],
    });
  });

  it("drops edits that change nothing, edits of other messages and edits by someone else", () => {
    const m = meeting();
    const ts = messageTs();
    m.ok({ type: "reply", at: at(1), userId: "U4", messageTs: ts, text: "Budget: 2M" });
    expect(m.ok({ type: "edit", at: at(2), userId: "U4", messageTs: ts, text: "Budget: 2M" })).toEqual([]);
    expect(m.ok({ type: "edit", at: at(2), userId: "U4", messageTs: "nope", text: "x" })).toEqual([]);
    expect(m.ok({ type: "edit", at: at(2), userId: "U5", messageTs: ts, text: "x" })).toEqual([]);
    const outOfTurn = messageTs();
    m.ok({ type: "reply", at: at(3), userId: "U5", messageTs: outOfTurn, text: "early" });
    expect(m.ok({ type: "edit", at: at(4), userId: "U5", messageTs: outOfTurn, text: "later" })).toEqual([]);
  });

  it("records a deletion once and keeps the original", () => {
    const m = meeting();
    const ts = messageTs();
    m.ok({ type: "reply", at: at(1), userId: "U4", messageTs: ts, text: "Budget: 2M" });
    expect(m.ok({ type: "delete", at: at(2), userId: "U4", messageTs: ts })).toEqual([
      { type: "statement_deleted", at: at(2), userId: "U4", messageTs: ts, turnIndex: 0 },
    ]);
    expect(m.ok({ type: "delete", at: at(3), userId: "U4", messageTs: ts })).toEqual([]);
    expect(m.ok({ type: "edit", at: at(3), userId: "U4", messageTs: ts, text: "x" })).toEqual([]);
    expect(m.state.statements[0]).toMatchObject({ text: "Budget: 2M", deletedAt: at(2) });
  });
});

describe("phases", () => {
  it("refuses everything but start before the session has started", () => {
    const m = meeting(null);
    expect(m.refused({ type: "reply", at: at(1), userId: "U4", messageTs: "1", text: "x" }).code).toBe(
      "notStarted",
    );
    expect(m.refused({ type: "remind", at: at(1), turnIndex: 0 }).code).toBe("notStarted");
  });

  it("refuses a time that is not an instant with a zone", () => {
    const m = meeting();
    expect(m.refused({ type: "pass", at: "2025-03-01 09:00", userId: "U4" })).toEqual({
      code: "invalidTime",
      params: { at: "2025-03-01 09:00" },
    });
  });

  it("starts only once", () => {
    const m = meeting(startCommand({ roster: startCommand().roster }));
    expect(m.refused(startCommand()).code).toBe("alreadyStarted");
  });
});
