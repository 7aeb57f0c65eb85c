import type { App } from "@slack/bolt";
import { z } from "zod";
import type { SessionCommand } from "../../domain/session/commands.ts";
import { actOnSession } from "../../usecases/run-session.ts";
import type { SlackDeps } from "../deps.ts";

// Slack caps a message at 40,000 characters; anything longer did not come from Slack, and the
// ledger cannot be cleaned of it afterwards.
const messageText = z.string().max(40_000).default("");

// Only the fields we use. A message from a bot (ours included) is never a statement. A reply also
// sent to the channel (thread_broadcast) or with a file (file_share) is a reply like any other.
const sharedFile = z.object({ name: z.string().max(1_000), permalink: z.string().url().max(2_000) });
const newMessage = z.object({
  type: z.literal("message"),
  subtype: z.enum(["thread_broadcast", "file_share"]).optional(),
  files: z.array(sharedFile).max(20).optional(),
  channel: z.string(),
  user: z.string(),
  text: messageText,
  ts: z.string(),
  thread_ts: z.string(),
  bot_id: z.undefined().optional(),
});
const changed = z.object({
  type: z.literal("message"),
  subtype: z.literal("message_changed"),
  channel: z.string(),
  message: z.object({
    user: z.string(),
    text: messageText,
    ts: z.string(),
    thread_ts: z.string().optional(),
    edited: z.object({ ts: z.string() }).optional(),
  }),
  event_ts: z.string(),
});
const deleted = z.object({
  type: z.literal("message"),
  subtype: z.literal("message_deleted"),
  channel: z.string(),
  deleted_ts: z.string(),
  previous_message: z.object({ user: z.string(), thread_ts: z.string().optional() }),
  event_ts: z.string(),
});

interface Incoming {
  channel: string;
  threadTs: string;
  command: (at: string) => SessionCommand;
  /** One Slack message (or one edit of it) is recorded once, however often Slack delivers it. */
  dedupeKey: string;
  slackRef: string;
}

/**
 * Replies in a session's thread are statements (or out of turn); edits and deletions are
 * recorded beside the original, which stays. Slack retries an event it got no 200 for within
 * 3 s, so the work runs after Bolt has answered, and the dedupe key makes a retry harmless.
 */
export function registerThreadMessages(app: App, deps: SlackDeps): void {
  app.event("message", async ({ body }) => {
    const delivery = sessionReply(body);
    if (delivery) await recordReply(deps, delivery);
  });
}

const envelope = z.object({ team_id: z.string(), event_id: z.string(), event: z.unknown() });

export interface Delivery extends Incoming {
  workspaceId: string;
  eventId: string;
}

/** A thread reply, edit or deletion in an Events API envelope; undefined for anything else. */
export function sessionReply(body: unknown): Delivery | undefined {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return undefined;
  const incoming = toIncoming(parsed.data.event);
  return incoming && { ...incoming, workspaceId: parsed.data.team_id, eventId: parsed.data.event_id };
}

/**
 * Records a delivery in its session's ledger, then lets the inbox forget it. A refusal is an
 * answer too (a reply to a closed session): only a failure leaves it for the next sweep.
 */
export async function recordReply(deps: SlackDeps, delivery: Delivery): Promise<void> {
  const sessionId = await deps.sessions.idByThread(delivery.workspaceId, delivery.channel, delivery.threadTs);
  if (sessionId) {
    const outcome = await actOnSession(deps, delivery.workspaceId, sessionId, delivery.command, {
      dedupeKey: delivery.dedupeKey,
      slackRef: delivery.slackRef,
    });
    if (!outcome.ok) deps.log.info("thread message not recorded", { code: outcome.error.code, sessionId });
  }
  await deps.inbox.done(delivery.workspaceId, delivery.eventId);
}

function toIncoming(event: unknown): Incoming | undefined {
  const message = newMessage.safeParse(event);
  if (message.success) {
    const m = message.data;
    if (m.thread_ts === m.ts) return undefined; // the header itself
    return {
      channel: m.channel,
      threadTs: m.thread_ts,
      command: (at) => ({
        type: "reply",
        at,
        userId: m.user,
        messageTs: m.ts,
        text: m.text,
        ...(m.files?.length ? { files: m.files.map(({ name, permalink }) => ({ name, permalink })) } : {}),
      }),
      dedupeKey: `msg:${m.channel}:${m.ts}`,
      slackRef: `${m.channel}/${m.ts}`,
    };
  }
  const edit = changed.safeParse(event);
  if (edit.success && edit.data.message.thread_ts) {
    const { channel, message: m, event_ts: eventTs } = edit.data;
    return {
      channel,
      threadTs: m.thread_ts!,
      command: (at) => ({ type: "edit", at, userId: m.user, messageTs: m.ts, text: m.text }),
      dedupeKey: `edit:${channel}:${m.ts}:${m.edited?.ts ?? eventTs}`,
      slackRef: `${channel}/${m.ts}`,
    };
  }
  const removal = deleted.safeParse(event);
  if (removal.success && removal.data.previous_message.thread_ts) {
    const { channel, deleted_ts: ts, previous_message: m } = removal.data;
    return {
      channel,
      threadTs: m.thread_ts!,
      command: (at) => ({ type: "delete", at, userId: m.user, messageTs: ts }),
      dedupeKey: `delete:${channel}:${ts}`,
      slackRef: `${channel}/${ts}`,
    };
  }
  return undefined;
}
