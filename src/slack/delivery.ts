import type { types } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { Logger } from "../logger.ts";
import type { DeliveryStore } from "../store/delivery-store.ts";

/** The metadata event our scheduled DMs carry, so a DM can be found again by its key. */
export const DELIVERY_EVENT = "lastword_delivery";

export interface DeliveryDeps {
  deliveries: DeliveryStore;
  clock: () => Date;
  log: Logger;
  /** Slack accepted a DM (the metrics count them). */
  onDmSent?: () => void;
}

export interface Dm {
  workspaceId: string;
  /** Unique per message: the job's key and the recipient. */
  key: string;
  /** A user ID: chat.postMessage opens the DM itself (no conversations.open per user). */
  recipient: string;
  message: { text: string; blocks?: types.KnownBlock[] };
}

export interface Delivered {
  channel: string | null;
  ts: string | null;
}

/**
 * Posts a scheduled DM once, however often its job runs. chat.postMessage has no idempotency key,
 * so the attempt is written down first; a job run again after a crash that finds an attempt but
 * no "sent" looks for the message in the DM (by the key in its metadata) before posting again.
 * Only then can a replica killed between Slack's accept and our write not send twice.
 */
export async function deliverOnce(deps: DeliveryDeps, client: WebClient, dm: Dm): Promise<Delivered> {
  const { deliveries, clock, log } = deps;
  const before = await deliveries.find(dm.workspaceId, dm.key);
  if (before?.state === "sent") return { channel: before.channel, ts: before.ts };
  if (before?.state === "posting") {
    const found = await findPosted(client, dm, log);
    if (found) {
      await deliveries.sent(dm.workspaceId, dm.key, found, clock());
      return found;
    }
  }
  await deliveries.posting(dm.workspaceId, dm.key, dm.recipient, clock());
  let answer: { channel?: string; ts?: string };
  try {
    answer = await client.chat.postMessage({
      channel: dm.recipient,
      ...dm.message,
      metadata: { event_type: DELIVERY_EVENT, event_payload: { key: dm.key } },
    });
  } catch (err) {
    // Slack answered (an error or a 429): nothing was posted. A timeout or a broken connection
    // says nothing either way, so the attempt stays written down for the next run to check.
    if (slackAnswered(err)) await deliveries.notPosted(dm.workspaceId, dm.key);
    throw err;
  }
  deps.onDmSent?.();
  const delivered = { channel: answer.channel ?? null, ts: answer.ts ?? null };
  await deliveries.sent(dm.workspaceId, dm.key, delivered, clock());
  return delivered;
}

const history = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()).optional() })
          .optional(),
      }),
    )
    .default([]),
});

/**
 * The earlier attempt's message in the DM, if Slack had posted it. Only the newest messages are
 * read: the attempt was made at most a lease ago, and a DM between the bot and one leader gets a
 * few messages a quarter. (No `oldest` bound: it would compare our clock with Slack's.)
 */
async function findPosted(client: WebClient, dm: Dm, log: Logger): Promise<Delivered | null> {
  try {
    const channel = (await client.conversations.open({ users: dm.recipient })).channel?.id;
    if (!channel) return null;
    const answer = history.parse(
      await client.conversations.history({ channel, limit: 100, include_all_metadata: true }),
    );
    const hit = answer.messages.find(
      (m) => m.metadata?.event_type === DELIVERY_EVENT && m.metadata.event_payload?.["key"] === dm.key,
    );
    return hit ? { channel, ts: hit.ts } : null;
  } catch (err) {
    // Without im:history or im:write (an app installed before they were asked for) we cannot
    // look: a second copy is better than a lost message.
    if (scopeMissing(err)) {
      log.warn("cannot look for an earlier attempt of a DM; posting it again", { key: dm.key, err });
      return null;
    }
    throw err;
  }
}

function slackAnswered(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === "slack_webapi_platform_error" || code === "slack_webapi_rate_limited_error";
}

function scopeMissing(err: unknown): boolean {
  const e = err as { code?: string; data?: { error?: string } };
  return (
    e?.code === "slack_webapi_platform_error" &&
    (e.data?.error === "missing_scope" || e.data?.error === "not_allowed_token_type")
  );
}
