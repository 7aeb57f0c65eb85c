import type { RemindCommand, TimeOutCommand } from "./commands.ts";
import { accept, NOTHING, type Decision } from "./decision.ts";
import type { SessionState } from "./state.ts";
import { millisBetween } from "./time.ts";

/*
 * The scheduler runs on every replica and may fire late, twice, or for a turn that has already
 * ended. These calls therefore never fail: when there is nothing to do they record nothing. While
 * the session is paused the turn clock is stopped, so they record nothing either.
 */

export function decideRemind(state: SessionState, command: RemindCommand): Decision {
  const current = state.current;
  if (state.phase !== "speaking" || !current || current.index !== command.turnIndex || current.reminded) {
    return NOTHING;
  }
  return accept([
    { type: "turn_reminded", at: command.at, userId: current.userId, turnIndex: current.index },
  ]);
}

/** A call before the deadline (planned from a deadline that a pause has since moved) is ignored. */
export function decideTimeOut(state: SessionState, command: TimeOutCommand): Decision {
  const current = state.current;
  if (state.phase !== "speaking" || !current || current.index !== command.turnIndex || current.timedOut) {
    return NOTHING;
  }
  if (millisBetween(current.deadline, command.at) < 0) return NOTHING;
  return accept([
    { type: "turn_timed_out", at: command.at, userId: current.userId, turnIndex: current.index },
  ]);
}
