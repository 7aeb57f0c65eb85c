import type { types } from "@slack/bolt";
import type { CurrentTurn, SessionState } from "../../domain/session/state.ts";
import type { TurnKind } from "../../domain/session/types.ts";
import type { Translate } from "../../i18n/translate.ts";
import { slackDate } from "./time.ts";

type KnownBlock = types.KnownBlock;

export const TURN_ACTIONS = {
  done: "turn_done",
  pass: "turn_pass",
  skip: "turn_skip",
  absent: "turn_absent",
} as const;

/** The button value names the turn, so a late or repeated click cannot end the next speaker's turn. */
export function turnValue(sessionId: string, turnIndex: number): string {
  return `${sessionId}|${turnIndex}`;
}

/** Calls the speaker by name in the thread, with the buttons that end the turn. */
export function turnCall(
  state: SessionState,
  turn: CurrentTurn,
  sessionId: string,
  timezone: string,
  tr: Translate,
): { text: string; blocks: KnownBlock[] } {
  const params = { user: turn.userId, position: turn.index + 1, total: state.turns.length };
  const text =
    turn.kind === "proposal"
      ? tr("session.turnProposal", params)
      : turn.kind === "conclusion"
        ? tr("session.turnConclusion", params)
        : tr("session.turnStatement", params);
  const value = turnValue(sessionId, turn.index);
  const button = (actionId: string, label: string, style?: "primary" | "danger") => ({
    type: "button" as const,
    action_id: actionId,
    text: { type: "plain_text" as const, text: label },
    value,
    ...(style ? { style } : {}),
  });
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: tr("session.turnDeadline", { deadline: slackDate(turn.deadline, timezone) }),
          },
        ],
      },
      {
        type: "actions",
        block_id: `turn_${turn.index}`,
        // The proposer presents: no Pass, no Skip; absent defers the session (see decideMarkAbsent).
        elements:
          turn.kind === "proposal"
            ? [
                button(TURN_ACTIONS.done, tr("session.buttonDone"), "primary"),
                button(TURN_ACTIONS.absent, tr("session.buttonAbsentDefers"), "danger"),
              ]
            : [
                button(TURN_ACTIONS.done, tr("session.buttonDone"), "primary"),
                button(TURN_ACTIONS.pass, tr("session.buttonPass")),
                button(TURN_ACTIONS.skip, tr("session.buttonSkip")),
                button(TURN_ACTIONS.absent, tr("session.buttonAbsent"), "danger"),
              ],
      },
    ],
  };
}

/**
 * Asks the chair what to do about a speaker whose time ran out. The proposer is never passed by
 * the clock: the chair waits for them, or marks them absent, which defers the session.
 */
export function timeoutPrompt(
  chairId: string,
  turn: { userId: string; index: number; kind: TurnKind },
  sessionId: string,
  tr: Translate,
): { text: string; blocks: KnownBlock[] } {
  const proposal = turn.kind === "proposal";
  const text = tr(proposal ? "session.timedOutProposer" : "session.timedOut", {
    chair: chairId,
    user: turn.userId,
  });
  const value = turnValue(sessionId, turn.index);
  const skip = {
    type: "button" as const,
    action_id: TURN_ACTIONS.skip,
    text: { type: "plain_text" as const, text: tr("session.buttonSkip") },
    value,
  };
  const absent = {
    type: "button" as const,
    action_id: TURN_ACTIONS.absent,
    text: {
      type: "plain_text" as const,
      text: tr(proposal ? "session.buttonAbsentDefers" : "session.buttonAbsent"),
    },
    value,
    style: "danger" as const,
  };
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "actions",
        block_id: `timeout_${turn.index}`,
        elements: proposal ? [absent] : [skip, absent],
      },
    ],
  };
}
