import { describe, expect, it } from "vitest";
import { eligibleVoters } from "../../../../src/domain/session/state.ts";
import { at, meeting, messageTs, roster, speakAndFinish, startCommand, types } from "./fixtures.ts";

describe("chair actions", () => {
  it("are refused to anyone but the chair and admins", () => {
    const m = meeting();
    expect(m.refused({ type: "skip", at: at(1), by: "U1", reason: "slow" })).toEqual({
      code: "notChair",
      params: { chairId: "U2" },
    });
    expect(m.refused({ type: "pause", at: at(1), by: "U5", reason: "fire drill" }).code).toBe("notChair");
    expect(
      types(m.ok({ type: "pause", at: at(1), by: "U5", byIsAdmin: true, reason: "fire drill" })),
    ).toEqual(["paused"]);
  });

  it("need a reason, except resume", () => {
    const m = meeting();
    speakAndFinish(m, 0);
    for (const type of ["skip", "mark_absent", "pause", "defer", "cancel"] as const) {
      expect(m.refused({ type, at: at(1), by: "U2", reason: "  " })).toEqual({
        code: "reasonRequired",
        params: {},
      });
    }
    m.ok({ type: "pause", at: at(2), by: "U2", reason: "break" });
    expect(types(m.ok({ type: "resume", at: at(3), by: "U2" }))).toEqual(["resumed"]);
  });

  it("skip the current speaker, who stays a voter", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    expect(m.ok({ type: "skip", at: at(5), by: "U2", reason: "no answer" })).toEqual([
      { type: "skipped", at: at(5), by: "U2", userId: "U7", turnIndex: 1, reason: "no answer" },
      { type: "turn_started", at: at(5), turnIndex: 2, userId: "U6", kind: "statement", deadline: at(305) },
    ]);
    expect(eligibleVoters(m.state)).toContain("U7");
  });

  it("do not skip the proposer: the chair marks them absent, which defers the session for that reason", () => {
    const m = meeting();
    expect(m.refused({ type: "skip", at: at(5), by: "U2", reason: "no answer", turnIndex: 0 })).toEqual({
      code: "proposerMayNotBeSkipped",
      params: {},
    });
    expect(m.state.current).toMatchObject({ index: 0, userId: "U4" });
    expect(
      m.ok({ type: "mark_absent", at: at(6), by: "U2", reason: "on a site visit", turnIndex: 0 }),
    ).toEqual([
      { type: "marked_absent", at: at(6), by: "U2", userId: "U4", turnIndex: 0, reason: "on a site visit" },
      { type: "deferred", at: at(6), by: "U2", reason: "on a site visit" },
    ]);
    expect(m.state.phase).toBe("deferred");
    expect(m.state.closed).toEqual({ at: at(6), by: "U2", reason: "on a site visit" });
  });

  it("do not let anyone but the chair mark the proposer absent", () => {
    const m = meeting();
    expect(m.refused({ type: "mark_absent", at: at(5), by: "U5", reason: "gone" }).code).toBe("notChair");
    expect(m.state.phase).toBe("speaking");
  });

  it("mark the current speaker absent: no turn, no vote", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    expect(types(m.ok({ type: "mark_absent", at: at(5), by: "U2", reason: "left the room" }))).toEqual([
      "marked_absent",
      "turn_started",
    ]);
    expect(m.state.absent).toEqual(["U7"]);
    expect(eligibleVoters(m.state)).not.toContain("U7");
  });

  it("do not let a second click skip the next speaker", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    m.ok({ type: "skip", at: at(5), by: "U2", reason: "no answer", turnIndex: 1 });
    expect(m.refused({ type: "skip", at: at(5), by: "U2", reason: "no answer", turnIndex: 1 })).toEqual({
      code: "turnAlreadyEnded",
      params: { turnIndex: 1 },
    });
    expect(m.state.current?.userId).toBe("U6");
  });

  it("end the round without a conclusion when the principal is skipped or marked absent", () => {
    for (const type of ["skip", "mark_absent"] as const) {
      const m = meeting();
      for (let i = 0; i < 6; i++) speakAndFinish(m, 10 * i);
      const events = m.ok({ type, at: at(100), by: "U2", reason: "called away" });
      expect(types(events).at(-1)).toBe("voting_opened");
      expect(m.state.noConcludingStatement).toBe(true);
    }
  });

  it("mark a principal who proposed absent for both of their turns", () => {
    const m = meeting(startCommand({ proposerId: "U1" }));
    m.ok({ type: "mark_absent", at: at(1), by: "U2", reason: "flight" });
    expect(m.state.turns.filter((t) => t.userId === "U1").map((t) => t.outcome)).toEqual([
      "absent",
      "absent",
    ]);
    expect(m.state.noConcludingStatement).toBe(true);
  });
});

describe("recusal (回避)", () => {
  it("takes a member who has not spoken out of the order and the voters", () => {
    const m = meeting();
    expect(m.ok({ type: "recuse", at: at(1), by: "U6", userId: "U6", reason: "my cousin bids" })).toEqual([
      { type: "recused", at: at(1), by: "U6", userId: "U6", reason: "my cousin bids" },
    ]);
    expect(eligibleVoters(m.state)).not.toContain("U6");
    speakAndFinish(m, 2);
    speakAndFinish(m, 4);
    expect(m.state.current?.userId).toBe("U5");
  });

  it("moves on when the current speaker recuses before saying anything", () => {
    const m = meeting();
    speakAndFinish(m, 1);
    expect(types(m.ok({ type: "recuse", at: at(5), by: "U2", userId: "U7", reason: "conflict" }))).toEqual([
      "recused",
      "turn_started",
    ]);
    expect(m.state.current?.userId).toBe("U6");
  });

  it("is refused to others, to members who spoke, twice, to the proposer, to absent and unknown people", () => {
    const m = meeting(startCommand({ absent: ["U3"] }));
    expect(m.refused({ type: "recuse", at: at(1), by: "U5", userId: "U6", reason: "x" })).toEqual({
      code: "recusalNotAllowed",
      params: { userId: "U6" },
    });
    expect(m.refused({ type: "recuse", at: at(1), by: "U6", userId: "U6", reason: "" }).code).toBe(
      "reasonRequired",
    );
    expect(m.refused({ type: "recuse", at: at(1), by: "U2", userId: "U4", reason: "x" }).code).toBe(
      "proposerMayNotRecuse",
    );
    expect(m.refused({ type: "recuse", at: at(1), by: "U2", userId: "U3", reason: "x" }).code).toBe(
      "memberAbsent",
    );
    expect(m.refused({ type: "recuse", at: at(1), by: "U2", userId: "U99", reason: "x" }).code).toBe(
      "notOnRoster",
    );
    speakAndFinish(m, 2);
    const ts = messageTs();
    m.ok({ type: "reply", at: at(4), userId: "U7", messageTs: ts, text: "Yes" });
    m.ok({ type: "delete", at: at(5), userId: "U7", messageTs: ts });
    expect(m.refused({ type: "recuse", at: at(6), by: "U7", userId: "U7", reason: "x" }).code).toBe(
      "alreadySpoke",
    );
    m.ok({ type: "recuse", at: at(7), by: "U6", userId: "U6", reason: "x" });
    expect(m.refused({ type: "recuse", at: at(8), by: "U6", userId: "U6", reason: "x" }).code).toBe(
      "alreadyRecused",
    );
  });

  it("of the principal leaves the round without a conclusion", () => {
    const m = meeting(startCommand({ roster: roster(3), proposerId: "U3" }));
    m.ok({ type: "recuse", at: at(1), by: "U1", userId: "U1", reason: "my brother" });
    expect(m.state.noConcludingStatement).toBe(true);
    speakAndFinish(m, 2);
    speakAndFinish(m, 4);
    expect(m.state.phase).toBe("voting");
    expect(m.events.at(-1)).toMatchObject({
      type: "voting_opened",
      eligibleVoters: ["U2", "U3"],
      concluded: false,
    });
  });

  it("is recorded at the start with its reason", () => {
    const m = meeting(startCommand({ recused: [{ userId: "U5", reason: "her husband bids" }] }));
    expect(m.state.recused).toEqual([{ userId: "U5", reason: "her husband bids", by: "U2", at: at(0) }]);
    expect(m.state.turns.map((t) => t.userId)).not.toContain("U5");
  });
});

describe("pause and resume", () => {
  it("counts replies while paused as out of turn, refuses turn moves, and resumes where it was", () => {
    const m = meeting();
    m.ok({ type: "pause", at: at(100), by: "U2", reason: "fire drill" });
    expect(m.state.phase).toBe("paused");
    expect(m.refused({ type: "pause", at: at(101), by: "U2", reason: "again" }).code).toBe("alreadyPaused");
    const [reply] = m.ok({ type: "reply", at: at(102), userId: "U4", messageTs: messageTs(), text: "So..." });
    expect(reply).toMatchObject({ type: "out_of_turn", reason: "paused", turnOf: "U4" });
    expect(m.refused({ type: "pass", at: at(103), userId: "U4" }).code).toBe("sessionPaused");
    expect(m.refused({ type: "skip", at: at(103), by: "U2", reason: "x" }).code).toBe("sessionPaused");
    expect(m.refused({ type: "recuse", at: at(103), by: "U6", userId: "U6", reason: "x" }).code).toBe(
      "sessionPaused",
    );
    // The turn had 200 s left when paused; it gets them back from the moment it resumes.
    expect(m.ok({ type: "resume", at: at(1000), by: "U2" })).toEqual([
      { type: "resumed", at: at(1000), by: "U2", deadline: at(1200) },
    ]);
    expect(m.state.phase).toBe("speaking");
    expect(m.state.current).toMatchObject({ userId: "U4", startedAt: at(0), deadline: at(1200) });
    expect(m.refused({ type: "resume", at: at(1001), by: "U2" }).code).toBe("notPaused");
  });

  it("marks a principal who speaks during a pause as early", () => {
    const m = meeting();
    m.ok({ type: "pause", at: at(1), by: "U2", reason: "break" });
    m.ok({ type: "reply", at: at(2), userId: "U1", messageTs: messageTs(), text: "Between us..." });
    expect(m.state.principalSpokeOutOfTurn).toBe(true);
  });

  it("pauses a vote and resumes it to voting", () => {
    const m = meeting(startCommand({ roster: roster(2), proposerId: "U2" }));
    speakAndFinish(m, 1);
    speakAndFinish(m, 3);
    expect(m.state.phase).toBe("voting");
    m.ok({ type: "pause", at: at(10), by: "U2", reason: "count" });
    expect(m.ok({ type: "resume", at: at(20), by: "U2" })).toEqual([
      // The vote gets back the time it had left: its deadline moves by the ten seconds of the pause.
      { type: "resumed", at: at(20), by: "U2", deadline: null, voteDeadline: at(4 + 86_400 + 10) },
    ]);
    expect(m.state.phase).toBe("voting");
    expect(m.state.vote?.deadline).toBe(at(4 + 86_400 + 10));
  });
});

describe("defer and cancel", () => {
  for (const type of ["defer", "cancel"] as const) {
    it(`${type} closes the session for good`, () => {
      const m = meeting();
      m.ok({ type: "pause", at: at(1), by: "U2", reason: "break" });
      const [event] = m.ok({ type, at: at(2), by: "U2", reason: "needs a site visit" });
      const closed = type === "defer" ? "deferred" : "cancelled";
      expect(event).toEqual({ type: closed, at: at(2), by: "U2", reason: "needs a site visit" });
      expect(m.state.phase).toBe(closed);
      expect(m.state.current).toBeNull();
      for (const command of [
        { type: "reply", at: at(3), userId: "U4", messageTs: messageTs(), text: "x" },
        { type: "resume", at: at(3), by: "U2" },
        { type: "remind", at: at(3), turnIndex: 0 },
        startCommand(),
      ] as const) {
        expect(m.refused(command)).toEqual({ code: "sessionClosed", params: { phase: m.state.phase } });
      }
    });
  }
});

describe("turn time", () => {
  it("reminds once per turn and ignores stale reminders", () => {
    const m = meeting();
    expect(m.ok({ type: "remind", at: at(240), turnIndex: 0 })).toEqual([
      { type: "turn_reminded", at: at(240), userId: "U4", turnIndex: 0 },
    ]);
    expect(m.state.current?.reminded).toBe(true);
    expect(m.ok({ type: "remind", at: at(241), turnIndex: 0 })).toEqual([]);
    expect(m.ok({ type: "remind", at: at(241), turnIndex: 3 })).toEqual([]);
    speakAndFinish(m, 250);
    expect(m.ok({ type: "remind", at: at(260), turnIndex: 0 })).toEqual([]);
    expect(m.state.current?.reminded).toBe(false);
  });

  it("times a turn out once, not before its deadline", () => {
    const m = meeting();
    expect(m.ok({ type: "time_out", at: at(299), turnIndex: 0 })).toEqual([]);
    expect(m.ok({ type: "time_out", at: at(300), turnIndex: 0 })).toEqual([
      { type: "turn_timed_out", at: at(300), userId: "U4", turnIndex: 0 },
    ]);
    expect(m.ok({ type: "time_out", at: at(301), turnIndex: 0 })).toEqual([]);
    expect(m.state.current).toMatchObject({ index: 0, userId: "U4", timedOut: true });
  });

  it("stops the clock while paused", () => {
    const m = meeting();
    m.ok({ type: "pause", at: at(10), by: "U2", reason: "break" });
    expect(m.ok({ type: "time_out", at: at(400), turnIndex: 0 })).toEqual([]);
    expect(m.ok({ type: "remind", at: at(400), turnIndex: 0 })).toEqual([]);
    m.ok({ type: "resume", at: at(500), by: "U2" });
    expect(m.ok({ type: "time_out", at: at(700), turnIndex: 0 })).toEqual([]);
    expect(types(m.ok({ type: "time_out", at: at(790), turnIndex: 0 }))).toEqual(["turn_timed_out"]);
  });
});
