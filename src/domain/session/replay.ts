import { canonicalJson } from "../ledger/canonical-json.ts";
import type { SessionEvent, VoteClosedEvent } from "./events.ts";
import { evolve } from "./evolve.ts";
import { initialState, type SessionState } from "./state.ts";
import type { Totals } from "./types.ts";
import { voteClosedEvent } from "./vote.ts";

/*
 * A hash chain proves the entries were not changed after they were written; it cannot prove they
 * were right when written, nor that someone who rewrote a whole tail got the arithmetic right.
 * Replaying a session counts its votes again and compares the count with what the close recorded:
 * totals or voters that do not follow from the votes on the record are a rewrite.
 */

export type ReplayProblem =
  /** The close's totals or voters are not what the votes before it give. */
  | { seq: number; reason: "tally" }
  /** A secret close whose totals do not add up to the ballots cast. */
  | { seq: number; reason: "ballots" };

/**
 * The first entry whose recorded result the replay does not reach, or null. `firstSeq` is the
 * sequence number of `events[0]`.
 */
export function replayProblem(events: readonly SessionEvent[], firstSeq = 1): ReplayProblem | null {
  let state: SessionState = initialState;
  for (const [i, event] of events.entries()) {
    if (event.type === "vote_closed") {
      const problem = closeProblem(state, event);
      if (problem) return { seq: firstSeq + i, reason: problem };
    }
    state = evolve(state, event);
  }
  return null;
}

function closeProblem(before: SessionState, recorded: VoteClosedEvent): ReplayProblem["reason"] | null {
  const secret = before.facts?.ballot === "secret";
  // A secret ballot's choices are gone once counted: the close's own totals stand in for the box,
  // and must at least account for every ballot on the record (or be withheld altogether).
  const box: Record<string, Totals> | null = secret
    ? Object.fromEntries(
        recorded.results.map((r) => [
          r.questionId,
          { approve: r.approve, reject: r.reject, abstain: r.abstain },
        ]),
      )
    : null;
  if (secret) {
    const ballots = before.vote?.castSecret.length ?? 0;
    const fits = recorded.results.every((r) => {
      const counted = r.approve + r.reject + r.abstain;
      return counted === ballots || counted === 0;
    });
    if (!fits) return "ballots";
  }
  const replayed = voteClosedEvent(before, {
    at: recorded.at,
    by: recorded.by,
    reason: recorded.reason,
    box,
  });
  if (!replayed) return "tally";
  // Only what is counted, not what the rules made of it: the outcome depends on the quorum and
  // threshold rules of the version that closed the vote, and a later version may rule otherwise
  // on the same count without the record being wrong.
  return canonicalJson(counted(replayed)) === canonicalJson(counted(recorded)) ? null : "tally";
}

function counted(e: VoteClosedEvent) {
  return {
    voted: e.voted,
    votes: e.votes,
    results: e.results.map((r) => ({
      questionId: r.questionId,
      approve: r.approve,
      reject: r.reject,
      abstain: r.abstain,
    })),
  };
}
