import { withFollowUp } from "./advance.ts";
import type {
  CancelCommand,
  DeferCommand,
  MarkAbsentCommand,
  PauseCommand,
  RecuseCommand,
  ResumeCommand,
  SkipCommand,
} from "./commands.ts";
import { accept, refuse, speakingPhaseRefusal, type Decision } from "./decision.ts";
import { isRecused, type SessionState } from "./state.ts";
import { addMillis, millisBetween } from "./time.ts";
import type { Totals, UserId } from "./types.ts";
import { boxMisfit, hasVoted } from "./vote.ts";

interface Actor {
  by: UserId;
  byIsAdmin?: boolean;
}

/** Chair actions belong to whoever started the session, and to team admins. */
export function chairRefusal(state: SessionState, actor: Actor): Decision | null {
  const chairId = state.facts?.chairId ?? "";
  if (actor.by === chairId || actor.byIsAdmin === true) return null;
  return refuse("notChair", { chairId });
}

/** The chair must say why, for the record; the reason is what the minutes show. */
export function reasonRefusal(reason: string): Decision | null {
  return reason.trim() === "" ? refuse("reasonRequired", {}) : null;
}

/** Acts on the current speaker; a stale `turnIndex` (a second click) must not hit the next one. */
function currentTurnFor(state: SessionState, turnIndex: number | undefined) {
  const phaseRefusal = speakingPhaseRefusal(state);
  if (phaseRefusal) return { refusal: phaseRefusal } as const;
  const current = state.current;
  if (!current) return { refusal: refuse("roundEnded", {}) } as const;
  if (turnIndex !== undefined && turnIndex !== current.index) {
    return { refusal: refuse("turnAlreadyEnded", { turnIndex }) } as const;
  }
  return { current } as const;
}

/**
 * Whether the chair may skip the speaker of `turnIndex` (or mark them absent) now, reasons aside:
 * asked before the reason form opens, so that nobody types a reason only to be refused. Skipping
 * the proposer would put a matter nobody presented to the vote: they are marked absent instead.
 */
export function turnEndRefusal(
  state: SessionState,
  type: "skip" | "mark_absent",
  turnIndex: number | undefined,
): Decision | null {
  const turn = currentTurnFor(state, turnIndex);
  if (turn.refusal) return turn.refusal;
  if (type === "skip" && turn.current.kind === "proposal") return refuse("proposerMayNotBeSkipped", {});
  return null;
}

export function decideSkip(state: SessionState, command: SkipCommand): Decision {
  return endCurrentTurn(state, command, "skipped");
}

/**
 * The member is gone: their turns still to come end too, and they do not vote. A proposer who is
 * gone has not presented, so the session is deferred, for the chair's reason.
 */
export function decideMarkAbsent(state: SessionState, command: MarkAbsentCommand): Decision {
  const decision = endCurrentTurn(state, command, "marked_absent");
  if (!decision.ok || state.current?.kind !== "proposal") return decision;
  const absent = decision.events.filter((e) => e.type === "marked_absent");
  const { at, by } = command;
  return accept([...absent, { type: "deferred", at, by, reason: command.reason.trim() }]);
}

function endCurrentTurn(
  state: SessionState,
  command: SkipCommand | MarkAbsentCommand,
  type: "skipped" | "marked_absent",
): Decision {
  const refusal = chairRefusal(state, command) ?? reasonRefusal(command.reason);
  if (refusal) return refusal;
  const turnRefusal = turnEndRefusal(state, type === "skipped" ? "skip" : "mark_absent", command.turnIndex);
  if (turnRefusal) return turnRefusal;
  const { at, by } = command;
  const { userId, index: turnIndex } = state.current!;
  return accept(
    withFollowUp(state, [{ type, at, by, userId, turnIndex, reason: command.reason.trim() }], at),
  );
}

export function decidePause(state: SessionState, command: PauseCommand): Decision {
  const refusal = chairRefusal(state, command) ?? reasonRefusal(command.reason);
  if (refusal) return refusal;
  if (state.phase === "paused") return refuse("alreadyPaused", {});
  return accept([{ type: "paused", at: command.at, by: command.by, reason: command.reason.trim() }]);
}

/**
 * The speaker gets back the time their turn had left when the session was paused, and a vote the
 * time it had left before its deadline: a pause stops both clocks.
 */
export function decideResume(state: SessionState, command: ResumeCommand): Decision {
  const refusal = chairRefusal(state, command);
  if (refusal) return refusal;
  if (!state.paused) return refuse("notPaused", {});
  const current = state.current;
  const left = current ? Math.max(0, millisBetween(state.paused.at, current.deadline)) : 0;
  const voteDeadline = state.vote?.deadline ?? null;
  const voteLeft = voteDeadline === null ? 0 : Math.max(0, millisBetween(state.paused.at, voteDeadline));
  return accept([
    {
      type: "resumed",
      at: command.at,
      by: command.by,
      deadline: current ? addMillis(command.at, left) : null,
      ...(state.vote ? { voteDeadline: voteDeadline === null ? null : addMillis(command.at, voteLeft) } : {}),
    },
  ]);
}

export function decideDefer(state: SessionState, command: DeferCommand): Decision {
  const refusal = chairRefusal(state, command) ?? reasonRefusal(command.reason);
  if (refusal) return refusal;
  return accept([{ type: "deferred", at: command.at, by: command.by, reason: command.reason.trim() }]);
}

export function decideCancel(state: SessionState, command: CancelCommand): Decision {
  const refusal = chairRefusal(state, command) ?? reasonRefusal(command.reason);
  if (refusal) return refusal;
  return accept([{ type: "cancelled", at: command.at, by: command.by, reason: command.reason.trim() }]);
}

/**
 * 回避: a present member who has not spoken steps out, by their own word or the chair's. Once a
 * member has said something (even if deleted since) the conflict has already had its effect, so
 * recusal is refused and the record stands; so it is once they have voted. The proposer cannot
 * step out of their own matter. During the vote, a recusal takes a voter who has not voted out of
 * the voters, which may leave everyone else done and close the vote (for a secret ballot, only
 * when the command carries the box's count).
 */
export function decideRecuse(state: SessionState, command: RecuseCommand): Decision {
  const { userId, by, at } = command;
  const facts = state.facts;
  if (!facts) return refuse("notStarted", {});
  if (state.phase === "paused") return refuse("sessionPaused", {});
  if (by !== userId && by !== facts.chairId && command.byIsAdmin !== true) {
    return refuse("recusalNotAllowed", { userId });
  }
  const reason = reasonRefusal(command.reason);
  if (reason) return reason;
  if (!facts.roster.some((m) => m.userId === userId)) return refuse("notOnRoster", { userId });
  if (state.absent.includes(userId)) return refuse("memberAbsent", { userId });
  if (isRecused(state, userId)) return refuse("alreadyRecused", { userId });
  if (userId === facts.proposerId) return refuse("proposerMayNotRecuse", { userId });
  if (state.statements.some((s) => s.userId === userId)) return refuse("alreadySpoke", { userId });
  if (hasVoted(state, userId)) return refuse("alreadyVoted", { userId });
  let box: Record<string, Totals> | null = null;
  if (state.phase === "voting" && state.vote && facts.ballot === "secret" && command.box !== undefined) {
    const misfit = boxMisfit(state.vote.questions, command.box, state.vote.castSecret.length);
    if (misfit) return refuse("boxMismatch", misfit);
    box = command.box;
  }
  const recused = { type: "recused", at, by, userId, reason: command.reason.trim() } as const;
  return accept(withFollowUp(state, [recused], at, box));
}
