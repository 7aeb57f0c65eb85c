import { withFollowUp } from "./advance.ts";
import type { CastSecretCommand, CloseVoteCommand, VoteCommand } from "./commands.ts";
import { chairRefusal, reasonRefusal } from "./decide-chair.ts";
import { accept, NOTHING, refuse, type Decision } from "./decision.ts";
import type { SessionFacts, SessionState, VoteState } from "./state.ts";
import { isVoteChoice, type Totals } from "./types.ts";
import { boxMisfit, latestChoice, voteClosedEvent } from "./vote.ts";

type OpenVote = { ok: true; facts: SessionFacts; vote: VoteState } | { ok: false; refusal: Decision };

/** Votes are taken only while the vote is open: not while speaking, not while paused. */
function openVote(state: SessionState): OpenVote {
  const { facts, vote } = state;
  if (state.phase !== "voting" || !facts || !vote) {
    return { ok: false, refusal: refuse("voteNotOpen", { phase: state.phase }) };
  }
  return { ok: true, facts, vote };
}

/**
 * 记名投票: a voter's choice on one question, shown as it comes. A voter may change it until the
 * vote closes; the first choice and the change both stay on the record. Repeating the same choice
 * (a second click) records nothing. The last choice missing closes the vote.
 */
export function decideVote(state: SessionState, command: VoteCommand): Decision {
  const open = openVote(state);
  if (!open.ok) return open.refusal;
  const { facts, vote } = open;
  const { at, userId, questionId, choice } = command;
  if (facts.ballot === "secret") return refuse("ballotIsSecret", {});
  if (!vote.eligible.includes(userId)) return refuse("notEligible", { userId });
  if (!vote.questions.some((q) => q.id === questionId)) return refuse("unknownQuestion", { questionId });
  if (!isVoteChoice(choice)) return refuse("invalidChoice", { choice: String(choice) });
  const previous = latestChoice(vote, questionId, userId);
  if (previous === choice) return NOTHING;
  return accept(
    withFollowUp(
      state,
      [{ type: "vote_cast", at, userId, questionId, choice, changed: previous !== null }],
      at,
    ),
  );
}

/**
 * 无记名投票: one ballot per voter, answering every question, final once cast. The record says
 * only who cast a ballot and when; the choices go to the ballot box, which the caller keeps. The
 * caller's count of the box (`boxAfter`) must fit the ballots on the record, this one included;
 * the last ballot closes the vote with it.
 */
export function decideCastSecret(state: SessionState, command: CastSecretCommand): Decision {
  const open = openVote(state);
  if (!open.ok) return open.refusal;
  const { facts, vote } = open;
  const { at, userId } = command;
  if (facts.ballot === "named") return refuse("ballotIsNamed", {});
  if (!vote.eligible.includes(userId)) return refuse("notEligible", { userId });
  if (vote.castSecret.includes(userId)) return refuse("alreadyCast", { userId });
  const ids = command.questionIds;
  const complete =
    ids.length === vote.questions.length &&
    new Set(ids).size === ids.length &&
    vote.questions.every((q) => ids.includes(q.id));
  if (!complete) return refuse("incompleteBallot", { questions: vote.questions.length });
  const misfit = boxMisfit(vote.questions, command.boxAfter, vote.castSecret.length + 1);
  if (misfit) return refuse("boxMismatch", misfit);
  return accept(withFollowUp(state, [{ type: "ballot_cast", at, userId }], at, command.boxAfter));
}

/**
 * The chair (or an admin) closes the vote before everyone has voted, and says why. Whoever has not
 * voted is not counted. A secret vote closes with the ballot box's count, which must fit the
 * ballots on the record.
 */
export function decideCloseVote(state: SessionState, command: CloseVoteCommand): Decision {
  const refusal = chairRefusal(state, command) ?? reasonRefusal(command.reason);
  if (refusal) return refusal;
  const open = openVote(state);
  if (!open.ok) return open.refusal;
  const box = closingBox(open.facts, open.vote, command.box);
  if (!box.ok) return box.refusal;
  const closed = voteClosedEvent(state, {
    at: command.at,
    by: command.by,
    reason: command.reason.trim(),
    box: box.box,
  });
  return closed ? accept([closed]) : refuse("voteNotOpen", { phase: state.phase });
}

/**
 * The count a close goes by, whoever closes (the chair, or the deadline): none for a named vote
 * (its votes are on the record); for a secret one the ballot box's, which must fit the ballots cast.
 */
export function closingBox(
  facts: SessionFacts,
  vote: VoteState,
  box: Record<string, Totals> | undefined,
): { ok: true; box: Record<string, Totals> | null } | { ok: false; refusal: Decision } {
  if (facts.ballot !== "secret") return { ok: true, box: null };
  if (box === undefined) return { ok: false, refusal: refuse("boxRequired", {}) };
  const misfit = boxMisfit(vote.questions, box, vote.castSecret.length);
  return misfit ? { ok: false, refusal: refuse("boxMismatch", misfit) } : { ok: true, box };
}
