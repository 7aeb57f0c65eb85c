import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { z } from "zod";
import { fold } from "../../domain/session/index.ts";
import { VOTE_CHOICES, type VoteChoice } from "../../domain/session/types.ts";
import { castNamedVote } from "../../usecases/vote.ts";
import { reasonModal, secretBallotModal } from "../blocks/modals.ts";
import { choiceLabel, questionLabel, VOTE_ACTIONS } from "../blocks/vote-message.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { answerWith, type Durable, recordKept } from "../inbox/durable.ts";
import { tellRefusal } from "../session-refusal.ts";
import { type Press, readPress } from "./press.ts";
import { refuse } from "./turn-buttons.ts";

const base = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  trigger_id: z.string(),
});
/** "sessionId|questionId|choice", as the vote message wrote it. */
const choiceValue = z
  .string()
  .regex(/^[0-9a-f-]{36}\|[\w-]+\|\w+$/)
  .transform((v, ctx) => {
    const [sessionId, questionId, word] = v.split("|");
    const choice = z.enum(VOTE_CHOICES).safeParse(word);
    if (!choice.success) {
      ctx.addIssue({ code: "custom", message: "unknown choice" });
      return z.NEVER;
    }
    return { sessionId: sessionId!, questionId: questionId!, choice: choice.data };
  });

interface NamedVotePress extends Press {
  sessionId: string;
  questionId: string;
  choice: VoteChoice;
}

const isChoiceAction = (id: string) => id.startsWith(`${VOTE_ACTIONS.choice}_`);

/**
 * A named vote (记名投票): recorded at the click, confirmed privately. Kept in the inbox before
 * the ack, so a vote Slack was answered for is recorded.
 */
export const namedVote: Durable<NamedVotePress> = {
  recognise(body) {
    const press = readPress(body, isChoiceAction);
    const value = press && choiceValue.safeParse(press.value);
    return press && value?.success ? { ...press, ...value.data } : undefined;
  },
  async record(deps, press, answer) {
    const { workspaceId, sessionId, questionId, choice, sender } = press;
    const outcome = await castNamedVote(deps, workspaceId, sessionId, sender.userId, questionId, choice, {
      dedupeKey: press.deliveryId,
    });
    const where = { workspaceId, sessionId };
    if (!outcome.ok) return tellRefusal(deps, answer, where, sender.userId, outcome.error);
    const cast = outcome.events.find((e) => e.type === "vote_cast");
    // This very press recorded already: by a process that may have died before confirming it
    // (its append can commit after it is gone), so it is confirmed now if it still stands.
    const again = outcome.duplicate && outcome.state.vote?.latest[questionId]?.[sender.userId] === choice;
    // The same choice clicked again records nothing, and needs no second confirmation.
    if (cast?.type !== "vote_cast" && !again) return;
    const tr = await translatorForTeam(deps, where, sender.userId);
    const question = outcome.state.vote?.questions.find((q) => q.id === questionId);
    await answer(
      tr(cast?.type === "vote_cast" && cast.changed ? "vote.recordedChanged" : "vote.recordedNamed", {
        choice: choiceLabel(choice, tr),
        question: question ? questionLabel(question, tr) : questionId,
      }),
    );
  },
};

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
      const press = namedVote.recognise(body);
      if (!press) return deps.log.warn("malformed vote button");
      await recordKept(deps, namedVote, press, answerWith(respond));
    },
  );

  app.action<BlockAction<ButtonAction>>(VOTE_ACTIONS.secret, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = sessionPress.safeParse(body);
    if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed secret ballot button");
    const { user, team, actions, trigger_id: triggerId } = parsed.data;
    const sessionId = actions[0]!.value;
    const where = { workspaceId: team.id, sessionId };
    const session = await deps.sessions.load(team.id, sessionId);
    if (!session) return refuse(deps, respond, where, user.id, { code: "sessionNotFound", params: {} });
    const state = fold(session.events);
    // Say at once what the form's submission would refuse, rather than after it is filled in.
    if (!state.vote || state.vote.closed)
      return refuse(deps, respond, where, user.id, { code: "voteNotOpen", params: { phase: state.phase } });
    if (!state.vote.eligible.includes(user.id))
      return refuse(deps, respond, where, user.id, { code: "notEligible", params: { userId: user.id } });
    if (state.vote.castSecret.includes(user.id))
      return refuse(deps, respond, where, user.id, { code: "alreadyCast", params: { userId: user.id } });
    const tr = await translatorForTeam(deps, where, user.id);
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
      const where = { workspaceId: team.id, sessionId };
      const session = await deps.sessions.load(team.id, sessionId);
      if (!session) return refuse(deps, respond, where, user.id, { code: "sessionNotFound", params: {} });
      const chair = await chairPermissionFor(deps.teams, session, user.id);
      if (!chair.ok) return refuse(deps, respond, where, user.id, chair.error);
      const tr = await translatorForTeam(deps, where, user.id);
      await client.views.open({
        trigger_id: triggerId,
        view: reasonModal({ sessionId: session.row.id, action, userId: user.id }, tr),
      });
    });
  }
}
