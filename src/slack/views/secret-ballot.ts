import type { App } from "@slack/bolt";
import { z } from "zod";
import { VOTE_CHOICES, type VoteChoice } from "../../domain/session/types.ts";
import { castSecretBallot } from "../../usecases/vote.ts";
import { receiptModal, SECRET_BALLOT_MODAL } from "../blocks/modals.ts";
import type { SlackDeps } from "../deps.ts";
import { parseMetadata } from "./metadata.ts";
import { DeadlinePassed } from "../../store/db.ts";
import { channelTranslator, translatorForTeam } from "../locale.ts";
import { sessionRefusal } from "../session-refusal.ts";

const submission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.record(
        z.string(),
        z.object({
          choice: z.object({ selected_option: z.object({ value: z.enum(VOTE_CHOICES) }).nullish() }),
        }),
      ),
    }),
  }),
});

/** When the form's answer must be sent, from the moment the submission reached its listener. */
const ANSWER_BY_MS = 2_600;
/** What is left after the database's deadline for the answer to be made and sent. */
const ANSWER_MARGIN_MS = 400;

/** What `work` gives if it settles by `by` (ms since the epoch), else `fallback()`. */
async function beforeTime<T>(work: Promise<T>, by: number, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), Math.max(0, by - Date.now()));
  });
  try {
    return await Promise.race([work.catch(fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A secret ballot's submission. The choices go to the ballot box and nowhere else: not to the
 * ledger, not to a log line. The voter sees their receipt code in the form itself, the only place
 * it ever appears, so the form is answered only once the ballot is recorded: with the receipt,
 * or, when that could not be done within Slack's 3 s, with "not recorded, submit again" and
 * nothing written.
 */
export function registerSecretBallot(app: App, deps: SlackDeps): void {
  app.view(SECRET_BALLOT_MODAL, async ({ ack, body }) => {
    const started = Date.now();
    const parsed = submission.safeParse(body);
    const meta = parsed.success
      ? z.object({ sessionId: z.string().uuid() }).safeParse(parseMetadata(parsed.data.view.private_metadata))
      : undefined;
    if (!parsed.success || !parsed.data.team || !meta?.success) {
      deps.log.warn("malformed secret ballot submission");
      return void (await ack());
    }
    const { user, team, view } = parsed.data;
    const choices: Record<string, VoteChoice> = {};
    for (const [blockId, value] of Object.entries(view.state.values)) {
      const choice = value.choice.selected_option?.value;
      if (blockId.startsWith("q_") && choice) choices[blockId.slice(2)] = choice;
    }
    // Slack closes the form with an error of its own after 3 s, and with it the receipt: the
    // ballot is recorded by ANSWER_BY, or not at all and the form says so.
    const answerBy = started + ANSWER_BY_MS;
    const reader = translatorForTeam(deps, { workspaceId: team.id, sessionId: meta.data.sessionId }, user.id);
    const outcome = await castSecretBallot(deps, team.id, meta.data.sessionId, user.id, choices, {
      deadline: answerBy - ANSWER_MARGIN_MS,
    }).catch((err: unknown) => {
      if (err instanceof DeadlinePassed) return "not recorded" as const;
      throw err;
    });
    // The person's language if it is known in time; the installation's default otherwise.
    const tr = await beforeTime(reader, answerBy, () => channelTranslator(deps, null));
    const firstQuestion = Object.keys(view.state.values)[0] ?? "q_motion";
    if (outcome === "not recorded") {
      deps.log.warn("secret ballot not recorded in time", { sessionId: meta.data.sessionId });
      return void (await ack({
        response_action: "errors",
        errors: { [firstQuestion]: tr("vote.ballotNotRecorded") },
      }));
    }
    if (!outcome.ok) {
      return void (await ack({
        response_action: "errors",
        errors: { [firstQuestion]: sessionRefusal(outcome.error, tr) },
      }));
    }
    await ack({
      response_action: "update",
      view: receiptModal("receipt" in outcome ? outcome.receipt : "", outcome.row.number, tr),
    });
  });
}
