import { withFollowUp } from "./advance.ts";
import type { DeleteCommand, EditCommand, FinishCommand, PassCommand, ReplyCommand } from "./commands.ts";
import { accept, NOTHING, refuse, speakingPhaseRefusal, type Decision } from "./decision.ts";
import type { OutOfTurnReason } from "./events.ts";
import { currentText, liveStatements, roundEnded, type CurrentTurn, type SessionState } from "./state.ts";
import type { UserId } from "./types.ts";

/**
 * A message in the thread. It is the speaker's statement when it is their turn; anything else is
 * recorded as out of turn, never refused: a person cannot take back what they said in Slack, so the
 * record keeps it and says whose turn it was.
 */
export function decideReply(state: SessionState, command: ReplyCommand): Decision {
  const { userId, messageTs, text, at } = command;
  const seen =
    state.statements.some((s) => s.messageTs === messageTs) ||
    state.outOfTurn.some((o) => o.messageTs === messageTs);
  if (seen) return NOTHING;

  const current = state.current;
  if (state.phase === "speaking" && current?.userId === userId) {
    const files = command.files?.length ? { files: command.files } : {};
    return accept([{ type: "statement", at, userId, turnIndex: current.index, messageTs, text, ...files }]);
  }
  const reason: OutOfTurnReason = roundEnded(state)
    ? "afterRound"
    : state.phase === "paused"
      ? "paused"
      : "notYourTurn";
  return accept([
    {
      type: "out_of_turn",
      at,
      userId,
      isPrincipal: state.facts?.principalId === userId,
      messageTs,
      text,
      turnOf: reason === "afterRound" ? null : (current?.userId ?? null),
      reason,
    },
  ]);
}

export function decideFinish(state: SessionState, command: FinishCommand): Decision {
  const turn = ownTurn(state, command.userId, command.turnIndex);
  if (!turn.ok) return turn.refusal;
  const { current } = turn;
  if (liveStatements(state, current.index).length === 0)
    return refuse(current.kind === "proposal" ? "proposalNotPresented" : "finishWithoutStatement", {});
  const ended =
    current.kind === "conclusion"
      ? ({
          type: "principal_concluded",
          at: command.at,
          userId: current.userId,
          turnIndex: current.index,
        } as const)
      : ({
          type: "turn_finished",
          at: command.at,
          userId: current.userId,
          turnIndex: current.index,
        } as const);
  return accept(withFollowUp(state, [ended], command.at));
}

/**
 * Any member may pass, except the proposer: a matter nobody presents is not put to the team
 * (汇报议题并提出具体意见). The principal's pass of the conclusion stays allowed; the minutes say so.
 */
export function decidePass(state: SessionState, command: PassCommand): Decision {
  const turn = ownTurn(state, command.userId, command.turnIndex);
  if (!turn.ok) return turn.refusal;
  const { current } = turn;
  if (current.kind === "proposal") return refuse("proposerMayNotPass", {});
  if (liveStatements(state, current.index).length > 0) return refuse("passAfterStatement", {});
  const passed = {
    type: "passed",
    at: command.at,
    userId: current.userId,
    turnIndex: current.index,
  } as const;
  return accept(withFollowUp(state, [passed], command.at));
}

/** Slack edits are recorded next to the original, which stays; edits that change nothing are dropped. */
export function decideEdit(state: SessionState, command: EditCommand): Decision {
  const statement = state.statements.find((s) => s.messageTs === command.messageTs);
  if (!statement || statement.userId !== command.userId || statement.deletedAt !== null) return NOTHING;
  if (currentText(statement) === command.text) return NOTHING;
  return accept([
    {
      type: "statement_edited",
      at: command.at,
      userId: command.userId,
      messageTs: command.messageTs,
      turnIndex: statement.turnIndex,
      text: command.text,
    },
  ]);
}

/** A deleted statement is withdrawn from the turn but kept on the record. */
export function decideDelete(state: SessionState, command: DeleteCommand): Decision {
  const statement = state.statements.find((s) => s.messageTs === command.messageTs);
  if (!statement || statement.userId !== command.userId || statement.deletedAt !== null) return NOTHING;
  return accept([
    {
      type: "statement_deleted",
      at: command.at,
      userId: command.userId,
      messageTs: command.messageTs,
      turnIndex: statement.turnIndex,
    },
  ]);
}

type TurnCheck = { ok: true; current: CurrentTurn } | { ok: false; refusal: Decision };

/** The caller's own current turn, or why they may not end one now. */
function ownTurn(state: SessionState, userId: UserId, turnIndex: number | undefined): TurnCheck {
  const phaseRefusal = speakingPhaseRefusal(state);
  if (phaseRefusal) return { ok: false, refusal: phaseRefusal };
  const current = state.current;
  if (!current) return { ok: false, refusal: refuse("roundEnded", {}) };

  const own = state.turns.map((t, i) => ({ ...t, i })).filter((t) => t.userId === userId);
  if (own.length === 0) return { ok: false, refusal: refuse("notInOrder", {}) };
  // Someone whose turns are all over pressing the running turn's button: it is not "their turn
  // already over", it is another speaker's turn (one still to speak is told their place instead).
  if (turnIndex === current.index && current.userId !== userId && own.every((t) => t.outcome !== null))
    return { ok: false, refusal: refuse("othersTurn", { speaker: current.userId }) };
  if (turnIndex !== undefined && turnIndex !== current.index) {
    const slot = state.turns[turnIndex];
    if (slot && slot.outcome !== null)
      return { ok: false, refusal: refuse("turnAlreadyEnded", { turnIndex }) };
    return { ok: false, refusal: notYourTurn(state, current, userId) };
  }
  if (current.userId !== userId) {
    // A second click after one's own turn ended is a duplicate, not a queue jump.
    const lastEnded = own.filter((t) => t.outcome !== null).at(-1);
    if (lastEnded && own.every((t) => t.outcome !== null)) {
      return { ok: false, refusal: refuse("turnAlreadyEnded", { turnIndex: lastEnded.i }) };
    }
    return { ok: false, refusal: notYourTurn(state, current, userId) };
  }
  return { ok: true, current };
}

function notYourTurn(state: SessionState, current: CurrentTurn, userId: UserId): Decision {
  const pending = state.turns.findIndex((t) => t.userId === userId && t.outcome === null);
  return refuse("notYourTurn", { nextSpeaker: current.userId, position: pending + 1 });
}
