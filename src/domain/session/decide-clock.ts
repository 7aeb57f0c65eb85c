import type { RemindCommand, RemindVotersCommand, TimeOutCommand, VoteDeadlineCommand } from "./commands.ts";
import { accept, NOTHING, type Decision } from "./decision.ts";
import type { SessionState } from "./state.ts";
import { millisBetween } from "./time.ts";
import { voteClosedEvent, whoHasNotVoted } from "./vote.ts";
import { closingBox } from "./decide-vote.ts";
import { voteReminderTimes } from "./vote-deadline.ts";

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

/**
 * Those who have not voted are reminded once per reminder, while the vote is open and before its
 * deadline; a reminder planned for a deadline that a pause has since moved waits for its new time.
 */
export function decideRemindVoters(state: SessionState, command: RemindVotersCommand): Decision {
  const vote = state.vote;
  if (state.phase !== "voting" || !vote || vote.deadline === null || vote.reminded.includes(command.which))
    return NOTHING;
  const planned = voteReminderTimes(vote.openedAt, vote.deadline).find((r) => r.which === command.which);
  if (!planned || millisBetween(planned.at, command.at) < 0) return NOTHING;
  if (millisBetween(command.at, vote.deadline) <= 0) return NOTHING;
  const userIds = whoHasNotVoted(state);
  if (userIds.length === 0) return NOTHING;
  return accept([
    { type: "voters_reminded", at: command.at, which: command.which, userIds, deadline: vote.deadline },
  ]);
}

/**
 * At the deadline the vote closes as the chair's close would, with the team's rules: below the
 * quorum nothing passes, and a secret ballot's totals are withheld. Whoever has not voted is not
 * counted. A call before the deadline (one a pause has moved), or once the vote is over, records
 * nothing.
 */
export function decideVoteDeadline(state: SessionState, command: VoteDeadlineCommand): Decision {
  const { facts, vote } = state;
  if (state.phase !== "voting" || !facts || !vote || vote.deadline === null) return NOTHING;
  if (millisBetween(vote.deadline, command.at) < 0) return NOTHING;
  const box = closingBox(facts, vote, command.box);
  if (!box.ok) return box.refusal;
  const closed = voteClosedEvent(state, { at: command.at, by: null, reason: null, box: box.box });
  return closed ? accept([{ ...closed, atDeadline: true }]) : NOTHING;
}
