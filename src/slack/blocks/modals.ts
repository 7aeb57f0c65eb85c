import type { types } from "@slack/bolt";
import { SESSION_CATEGORIES } from "../../domain/session/category.ts";
import type { MessageKey, Translate } from "../../i18n/translate.ts";

type View = types.ModalView;

export const DECIDE_MODAL = "decide_start";
export const REASON_MODAL = "session_reason";

/** The reasons a chair (or a member recusing) must give, and how each is labelled. */
export const REASON_ACTIONS = ["skip", "absent", "pause", "defer", "cancel", "recuse"] as const;
export type ReasonAction = (typeof REASON_ACTIONS)[number];

const ACTION_LABELS: Record<ReasonAction, MessageKey> = {
  skip: "session.buttonSkip",
  absent: "session.buttonAbsent",
  pause: "session.menuPause",
  defer: "session.menuDefer",
  cancel: "session.menuCancel",
  recuse: "session.menuRecuse",
};

const plain = (text: string) => ({ type: "plain_text" as const, text: text.slice(0, 150) });

/** `/decide` with no text: the same questions as the inline form, plus who is absent. */
export function decideModal(channelId: string, turnMinutes: number, tr: Translate): View {
  return {
    type: "modal",
    callback_id: DECIDE_MODAL,
    private_metadata: JSON.stringify({ channelId }),
    title: plain(tr("session.modalTitle").slice(0, 24)),
    submit: plain(tr("session.modalSubmit")),
    close: plain(tr("session.modalCancel")),
    blocks: [
      {
        type: "input",
        block_id: "matter",
        label: plain(tr("session.fieldMatter")),
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 2000 },
      },
      {
        type: "input",
        block_id: "category",
        label: plain(tr("session.fieldCategory")),
        element: {
          type: "static_select",
          action_id: "value",
          options: SESSION_CATEGORIES.map((c) => ({ text: plain(tr(`category.${c}`)), value: c })),
        },
      },
      { type: "input", block_id: "proposer", label: plain(tr("session.fieldProposer")), element: { type: "users_select", action_id: "value" } },
      {
        type: "input",
        block_id: "absent",
        optional: true,
        label: plain(tr("session.fieldAbsent")),
        element: { type: "multi_users_select", action_id: "value" },
      },
      {
        type: "input",
        block_id: "ballot",
        optional: true,
        label: plain(tr("session.fieldBallot")),
        element: {
          type: "static_select",
          action_id: "value",
          options: [
            { text: plain(tr("session.fieldBallotDefault")), value: "default" },
            { text: plain(tr("ballot.named")), value: "named" },
            { text: plain(tr("ballot.secret")), value: "secret" },
          ],
        },
      },
      {
        type: "input",
        block_id: "turn_minutes",
        optional: true,
        label: plain(tr("session.fieldTurnMinutes")),
        element: { type: "number_input", action_id: "value", is_decimal_allowed: false, min_value: "1", max_value: "10080", initial_value: String(turnMinutes) },
      },
    ],
  };
}

export interface ReasonContext {
  sessionId: string;
  action: ReasonAction;
  turnIndex?: number;
  /** Whom the action is about (the speaker to skip, the member recusing), for the modal's text. */
  userId: string;
}

/** Asks for the reason that goes on the record with a chair action or a recusal. */
export function reasonModal(context: ReasonContext, tr: Translate): View {
  return {
    type: "modal",
    callback_id: REASON_MODAL,
    private_metadata: JSON.stringify(context),
    title: plain(tr("session.reasonTitle").slice(0, 24)),
    submit: plain(tr("session.modalSubmit")),
    close: plain(tr("session.modalCancel")),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: tr("session.reasonFor", { action: tr(ACTION_LABELS[context.action]), user: context.userId }) } },
      {
        type: "input",
        block_id: "reason",
        label: plain(tr("session.reasonLabel")),
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 1000 },
      },
    ],
  };
}
