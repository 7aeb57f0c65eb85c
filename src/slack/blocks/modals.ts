import type { types } from "@slack/bolt";
import { SESSION_CATEGORIES } from "../../domain/session/category.ts";
import type { MessageKey, Translate } from "../../i18n/translate.ts";
import { voteLengthLabel } from "./vote-message.ts";

type View = types.ModalView;

export const DECIDE_MODAL = "decide_start";
export const REASON_MODAL = "session_reason";
export const SECRET_BALLOT_MODAL = "secret_ballot";

/** The reasons a chair (or a member recusing) must give, and how each is labelled. */
export const REASON_ACTIONS = ["skip", "absent", "pause", "defer", "cancel", "recuse", "close_vote"] as const;
export type ReasonAction = (typeof REASON_ACTIONS)[number];

const ACTION_LABELS: Record<ReasonAction, MessageKey> = {
  skip: "session.buttonSkip",
  absent: "session.buttonAbsent",
  pause: "session.menuPause",
  defer: "session.menuDefer",
  cancel: "session.menuCancel",
  recuse: "session.menuRecuse",
  close_vote: "vote.close",
};

/** Slack plain text, cut to the 150 characters Block Kit allows in labels and buttons. */
export const plain = (text: string) => ({ type: "plain_text" as const, text: text.slice(0, 150) });

/** The form offers three nominee slots; more can be given inline with `--nominee`. */
export const NOMINEE_SLOTS = [1, 2, 3] as const;

/** The vote lengths the form offers, besides the team's default and "until everyone has voted". */
const VOTE_LENGTHS = [3600, 4 * 3600, 24 * 3600, 3 * 86_400, 7 * 86_400];
/** The form's value for "until everyone has voted". */
export const UNTIL_ALL_VOTED = "live";

/** `/decide` with no text: the same questions as the inline form, plus who is absent. */
export function decideModal(
  channelId: string,
  turnMinutes: number,
  teamVoteSeconds: number,
  tr: Translate,
): View {
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
      {
        type: "input",
        block_id: "proposer",
        label: plain(tr("session.fieldProposer")),
        element: { type: "users_select", action_id: "value" },
      },
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
      ...NOMINEE_SLOTS.flatMap((position) => [
        {
          type: "input" as const,
          block_id: `nominee_${position}`,
          optional: true,
          label: plain(tr("session.fieldNominee", { position })),
          element: { type: "plain_text_input" as const, action_id: "value", max_length: 200 },
        },
        {
          type: "input" as const,
          block_id: `recommender_${position}`,
          optional: true,
          label: plain(tr("session.fieldRecommender", { position })),
          element: { type: "users_select" as const, action_id: "value" },
        },
      ]),
      {
        type: "input",
        block_id: "turn_minutes",
        optional: true,
        label: plain(tr("session.fieldTurnMinutes")),
        element: {
          type: "number_input",
          action_id: "value",
          is_decimal_allowed: false,
          min_value: "1",
          max_value: "10080",
          initial_value: String(turnMinutes),
        },
      },
      {
        type: "input",
        block_id: "vote_length",
        optional: true,
        label: plain(tr("session.fieldVoteLength")),
        element: {
          type: "static_select",
          action_id: "value",
          options: [
            {
              text: plain(
                tr("session.fieldVoteLengthDefault", { length: voteLengthLabel(teamVoteSeconds, tr) }),
              ),
              value: "default",
            },
            ...VOTE_LENGTHS.map((s) => ({ text: plain(voteLengthLabel(s, tr)), value: String(s) })),
            { text: plain(tr("session.fieldVoteLengthLive")), value: UNTIL_ALL_VOTED },
          ],
        },
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
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: tr("session.reasonFor", { action: tr(ACTION_LABELS[context.action]), user: context.userId }),
        },
      },
      {
        type: "input",
        block_id: "reason",
        label: plain(tr("session.reasonLabel")),
        element: { type: "plain_text_input", action_id: "value", multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The secret ballot: one question per block, answered all at once, final once cast. */
export function secretBallotModal(
  sessionId: string,
  questions: ReadonlyArray<{ id: string; label: string }>,
  tr: Translate,
): View {
  const options = (["approve", "reject", "abstain"] as const).map((c) => ({
    text: plain(tr(`vote.${c}`)),
    value: c,
  }));
  return {
    type: "modal",
    callback_id: SECRET_BALLOT_MODAL,
    private_metadata: JSON.stringify({ sessionId }),
    title: plain(tr("vote.secretModalTitle").slice(0, 24)),
    submit: plain(tr("vote.secretModalSubmit")),
    close: plain(tr("session.modalCancel")),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: tr("vote.secretModalIntro") } },
      ...questions.map((q) => ({
        type: "input" as const,
        block_id: `q_${q.id}`,
        label: plain(q.label),
        element: { type: "radio_buttons" as const, action_id: "choice", options },
      })),
    ],
  };
}

/** Shown in place of the ballot once it is cast: the receipt, to this voter only. */
export function receiptModal(receipt: string, number: number, tr: Translate): View {
  return {
    type: "modal",
    title: plain(tr("vote.secretDoneTitle").slice(0, 24)),
    close: plain("OK"),
    blocks: [{ type: "section", text: { type: "mrkdwn", text: tr("vote.secretDone", { receipt, number }) } }],
  };
}
