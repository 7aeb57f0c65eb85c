import { describe, expect, it } from "vitest";
import type { SessionEvent, VoteClosedEvent } from "../../../../src/domain/session/events.ts";
import { replayProblem } from "../../../../src/domain/session/replay.ts";
import type { VoteChoice } from "../../../../src/domain/session/types.ts";
import { at, votingMeeting } from "./fixtures.ts";

/** A closed named vote: the eligible members vote `choices` in rank order (approve past the end). */
function closedNamedVote(choices: VoteChoice[]): SessionEvent[] {
  const m = votingMeeting();
  const voters = m.state.vote!.eligible;
  for (const [i, userId] of voters.entries()) {
    m.ok({ type: "vote", at: at(2000 + i), userId, questionId: "motion", choice: choices[i] ?? "approve" });
  }
  expect(m.state.phase).toBe("closed");
  return m.events;
}

/** A closed secret ballot whose box held `approve` approvals and the rest rejections. */
function closedSecretBallot(approve: number): SessionEvent[] {
  const m = votingMeeting({ ballot: "secret" });
  const voters = m.state.vote!.eligible;
  voters.forEach((userId, i) => {
    const box = {
      motion: { approve: Math.min(i + 1, approve), reject: Math.max(0, i + 1 - approve), abstain: 0 },
    };
    m.ok({ type: "cast_secret", at: at(2000 + i), userId, questionIds: ["motion"], boxAfter: box });
  });
  expect(m.state.phase).toBe("closed");
  return m.events;
}

function editClose(
  events: SessionEvent[],
  edit: (closed: VoteClosedEvent) => VoteClosedEvent,
): SessionEvent[] {
  return events.map((e) => (e.type === "vote_closed" ? edit(structuredClone(e)) : e));
}

const closeSeq = (events: SessionEvent[]) => events.findIndex((e) => e.type === "vote_closed") + 1;

describe("replaying a session", () => {
  it("reaches what the close recorded, for a named vote and for a secret ballot", () => {
    expect(replayProblem(closedNamedVote(["approve", "reject", "approve", "abstain", "approve"]))).toBeNull();
    expect(replayProblem(closedSecretBallot(3))).toBeNull();
  });

  it("finds a named vote's totals changed at the close", () => {
    const events = closedNamedVote(["reject", "reject", "reject", "approve", "approve"]);
    const forged = editClose(events, (c) => {
      c.results[0] = { ...c.results[0]!, approve: 5, reject: 0, passed: true };
      return { ...c, outcome: "passed" };
    });
    expect(replayProblem(forged)).toEqual({ seq: closeSeq(events), reason: "tally" });
  });

  it("finds a secret ballot's totals that do not add up to the ballots cast", () => {
    const events = closedSecretBallot(2);
    const forged = editClose(events, (c) => {
      c.results[0] = { ...c.results[0]!, approve: 4 };
      return c;
    });
    expect(replayProblem(forged)).toEqual({ seq: closeSeq(events), reason: "ballots" });
  });

  it("finds a voter left out of those a secret close counted", () => {
    const events = closedSecretBallot(1);
    const forged = editClose(events, (c) => ({ ...c, voted: c.voted.slice(1) }));
    expect(replayProblem(forged)).toEqual({ seq: closeSeq(events), reason: "tally" });
  });

  it("leaves the outcome to the rules: a close whose count holds is not flagged for what they made of it", () => {
    const events = closedSecretBallot(1);
    const ruledOtherwise = editClose(events, (c) => ({ ...c, outcome: "no_quorum" }));
    expect(replayProblem(ruledOtherwise)).toBeNull();
  });
});
