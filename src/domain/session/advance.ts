import type { SessionEvent } from "./events.ts";
import { evolve } from "./evolve.ts";
import { eligibleVoters, type SessionState } from "./state.ts";
import { addSeconds } from "./time.ts";
import type { Instant } from "./types.ts";

/**
 * Appends to `events` what follows from them by itself: when they end the current turn, the next
 * speaker is called, or, when nobody is left, the vote opens. Keeping this in one place means every
 * way a turn can end (finish, pass, skip, absence, recusal) moves the round on the same way.
 */
export function withFollowUp(state: SessionState, events: SessionEvent[], at: Instant): SessionEvent[] {
  const after = events.reduce(evolve, state);
  if (after.phase !== "speaking" || after.current) return events;
  const facts = after.facts;
  if (!facts) return events;

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
        deadline: addSeconds(at, facts.turnSeconds),
      },
    ];
  }
  return [
    ...events,
    { type: "voting_opened", at, eligibleVoters: eligibleVoters(after), concluded: !after.noConcludingStatement },
  ];
}
