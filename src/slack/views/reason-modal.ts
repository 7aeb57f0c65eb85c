import type { App } from "@slack/bolt";
import { z } from "zod";
import type { SessionCommand } from "../../domain/session/commands.ts";
import { actOnSession } from "../../usecases/run-session.ts";
import { chairPermission } from "../../usecases/session-permissions.ts";
import { closeVote } from "../../usecases/vote.ts";
import { REASON_ACTIONS, REASON_MODAL, type ReasonContext } from "../blocks/modals.ts";
import type { SlackDeps } from "../deps.ts";
import { parseMetadata } from "./metadata.ts";
import { translatorForTeam } from "../locale.ts";
import { sessionRefusal } from "../session-refusal.ts";

const context = z.object({
  sessionId: z.string().uuid(),
  action: z.enum(REASON_ACTIONS),
  turnIndex: z.number().int().nonnegative().optional(),
  userId: z.string(),
});

const submission = z.object({
  user: z.object({ id: z.string() }),
  team: z.object({ id: z.string() }).nullable(),
  view: z.object({
    private_metadata: z.string(),
    state: z.object({
      values: z.object({ reason: z.object({ value: z.object({ value: z.string().nullish() }) }) }),
    }),
  }),
});

/** The reason form: records the chair's action (or a recusal) with the reason given. */
export function registerReasonModal(app: App, deps: SlackDeps): void {
  app.view(REASON_MODAL, async ({ ack, body }) => {
    const parsed = submission.safeParse(body);
    const ctx = parsed.success
      ? context.safeParse(parseMetadata(parsed.data.view.private_metadata))
      : undefined;
    if (!parsed.success || !parsed.data.team || !ctx?.success) {
      deps.log.warn("malformed reason submission");
      return void (await ack());
    }
    const { user, team } = parsed.data;
    const reason = (parsed.data.view.state.values.reason.value.value ?? "").trim();
    const workspaceId = team.id;
    const tr = await translatorForTeam(deps, { workspaceId, sessionId: ctx.data.sessionId }, user.id);
    const refused = (error: Parameters<typeof sessionRefusal>[0]) =>
      ack({ response_action: "errors", errors: { reason: sessionRefusal(error, tr) } });
    const session = await deps.sessions.load(workspaceId, ctx.data.sessionId);
    if (!session) return void (await refused({ code: "sessionNotFound", params: {} }));
    const teamNow = await deps.teams.load(session.row);
    // A recusal is a member's own (the decider checks who may recuse whom); the rest is the chair's.
    const chair =
      ctx.data.action === "recuse"
        ? { ok: true as const, byIsAdmin: teamNow.admins.includes(user.id) }
        : chairPermission(teamNow, session.events, user.id);
    if (!chair.ok) return void (await refused(chair.error));
    const { byIsAdmin } = chair;
    const outcome =
      ctx.data.action === "close_vote"
        ? await closeVote(deps, workspaceId, ctx.data.sessionId, user.id, byIsAdmin, reason)
        : await actOnSession(deps, workspaceId, ctx.data.sessionId, (at) =>
            command(ctx.data, user.id, byIsAdmin, reason, at),
          );
    if (outcome.ok) return void (await ack());
    await refused(outcome.error);
  });
}

function command(
  ctx: ReasonContext,
  by: string,
  byIsAdmin: boolean,
  reason: string,
  at: string,
): SessionCommand {
  const chair = { at, by, byIsAdmin, reason };
  switch (ctx.action) {
    case "skip":
      return { type: "skip", ...chair, ...(ctx.turnIndex !== undefined ? { turnIndex: ctx.turnIndex } : {}) };
    case "absent":
      return {
        type: "mark_absent",
        ...chair,
        ...(ctx.turnIndex !== undefined ? { turnIndex: ctx.turnIndex } : {}),
      };
    case "recuse":
      return { type: "recuse", ...chair, userId: by };
    case "close_vote":
      throw new Error("close_vote is handled by closeVote, which reads the ballot box");
    default:
      return { type: ctx.action, ...chair };
  }
}
