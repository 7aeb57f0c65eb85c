import type { App } from "@slack/bolt";
import { z } from "zod";
import { uninstall } from "../../usecases/uninstall.ts";
import type { SlackDeps } from "../deps.ts";

const envelope = z.object({
  team_id: z.string().optional(),
  enterprise_id: z.string().nullish(),
  is_enterprise_install: z.boolean().optional(),
  authorizations: z
    .array(z.object({ user_id: z.string().optional(), is_enterprise_install: z.boolean().optional() }))
    .optional(),
});

const revoked = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }) });

/** app_uninstalled, and tokens_revoked for our bot's token: the workspace is no longer served. */
export function registerUninstall(app: App, deps: SlackDeps): void {
  const sourceOf = (body: unknown) => {
    const parsed = envelope.safeParse(body);
    if (!parsed.success) return undefined;
    // Where Bolt looks too: the delivery's authorization says whether the install is org-wide.
    const org =
      (parsed.data.authorizations?.[0]?.is_enterprise_install ?? parsed.data.is_enterprise_install) === true;
    return {
      teamId: org ? undefined : parsed.data.team_id,
      enterpriseId: parsed.data.enterprise_id ?? undefined,
      isEnterpriseInstall: org,
    } as Parameters<typeof uninstall>[1];
  };

  app.event("app_uninstalled", async ({ body }) => {
    const source = sourceOf(body);
    if (source) await uninstall(deps, source);
  });

  app.event("tokens_revoked", async ({ body, event, context }) => {
    const tokens = revoked.safeParse(event);
    // A user's token revoked (we hold none) leaves the bot working.
    if (!tokens.success || !context.botUserId || !tokens.data.tokens.bot?.includes(context.botUserId)) return;
    const source = sourceOf(body);
    if (source) await uninstall(deps, source);
  });
}
