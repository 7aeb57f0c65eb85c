import type { Authorize } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";

/**
 * Bolt's built-in single-workspace authorisation either calls auth.test at construction (which
 * fails a start with made-up credentials) or, when told not to, on every request. This asks once,
 * on the first request, and keeps the answer; a failed call is retried on the next request.
 */
export function cachedAuthorize(client: WebClient, botToken: string): Authorize<boolean> {
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  return async () => {
    identity ??= client.auth
      .test({ token: botToken })
      .then((r) => ({ botUserId: r.user_id, botId: r.bot_id }))
      .catch((err: unknown) => {
        identity = undefined;
        throw err;
      });
    return { botToken, ...(await identity) };
  };
}
