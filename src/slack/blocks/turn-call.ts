import type { types } from "@slack/bolt";
import type { CurrentTurn, SessionState } from "../../domain/session/state.ts";
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
        elements: [
          button(TURN_ACTIONS.done, tr("session.buttonDone"), "primary"),
          button(TURN_ACTIONS.pass, tr("session.buttonPass")),
          button(TURN_ACTIONS.skip, tr("session.buttonSkip")),
          button(TURN_ACTIONS.absent, tr("session.buttonAbsent"), "danger"),
        ],
      },
    ],
  };
}

/** Asks the chair what to do about a speaker whose time ran out. */
export function timeoutPrompt(
  chairId: string,
  userId: string,
  sessionId: string,
  turnIndex: number,
  tr: Translate,
): { text: string; blocks: KnownBlock[] } {
  const text = tr("session.timedOut", { chair: chairId, user: userId });
  const value = turnValue(sessionId, turnIndex);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      {
        type: "actions",
        block_id: `timeout_${turnIndex}`,
        elements: [
          {
            type: "button",
            action_id: TURN_ACTIONS.skip,
            text: { type: "plain_text", text: tr("session.buttonSkip") },
            value,
          },
          {
            type: "button",
            action_id: TURN_ACTIONS.absent,
            text: { type: "plain_text", text: tr("session.buttonAbsent") },
            value,
            style: "danger",
          },
        ],
      },
    ],
  };
}
