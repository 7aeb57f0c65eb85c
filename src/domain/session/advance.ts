import type { SessionEvent } from "./events.ts";
import { evolve } from "./evolve.ts";
import { eligibleVoters, type SessionState } from "./state.ts";
import { addSeconds } from "./time.ts";
import type { Instant, Totals } from "./types.ts";
import { everyoneVoted, voteClosedEvent } from "./vote.ts";
import { voteDeadline } from "./vote-deadline.ts";

/**
 * Appends to `events` what follows from them by itself: when they end the current turn, the next
 * speaker is called, or, when nobody is left, the vote opens; when every eligible voter has voted,
 * the vote closes. Keeping this in one place means every way a turn can end (finish, pass, skip,
 * absence, recusal) moves the round on the same way, and every way the last vote can come in
 * (a vote, a ballot, a recusal of the last one missing) closes the vote the same way.
 *
 * `box` is what the secret ballot box holds after these events, when the caller knows it (and has
 * checked it): a secret vote can only close by itself with it, or while no ballot has been cast.
 */
export function withFollowUp(
  state: SessionState,
  events: SessionEvent[],
  at: Instant,
  box: Record<string, Totals> | null = null,
): SessionEvent[] {
  const after = events.reduce(evolve, state);
  if (after.phase === "speaking" && !after.current && after.facts) {
    const next = after.turns.findIndex((t) => t.outcome === null);
    const slot = after.turns[next];
    if (slot) {
      return [
        ...events,
        {
          type: "turn_started",
          at,
          turnIndex: next,
          userId: slot.userId,
          kind: slot.kind,
          deadline: addSeconds(at, after.facts.turnSeconds),
        },
      ];
    }
    const opened: SessionEvent = {
      type: "voting_opened",
      at,
      eligibleVoters: eligibleVoters(after),
      concluded: !after.noConcludingStatement,
      deadline: voteDeadline(after, at),
    };
    return withVoteClosed(evolve(after, opened), [...events, opened], at, box);
  }
  return withVoteClosed(after, events, at, box);
}

function withVoteClosed(
  after: SessionState,
  events: SessionEvent[],
  at: Instant,
  box: Record<string, Totals> | null,
): SessionEvent[] {
  if (after.phase !== "voting" || !after.vote || !everyoneVoted(after)) return events;
  const secret = after.facts?.ballot === "secret";
  // The domain never sees secret choices: without the box's count it cannot close, unless it is empty.
  if (secret && box === null && after.vote.castSecret.length > 0) return events;
  const closed = voteClosedEvent(after, { at, by: null, reason: null, box: secret ? box : null });
  return closed ? [...events, closed] : events;
}
