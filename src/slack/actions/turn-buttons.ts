import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import { z } from "zod";
import { actOnSession } from "../../usecases/run-session.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { reasonModal } from "../blocks/modals.ts";
import { TURN_ACTIONS } from "../blocks/turn-call.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { sessionRefusal } from "../session-refusal.ts";

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

/**
 * The buttons under a turn call. Done and Pass end the speaker's own turn; Skip and Mark absent
 * are the chair's and ask for a reason first. A refused press (not your turn, already ended) is
 * answered privately and changes nothing.
 */
export function registerTurnButtons(app: App, deps: SlackDeps): void {
  for (const [actionId, type] of [
    [TURN_ACTIONS.done, "finish"],
    [TURN_ACTIONS.pass, "pass"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond }) => {
      await ack();
      const parsed = press.safeParse(body);
      if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed turn button", { actionId });
      const { user, team, actions } = parsed.data;
      const { sessionId, turnIndex } = actions[0]!.value;
      const outcome = await actOnSession(deps, team.id, sessionId, (at) => ({
        type,
        at,
        userId: user.id,
        turnIndex,
      }));
      if (!outcome.ok)
        await refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, outcome.error);
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
      if (!session)
        return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
          code: "sessionNotFound",
          params: {},
        });
      // Checked before the reason form opens, so that nobody types a reason only to be refused.
      const chair = await chairPermissionFor(deps.teams, session, user.id);
      if (!chair.ok) return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, chair.error);
      const speaker = session.row.currentSpeakerId ?? "";
      const tr = await translatorForTeam(deps, { workspaceId: team.id, sessionId }, user.id);
      // The views.open trigger expires 3 s after the click: open the form before anything slow.
      await client.views.open({
        trigger_id: triggerId,
        view: reasonModal({ sessionId, action, turnIndex, userId: speaker }, tr),
      });
    });
  }
}

export async function refuse(
  deps: SlackDeps,
  respond: RespondFn,
  where: { workspaceId: string; sessionId: string },
  userId: string,
  error: Parameters<typeof sessionRefusal>[0],
): Promise<void> {
  const tr = await translatorForTeam(deps, where, userId);
  await respond({ response_type: "ephemeral", replace_original: false, text: sessionRefusal(error, tr) });
}
