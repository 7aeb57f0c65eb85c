import { describe, expect, it } from "vitest";
import { types as eventTypes } from "./fixtures.ts";
import {
  isUntilAllVotedWord,
  parseVoteLength,
  voteReminderTimes,
} from "../../../../src/domain/session/vote-deadline.ts";
import { at, meeting, passRound, speakAndFinish, startCommand, votingMeeting } from "./fixtures.ts";

const HOUR = 3600;

describe("a vote's deadline (表决时限)", () => {
  it("is the session's length after the vote opens, 24 hours when none was chosen", () => {
    const m = votingMeeting();
    const opened = m.state.vote!.openedAt;
    expect(Date.parse(m.state.vote!.deadline!) - Date.parse(opened)).toBe(24 * HOUR * 1000);
    const short = votingMeeting({ voteWindow: { seconds: 2 * HOUR, untilAllVoted: false } });
    expect(Date.parse(short.state.vote!.deadline!) - Date.parse(short.state.vote!.openedAt)).toBe(
      2 * HOUR * 1000,
    );
  });

  it("refuses a length under five minutes or over thirty days", () => {
    for (const seconds of [60, 31 * 24 * HOUR, 1.5])
      expect(meeting(null).refused(startCommand({ voteWindow: { seconds, untilAllVoted: false } }))).toEqual({
        code: "invalidVoteSeconds",
        params: { seconds },
      });
  });

  it("allows 'until everyone has voted' only with the chair a present member: not absent, recused or off the roster", () => {
    const live = { seconds: HOUR, untilAllVoted: true };
    expect(meeting(null).refused(startCommand({ chairId: "U99", voteWindow: live })).code).toBe(
      "untilAllVotedNeedsChair",
    );
    expect(meeting(null).refused(startCommand({ absent: ["U2"], voteWindow: live })).code).toBe(
      "untilAllVotedNeedsChair",
    );
    expect(
      meeting(null).refused(
        startCommand({ recused: [{ userId: "U2", reason: "his firm" }], voteWindow: live }),
      ).code,
    ).toBe("untilAllVotedNeedsChair");
    const m = votingMeeting({ voteWindow: live });
    expect(m.state.vote!.deadline).toBeNull();
  });

  it("falls back to the length when the chair of a live meeting is marked absent before the vote", () => {
    const m = meeting(startCommand({ proposerId: "U4", voteWindow: { seconds: HOUR, untilAllVoted: true } }));
    speakAndFinish(m, 1);
    // U7, U6, U5, U3 pass; U2 (the chair) is called and marked absent by an admin.
    for (let t = 10; m.state.current?.userId !== "U2"; t++)
      m.ok({ type: "pass", at: at(t), userId: m.state.current!.userId });
    m.ok({ type: "mark_absent", at: at(50), by: "U9", byIsAdmin: true, reason: "called away" });
    passRound(m, 60);
    expect(Date.parse(m.state.vote!.deadline!) - Date.parse(m.state.vote!.openedAt)).toBe(HOUR * 1000);
  });

  it("reminds at half time, and an hour before only when that comes after half time", () => {
    expect(voteReminderTimes(at(0), at(24 * HOUR))).toEqual([
      { which: "half", at: at(12 * HOUR) },
      { which: "hour", at: at(23 * HOUR) },
    ]);
    expect(voteReminderTimes(at(0), at(2 * HOUR))).toEqual([{ which: "half", at: at(HOUR) }]);
  });

  it("reminds those who have not voted once per reminder, never before its time or after the deadline", () => {
    const m = votingMeeting({ voteWindow: { seconds: 4 * HOUR, untilAllVoted: false } });
    const opened = Date.parse(m.state.vote!.openedAt) / 1000 - Date.parse(at(0)) / 1000;
    m.ok({ type: "vote", at: at(opened + 10), userId: "U1", questionId: "motion", choice: "approve" });
    expect(m.ok({ type: "remind_voters", at: at(opened + HOUR), which: "half" })).toEqual([]);
    const [reminded] = m.ok({ type: "remind_voters", at: at(opened + 2 * HOUR), which: "half" });
    expect(reminded).toMatchObject({ type: "voters_reminded", which: "half" });
    expect(reminded?.type === "voters_reminded" && reminded.userIds).not.toContain("U1");
    expect(m.ok({ type: "remind_voters", at: at(opened + 2 * HOUR + 5), which: "half" })).toEqual([]);
    expect(m.ok({ type: "remind_voters", at: at(opened + 4 * HOUR), which: "hour" })).toEqual([]);
  });

  it("closes the vote at the deadline, not before, once, and not after the chair closed it", () => {
    const m = votingMeeting({ voteWindow: { seconds: HOUR, untilAllVoted: false } });
    const deadline = m.state.vote!.deadline!;
    const before = new Date(Date.parse(deadline) - 1000).toISOString();
    expect(m.ok({ type: "vote_deadline", at: before })).toEqual([]);
    const closed = m.ok({ type: "vote_deadline", at: deadline });
    expect(eventTypes(closed)).toEqual(["vote_closed"]);
    expect(closed[0]).toMatchObject({ by: null, reason: null, atDeadline: true, outcome: "rejected" });
    expect(m.refused({ type: "vote_deadline", at: deadline }).code).toBe("sessionClosed");

    const chair = votingMeeting({ voteWindow: { seconds: HOUR, untilAllVoted: false } });
    chair.ok({ type: "close_vote", at: at(5000), by: "U2", reason: "enough" });
    expect(chair.refused({ type: "vote_deadline", at: chair.state.vote!.deadline! }).code).toBe(
      "sessionClosed",
    );
  });

  it("moves with a pause: the vote gets back the time it had left", () => {
    const m = votingMeeting({ voteWindow: { seconds: HOUR, untilAllVoted: false } });
    const deadline = m.state.vote!.deadline!;
    const opened = (Date.parse(m.state.vote!.openedAt) - Date.parse(at(0))) / 1000;
    m.ok({ type: "pause", at: at(opened + 600), by: "U2", reason: "fire drill" });
    expect(m.ok({ type: "vote_deadline", at: deadline })).toEqual([]);
    m.ok({ type: "resume", at: at(opened + 1200), by: "U2" });
    expect(Date.parse(m.state.vote!.deadline!) - Date.parse(deadline)).toBe(600_000);
    expect(m.ok({ type: "vote_deadline", at: deadline })).toEqual([]);
    expect(eventTypes(m.ok({ type: "vote_deadline", at: m.state.vote!.deadline! }))).toEqual(["vote_closed"]);
  });

  it("reads lengths as people type them, in both languages", () => {
    expect(parseVoteLength("24h")).toBe(24 * HOUR);
    expect(parseVoteLength("90m")).toBe(90 * 60);
    expect(parseVoteLength("3d")).toBe(3 * 24 * HOUR);
    expect(parseVoteLength("24小时")).toBe(24 * HOUR);
    expect(parseVoteLength("3天")).toBe(3 * 24 * HOUR);
    expect(parseVoteLength("1m")).toBeUndefined();
    expect(parseVoteLength("soon")).toBeUndefined();
    expect(isUntilAllVotedWord("live")).toBe(true);
    expect(isUntilAllVotedWord("现场")).toBe(true);
  });
});
