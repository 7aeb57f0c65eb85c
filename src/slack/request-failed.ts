import type { App } from "@slack/bolt";
import { z } from "zod";
import type { SlackDeps } from "./deps.ts";
import { keptDelivery } from "./inbox/keep-before-ack.ts";
import { translatorFor, translatorForTeam } from "./locale.ts";

// A button press or a slash command: Slack gave us a response_url to answer on.
const answerable = z.object({
  response_url: z.url(),
  user: z.object({ id: z.string() }).optional(),
  user_id: z.string().optional(),
  team: z.object({ id: z.string() }).nullish(),
  team_id: z.string().optional(),
  channel: z.object({ id: z.string() }).nullish(),
  channel_id: z.string().optional(),
});

/**
 * Buttons and commands are acknowledged before their work is done (Slack allows 3 s), so a
 * failure after that (the database down or overloaded) would otherwise go unseen: the person
 * would believe their vote or their Done was recorded. Tell them privately, in their language:
 * what the inbox kept (see keep-before-ack.ts) will be recorded by its sweep, so they should wait;
 * anything else they should look for and try again.
 */
export function tellWhenRequestsFail(app: App, deps: SlackDeps): void {
  const handler = async ({ error, body }: { error: Error; body: unknown }): Promise<void> => {
    deps.log.error("handling a Slack request failed", { err: error });
    const request = answerable.safeParse(body);
    if (!request.success) return;
    const userId = request.data.user?.id ?? request.data.user_id;
    const workspaceId = request.data.team?.id ?? request.data.team_id ?? "";
    const channelId = request.data.channel?.id ?? request.data.channel_id;
    const tr = channelId
      ? await translatorForTeam(deps, { workspaceId, channelId }, userId ?? "")
      : await translatorFor(deps, workspaceId, userId ?? "", null);
    await fetch(request.data.response_url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        response_type: "ephemeral",
        replace_original: false,
        // A kept press or command is recorded by the inbox's sweep: repeating it would act twice.
        text: tr(keptDelivery(body) ? "error.requestKept" : "error.requestFailed"),
      }),
      signal: AbortSignal.timeout(5_000),
    }).catch((err: unknown) => deps.log.warn("could not tell the user their request failed", { err }));
  };
  // Bolt calls it this way with `extendedErrorHandler: true` (app.ts); that type is not exported.
  app.error(handler as unknown as Parameters<App["error"]>[0]);
}
