import type { App } from "@slack/bolt";
import { z } from "zod";
import { isSessionCategory } from "../../domain/session/category.ts";
import { startSession } from "../../usecases/run-session.ts";
import { DECIDE_MODAL, NOMINEE_SLOTS, UNTIL_ALL_VOTED } from "../blocks/modals.ts";
import type { SlackDeps } from "../deps.ts";
import { parseMetadata } from "./metadata.ts";
import { translatorFor } from "../locale.ts";
import { sessionRefusal } from "../session-refusal.ts";

const submission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    id: z.string().min(1),
    private_metadata: z.string().transform((s, ctx) => {
      const parsed = z.object({ channelId: z.string().min(1) }).safeParse(parseMetadata(s));
      if (!parsed.success) ctx.addIssue({ code: "custom", message: "bad private_metadata" });
      return parsed.success ? parsed.data : { channelId: "" };
    }),
    state: z.object({
      values: z
        .object({
          matter: z.object({ value: z.object({ value: z.string().nullish() }) }),
          category: z.object({
            value: z.object({ selected_option: z.object({ value: z.string() }).nullish() }),
          }),
          proposer: z.object({ value: z.object({ selected_user: z.string().nullish() }) }),
          absent: z.object({ value: z.object({ selected_users: z.array(z.string()).nullish() }) }).optional(),
          ballot: z
            .object({ value: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) })
            .optional(),
          turn_minutes: z.object({ value: z.object({ value: z.string().nullish() }) }).optional(),
          vote_length: z
            .object({ value: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) })
            .optional(),
        })
        .catchall(
          z.object({
            value: z.object({
              value: z.string().nullish().optional(),
              selected_user: z.string().nullish().optional(),
            }),
          }),
        ),
    }),
  }),
});

/** Where each refusal is shown in the form, so the person sees it next to the field to fix. */
const FIELD_OF: Record<string, string> = {
  emptyMatter: "matter",
  unknownCategory: "category",
  proposerNotOnRoster: "proposer",
  proposerAbsent: "absent",
  principalMayNotPropose: "proposer",
  absentNotOnRoster: "absent",
  noQuorum: "absent",
  invalidTurnSeconds: "turn_minutes",
  invalidVoteSeconds: "vote_length",
  untilAllVotedNeedsChair: "vote_length",
  nomineesOnlyForPersonnel: "nominee_1",
  nomineeNameRequired: "nominee_1",
  recommenderNotOnRoster: "recommender_1",
  tooManyNominees: "nominee_1",
};

export function registerDecideModal(app: App, deps: SlackDeps): void {
  app.view(DECIDE_MODAL, async ({ ack, body }) => {
    const parsed = submission.safeParse(body);
    if (!parsed.success || !parsed.data.team) {
      deps.log.warn("malformed decide submission", { issues: parsed.error?.issues.length });
      return void (await ack());
    }
    const { user, team, view } = parsed.data;
    const values = view.state.values;
    const workspaceId = team.id;
    const { channelId } = view.private_metadata;
    const teamRow = await deps.teams.load({ workspaceId, channelId });
    const tr = await translatorFor(deps, workspaceId, user.id, teamRow.settings.locale);
    const category = values.category.value.selected_option?.value;
    const ballot = values.ballot?.value.selected_option?.value;
    const minutes = Number(values.turn_minutes?.value.value ?? "");
    const voteLength = values.vote_length?.value.selected_option?.value ?? "default";
    const voteSeconds = Number(voteLength);
    const nominees = [];
    for (const position of NOMINEE_SLOTS) {
      const name = (values[`nominee_${position}`]?.value.value ?? "").trim();
      const recommenderId = values[`recommender_${position}`]?.value.selected_user ?? "";
      if (name === "" && recommenderId === "") continue;
      if (name === "" || recommenderId === "") {
        return void (await ack({
          response_action: "errors",
          errors: {
            [name === "" ? `nominee_${position}` : `recommender_${position}`]: tr("error.nomineeUsage"),
          },
        }));
      }
      nominees.push({ name, recommenderId });
    }
    // A form answer must reach Slack within 3 s; starting a session is a few queries. Past them,
    // Slack shows the person an error with the form still open, and they may submit it again: the
    // form's id makes that second submission find the session the first one started.
    const outcome = await startSession(
      deps,
      {
        team: { workspaceId, channelId },
        chairId: user.id,
        matter: values.matter.value.value ?? "",
        category: isSessionCategory(category) ? category : "other",
        proposerId: values.proposer.value.selected_user ?? "",
        absent: values.absent?.value.selected_users ?? [],
        recused: [],
        ...(ballot === "named" || ballot === "secret" ? { ballot } : {}),
        ...(Number.isInteger(minutes) && minutes > 0 ? { turnSeconds: minutes * 60 } : {}),
        // "default" leaves the team's; anything else the domain checks (and refuses next to the field).
        ...(voteLength === UNTIL_ALL_VOTED
          ? { vote: { untilAllVoted: true } }
          : voteLength !== "default"
            ? { vote: { seconds: Number.isFinite(voteSeconds) ? voteSeconds : 0 } }
            : {}),
        nominees,
      },
      { dedupeKey: `form:${view.id}` },
    );
    if (outcome.ok) return void (await ack());
    await ack({
      response_action: "errors",
      errors: { [FIELD_OF[outcome.error.code] ?? "matter"]: sessionRefusal(outcome.error, tr) },
    });
  });
}
