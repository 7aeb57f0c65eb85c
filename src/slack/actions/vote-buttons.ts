import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { fold } from "../../domain/session/index.ts";
import { VOTE_CHOICES } from "../../domain/session/types.ts";
import { castNamedVote } from "../../usecases/vote.ts";
import { reasonModal, secretBallotModal } from "../blocks/modals.ts";
import { choiceLabel, questionLabel, VOTE_ACTIONS } from "../blocks/vote-message.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { refuse } from "./turn-buttons.ts";

const base = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  trigger_id: z.string(),
});
const choicePress = base.extend({
  actions: z
    .array(
      z.object({
        value: z
          .string()
          .regex(/^[0-9a-f-]{36}\|[\w-]+\|\w+$/)
          .transform((v) => {
            const [sessionId, questionId, choice] = v.split("|");
            return {
              sessionId: sessionId!,
              questionId: questionId!,
              choice: z.enum(VOTE_CHOICES).parse(choice),
            };
          }),
      }),
    )
    .min(1),
});
const sessionPress = base.extend({ actions: z.array(z.object({ value: z.string().uuid() })).min(1) });

/**
 * The vote message's buttons. A named vote is recorded at the click and confirmed privately; a
 * secret ballot opens a form so that all questions are answered at once; the chair's buttons ask
 * for a reason.
 */
export function registerVoteButtons(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${VOTE_ACTIONS.choice}_`),
    async ({ ack, body, respond }) => {
      await ack();
      const parsed = choicePress.safeParse(body);
      if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed vote button");
      const { user, team, actions } = parsed.data;
      const { sessionId, questionId, choice } = actions[0]!.value;
      const outcome = await castNamedVote(deps, team.id, sessionId, user.id, questionId, choice);
      if (!outcome.ok)
        return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, outcome.error);
      const tr = await translatorForTeam(deps, { workspaceId: team.id, sessionId }, user.id);
      const cast = outcome.events.find((e) => e.type === "vote_cast");
      const question = outcome.state.vote?.questions.find((q) => q.id === questionId);
      const params = {
        choice: choiceLabel(choice, tr),
        question: question ? questionLabel(question, tr) : questionId,
      };
      // The same choice clicked again records nothing, and needs no second confirmation.
      if (cast && cast.type === "vote_cast") {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: tr(cast.changed ? "vote.recordedChanged" : "vote.recordedNamed", params),
        });
      }
    },
  );

  app.action<BlockAction<ButtonAction>>(VOTE_ACTIONS.secret, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = sessionPress.safeParse(body);
    if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed secret ballot button");
    const { user, team, actions, trigger_id: triggerId } = parsed.data;
    const sessionId = actions[0]!.value;
    const session = await deps.sessions.load(team.id, sessionId);
    if (!session)
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
        code: "sessionNotFound",
        params: {},
      });
    const state = fold(session.events);
    // Say at once what the form's submission would refuse, rather than after it is filled in.
    if (!state.vote || state.vote.closed)
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
        code: "voteNotOpen",
        params: { phase: state.phase },
      });
    if (!state.vote.eligible.includes(user.id))
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
        code: "notEligible",
        params: { userId: user.id },
      });
    if (state.vote.castSecret.includes(user.id))
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
        code: "alreadyCast",
        params: { userId: user.id },
      });
    const tr = await translatorForTeam(deps, { workspaceId: team.id, sessionId }, user.id);
    const questions = state.vote.questions.map((q) => ({
      id: q.id,
      label: q.kind === "nominee" ? (q.name ?? q.id) : state.facts!.matter,
    }));
    await client.views.open({ trigger_id: triggerId, view: secretBallotModal(sessionId, questions, tr) });
  });

  for (const [actionId, action] of [
    [VOTE_ACTIONS.close, "close_vote"],
    [VOTE_ACTIONS.defer, "defer"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const parsed = sessionPress.safeParse(body);
      if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed vote control", { actionId });
      const { user, team, actions, trigger_id: triggerId } = parsed.data;
      const sessionId = actions[0]!.value;
      const session = await deps.sessions.load(team.id, sessionId);
      if (!session)
        return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
          code: "sessionNotFound",
          params: {},
        });
      const chair = await chairPermissionFor(deps.teams, session, user.id);
      if (!chair.ok) return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, chair.error);
      const tr = await translatorForTeam(deps, { workspaceId: team.id, sessionId }, user.id);
      await client.views.open({
        trigger_id: triggerId,
        view: reasonModal({ sessionId, action, userId: user.id }, tr),
      });
    });
  }
}
