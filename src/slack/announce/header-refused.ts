import type { SessionRow } from "../../store/session-store.ts";
import type { SlackDeps } from "../deps.ts";
import { translatorForTeam } from "../locale.ts";

/**
 * What Slack answers to a header it will not take until someone acts: the bot is not in the
 * channel (or, for a private one, cannot see it) or the channel is archived. Asking again at once
 * mends nothing, and skipping the header would leave a session nobody can see.
 */
const WAITS_FOR_SOMEONE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

/** Slack refused a session's header; the session waits for it (see waitForHeader). */
export class HeaderRefused extends Error {
  constructor(
    readonly error: string,
    readonly chairId: string,
  ) {
    super(`Slack refused the session's header: ${error}`);
  }
}

/** `post`, with a refusal that waits for someone turned into HeaderRefused. */
export async function postHeader<T>(chairId: string, post: () => Promise<T>): Promise<T> {
  try {
    return await post();
  } catch (err) {
    const error = (err as { code?: string; data?: { error?: string } }).data?.error;
    if (
      (err as { code?: string }).code === "slack_webapi_platform_error" &&
      error &&
      WAITS_FOR_SOMEONE.has(error)
    )
      throw new HeaderRefused(error, chairId);
    throw err;
  }
}

/**
 * After a refused header: the session is shown as waiting (App Home), the chair is told once, by
 * DM (the bot may not post in the channel), what to do, and posting is tried again after a pause
 * that grows with the session's age: every few seconds at first, every five minutes at most.
 * Returns that pause; the outbox keeps the entries meanwhile, so the session goes on from its
 * header as soon as Slack takes it.
 */
export async function waitForHeader(
  deps: SlackDeps,
  row: SessionRow,
  refused: HeaderRefused,
  now: Date,
): Promise<number> {
  deps.log.warn("Slack refused a session's header; it waits", { sessionId: row.id, error: refused.error });
  if (await deps.sessions.headerRefused(row.workspaceId, row.id, refused.error)) {
    const tr = await translatorForTeam(
      deps,
      { workspaceId: row.workspaceId, sessionId: row.id },
      refused.chairId,
    );
    const key = refused.error === "is_archived" ? "session.headerArchived" : "session.headerNotInChannel";
    await deps.notices.tell(
      row.workspaceId,
      { userId: refused.chairId },
      tr(key, { number: row.number, channel: row.channelId }),
    );
  }
  const age = now.getTime() - row.createdAt.getTime();
  return Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, age / 2));
}

const MIN_PAUSE_MS = 5_000;
const MAX_PAUSE_MS = 5 * 60_000;
