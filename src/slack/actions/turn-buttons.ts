import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { fold, turnEndRefusal } from "../../domain/session/index.ts";
import { actOnSession } from "../../usecases/run-session.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { reasonModal } from "../blocks/modals.ts";
import { TURN_ACTIONS } from "../blocks/turn-call.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { answerWith, type Durable, recordKept } from "../inbox/durable.ts";
import { type sessionRefusal, tellRefusal } from "../session-refusal.ts";
import { type Press, readPress } from "./press.ts";

/** "sessionId|turnIndex", as turnValue() wrote it. */
const turnValue = z
  .string()
  .regex(/^[0-9a-f-]{36}\|\d+$/)
  .transform((v) => {
    const [sessionId, index] = v.split("|");
    return { sessionId: sessionId!, turnIndex: Number(index) };
  });

const press = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  trigger_id: z.string(),
  actions: z.array(z.object({ value: turnValue })).min(1),
});

const TURN_TYPES = { [TURN_ACTIONS.done]: "finish", [TURN_ACTIONS.pass]: "pass" } as const;

interface TurnPress extends Press {
  type: "finish" | "pass";
  sessionId: string;
  turnIndex: number;
}

/** Done and Pass: kept in the inbox before the ack, so a press Slack was answered for is recorded. */
export const turnPress: Durable<TurnPress> = {
  recognise(body) {
    const press = readPress(body, (id) => id in TURN_TYPES);
    const value = press && turnValue.safeParse(press.value);
    if (!press || !value?.success) return undefined;
    return { ...press, ...value.data, type: TURN_TYPES[press.actionId as keyof typeof TURN_TYPES] };
  },
  async record(deps, press, answer) {
    const { workspaceId, sessionId, turnIndex, type, sender } = press;
    const outcome = await actOnSession(
      deps,
      workspaceId,
      sessionId,
      (at) => ({ type, at, userId: sender.userId, turnIndex }),
      { dedupeKey: press.deliveryId },
    );
    if (!outcome.ok)
      await tellRefusal(deps, answer, { workspaceId, sessionId }, sender.userId, outcome.error);
  },
};

/**
 * The buttons under a turn call. Done and Pass end the speaker's own turn; Skip and Mark absent
 * are the chair's and ask for a reason first. A refused press (not your turn, already ended) is
 * answered privately and changes nothing.
 */
export function registerTurnButtons(app: App, deps: SlackDeps): void {
  for (const actionId of [TURN_ACTIONS.done, TURN_ACTIONS.pass]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond }) => {
      await ack();
      const press = turnPress.recognise(body);
      if (!press) return deps.log.warn("malformed turn button", { actionId });
      await recordKept(deps, turnPress, press, answerWith(respond));
    });
  }

  for (const [actionId, action] of [
    [TURN_ACTIONS.skip, "skip"],
    [TURN_ACTIONS.absent, "absent"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, respond }) => {
      await ack();
      const parsed = press.safeParse(body);
      if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed chair button", { actionId });
      const { user, team, actions, trigger_id: triggerId } = parsed.data;
      const { sessionId, turnIndex } = actions[0]!.value;
      const session = await deps.sessions.load(team.id, sessionId);
      const where = { workspaceId: team.id, sessionId };
      if (!session) return refuse(deps, respond, where, user.id, { code: "sessionNotFound", params: {} });
      // Checked before the reason form opens, so that nobody types a reason only to be refused.
      const chair = await chairPermissionFor(deps.teams, session, user.id);
      if (!chair.ok) return refuse(deps, respond, where, user.id, chair.error);
      const turn = turnEndRefusal(
        fold(session.events),
        action === "skip" ? "skip" : "mark_absent",
        turnIndex,
      );
      if (turn && !turn.ok) return refuse(deps, respond, where, user.id, turn.error);
      const speaker = session.row.currentSpeakerId ?? "";
      const tr = await translatorForTeam(deps, where, user.id);
      // The views.open trigger expires 3 s after the click: open the form before anything slow.
      await client.views.open({
        trigger_id: triggerId,
        view: reasonModal({ sessionId, action, turnIndex, userId: speaker }, tr),
      });
    });
  }
}

/** A refusal answered through the request's response_url. */
export function refuse(
  deps: SlackDeps,
  respond: RespondFn,
  where: { workspaceId: string; sessionId: string },
  userId: string,
  error: Parameters<typeof sessionRefusal>[0],
): Promise<void> {
  return tellRefusal(deps, answerWith(respond), where, userId, error);
}
