import type { App } from "@slack/bolt";
import { z } from "zod";
import { VOTE_CHOICES, type VoteChoice } from "../../domain/session/types.ts";
import { castSecretBallot } from "../../usecases/vote.ts";
import { receiptModal, SECRET_BALLOT_MODAL } from "../blocks/modals.ts";
import type { SlackDeps } from "../deps.ts";
import { parseMetadata } from "./metadata.ts";
import { translatorForTeam } from "../locale.ts";
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

/**
 * A secret ballot's submission. The choices go to the ballot box and nowhere else: not to the
 * ledger, not to a log line. The voter sees their receipt code in the form itself, the only place
 * it ever appears.
 */
export function registerSecretBallot(app: App, deps: SlackDeps): void {
  app.view(SECRET_BALLOT_MODAL, async ({ ack, body }) => {
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
    const tr = await translatorForTeam(
      deps,
      { workspaceId: team.id, sessionId: meta.data.sessionId },
      user.id,
    );
    const outcome = await castSecretBallot(deps, team.id, meta.data.sessionId, user.id, choices);
    if (!outcome.ok) {
      const firstQuestion = Object.keys(view.state.values)[0] ?? "q_motion";
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
