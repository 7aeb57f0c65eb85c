import type { types } from "@slack/bolt";
import type { CheckinMessage } from "../../domain/checkin/message.ts";
import type { Translate } from "../../i18n/translate.ts";
import { plain } from "../blocks/modals.ts";

type KnownBlock = types.KnownBlock;
type View = types.ModalView;

export const CHECKIN_ACTIONS = {
  done: "checkin_done",
  snoozeDay: "checkin_snooze_day",
  snoozeWeek: "checkin_snooze_week",
  cannot: "checkin_cannot",
} as const;
export const CHECKIN_MODALS = { done: "checkin_done_form", cannot: "checkin_cannot_form" } as const;

/** Which check-in a button or form is about: the team's channel and the quarter; the leader is whoever clicks. */
export function checkinValue(channelId: string, quarter: string): string {
  return `${channelId}|${quarter}`;
}

/** The DM: the quarter's task, both halves of the duty, and the three answers. */
export function checkinBlocks(
  message: CheckinMessage,
  value: string,
  tr: Translate,
  lead?: string,
): { text: string; blocks: KnownBlock[] } {
  const button = (actionId: string, label: string, style?: "primary" | "danger") => ({
    type: "button" as const,
    action_id: actionId,
    text: plain(label),
    value,
    ...(style ? { style } : {}),
  });
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(message.title) },
    ...(lead ? [{ type: "section" as const, text: { type: "mrkdwn" as const, text: lead } }] : []),
    { type: "section", text: { type: "mrkdwn", text: message.body.join("\n") } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${message.duties.heading}*\n• ${message.duties.work}\n• ${message.duties.integrity}`,
      },
    },
    {
      type: "actions",
      block_id: "checkin_answers",
      elements: [
        button(CHECKIN_ACTIONS.done, tr("checkin.button.done"), "primary"),
        button(CHECKIN_ACTIONS.snoozeDay, tr("checkin.snooze.day")),
        button(CHECKIN_ACTIONS.snoozeWeek, tr("checkin.snooze.week")),
        button(CHECKIN_ACTIONS.cannot, tr("checkin.button.cannot"), "danger"),
      ],
    },
  ];
  return { text: [lead, message.title, ...message.body].filter(Boolean).join("\n"), blocks };
}

/** The same DM once answered: the answer in place of the buttons. */
export function answeredBlocks(
  message: CheckinMessage,
  answer: string,
): { text: string; blocks: KnownBlock[] } {
  return {
    text: `${message.title}\n${answer}`,
    blocks: [
      { type: "header", text: plain(message.title) },
      { type: "section", text: { type: "mrkdwn", text: message.body.join("\n") } },
      { type: "section", text: { type: "mrkdwn", text: answer } },
    ],
  };
}

export function doneModal(value: string, today: string, tr: Translate): View {
  return {
    type: "modal",
    callback_id: CHECKIN_MODALS.done,
    private_metadata: value,
    title: plain(tr("checkin.done.modalTitle").slice(0, 24)),
    submit: plain(tr("checkin.done.submit")),
    close: plain(tr("checkin.modal.cancel")),
    blocks: [
      {
        type: "input",
        block_id: "what",
        label: plain(tr("checkin.done.what")),
        hint: plain(tr("checkin.done.whatHint")),
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 3000 },
      },
      {
        type: "input",
        block_id: "date",
        label: plain(tr("checkin.done.date")),
        element: { type: "datepicker", action_id: "value", initial_date: today },
      },
      {
        type: "input",
        block_id: "link",
        optional: true,
        label: plain(tr("checkin.done.link")),
        element: { type: "url_text_input", action_id: "value" },
      },
    ],
  };
}

export function cannotModal(value: string, tr: Translate): View {
  return {
    type: "modal",
    callback_id: CHECKIN_MODALS.cannot,
    private_metadata: value,
    title: plain(tr("checkin.cannot.modalTitle").slice(0, 24)),
    submit: plain(tr("checkin.cannot.submit")),
    close: plain(tr("checkin.modal.cancel")),
    blocks: [
      {
        type: "input",
        block_id: "reason",
        label: plain(tr("checkin.cannot.reason")),
        hint: plain(tr("checkin.cannot.reasonHint")),
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 2000 },
      },
    ],
  };
}
