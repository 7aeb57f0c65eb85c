import type { App, BlockAction, OverflowAction } from "@slack/bolt";
import { z } from "zod";
import { actOnSession } from "../../usecases/run-session.ts";
import { reasonModal, REASON_ACTIONS } from "../blocks/modals.ts";
import { CHAIR_MENU_ACTION } from "../blocks/session-header.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { refuse } from "./turn-buttons.ts";

const choice = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  trigger_id: z.string(),
  actions: z
    .array(
      z.object({
        selected_option: z.object({
          value: z
            .string()
            .regex(/^[0-9a-f-]{36}\|\w+$/)
            .transform((v) => {
              const [sessionId, action] = v.split("|");
              return { sessionId: sessionId!, action: action! };
            }),
        }),
      }),
    )
    .min(1),
});

/**
 * The header's menu: pause, resume, defer, cancel (the chair's) and recuse (a member's own).
 * Everything but resume needs a reason on the record, so it opens the reason form.
 */
export function registerChairMenu(app: App, deps: SlackDeps): void {
  app.action<BlockAction<OverflowAction>>(CHAIR_MENU_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const parsed = choice.safeParse(body);
    if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed chair menu choice");
    const { user, team, trigger_id: triggerId, actions } = parsed.data;
    const { sessionId, action } = actions[0]!.selected_option.value;
    const session = await deps.sessions.load(team.id, sessionId);
    if (!session)
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, {
        code: "sessionNotFound",
        params: {},
      });
    // A recusal is a member's own; everything else is the chair's.
    const chair = action === "recuse" ? null : await chairPermissionFor(deps.teams, session, user.id);
    if (chair && !chair.ok)
      return refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, chair.error);
    if (action === "resume") {
      const outcome = await actOnSession(deps, team.id, sessionId, (at) => ({
        type: "resume",
        at,
        by: user.id,
        byIsAdmin: chair?.ok === true && chair.byIsAdmin,
      }));
      if (!outcome.ok)
        await refuse(deps, respond, { workspaceId: team.id, sessionId }, user.id, outcome.error);
      return;
    }
    const reasonAction = REASON_ACTIONS.find((a) => a === action);
    if (!reasonAction) return deps.log.warn("unknown chair menu action", { action });
    const tr = await translatorForTeam(deps, { workspaceId: team.id, sessionId }, user.id);
    await client.views.open({
      trigger_id: triggerId,
      view: reasonModal({ sessionId, action: reasonAction, userId: user.id }, tr),
    });
  });
}
