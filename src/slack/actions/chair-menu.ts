import type { App, BlockAction, OverflowAction } from "@slack/bolt";
import { z } from "zod";
import { actOnSession } from "../../usecases/run-session.ts";
import { reasonModal, REASON_ACTIONS } from "../blocks/modals.ts";
import { CHAIR_MENU_ACTION } from "../blocks/session-header.ts";
import type { SlackDeps } from "../deps.ts";
import { answerWith, type Durable, recordKept } from "../inbox/durable.ts";
import { translatorForTeam } from "../locale.ts";
import { tellRefusal } from "../session-refusal.ts";
import { chairPermissionFor } from "../../usecases/session-permissions.ts";
import { type Press, readPress } from "./press.ts";
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

const resumeValue = z
  .string()
  .regex(/^[0-9a-f-]{36}\|resume$/)
  .transform((v) => v.split("|")[0]!);

/**
 * Resume, the one choice of the menu recorded at once (the others open the reason form first):
 * kept in the inbox before the ack, so a resume Slack was answered for is recorded.
 */
export const chairResume: Durable<Press & { sessionId: string }> = {
  recognise(body) {
    const press = readPress(body, (id) => id === CHAIR_MENU_ACTION);
    const sessionId = press && resumeValue.safeParse(press.value);
    return press && sessionId?.success ? { ...press, sessionId: sessionId.data } : undefined;
  },
  async record(deps, press, answer) {
    const { workspaceId, sessionId, sender } = press;
    const refused = (error: Parameters<typeof tellRefusal>[4]) =>
      tellRefusal(deps, answer, { workspaceId, sessionId }, sender.userId, error);
    const session = await deps.sessions.load(workspaceId, sessionId);
    if (!session) return refused({ code: "sessionNotFound", params: {} });
    const chair = await chairPermissionFor(deps.teams, session, sender.userId);
    if (!chair.ok) return refused(chair.error);
    const outcome = await actOnSession(
      deps,
      workspaceId,
      sessionId,
      (at) => ({ type: "resume", at, by: sender.userId, byIsAdmin: chair.byIsAdmin }),
      { dedupeKey: press.deliveryId },
    );
    if (!outcome.ok) await refused(outcome.error);
  },
};

/**
 * The header's menu: pause, resume, defer, cancel (the chair's) and recuse (a member's own).
 * Everything but resume needs a reason on the record, so it opens the reason form.
 */
export function registerChairMenu(app: App, deps: SlackDeps): void {
  app.action<BlockAction<OverflowAction>>(CHAIR_MENU_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const resume = chairResume.recognise(body);
    if (resume) return recordKept(deps, chairResume, resume, answerWith(respond));
    const parsed = choice.safeParse(body);
    if (!parsed.success || !parsed.data.team) return deps.log.warn("malformed chair menu choice");
    const { user, team, trigger_id: triggerId, actions } = parsed.data;
    const { sessionId, action } = actions[0]!.selected_option.value;
    const reasonAction = REASON_ACTIONS.find((a) => a === action);
    if (!reasonAction) return deps.log.warn("unknown chair menu action", { action });
    const where = { workspaceId: team.id, sessionId };
    const session = await deps.sessions.load(team.id, sessionId);
    if (!session) return refuse(deps, respond, where, user.id, { code: "sessionNotFound", params: {} });
    // A recusal is a member's own; everything else is the chair's.
    if (action !== "recuse") {
      const chair = await chairPermissionFor(deps.teams, session, user.id);
      if (!chair.ok) return refuse(deps, respond, where, user.id, chair.error);
    }
    const tr = await translatorForTeam(deps, where, user.id);
    await client.views.open({
      trigger_id: triggerId,
      view: reasonModal({ sessionId, action: reasonAction, userId: user.id }, tr),
    });
  });
}
