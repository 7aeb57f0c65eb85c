/**
 * Signed requests to the bot, timed from just before the POST to the end of the response body,
 * so that building and signing the payload is not in the figure. Payloads are shaped exactly as
 * src/playground/signed-requests.ts builds them (envelope() and message() are reused from there;
 * a button press is rebuilt here because SlackDriver.blockAction() builds and sends in one go).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { LocalSlack } from "../../src/playground/local-slack.ts";
import { signRequest, type SlackDriver } from "../../src/playground/signed-requests.ts";

export interface Timed {
  status: number;
  text: string;
  /** performance.now() just before the POST. */
  sentAt: number;
  /** Milliseconds from the POST to the whole response. */
  ms: number;
}

/** `retry`: the redelivery's number, sent as Slack sends it (X-Slack-Retry-Num, X-Slack-Retry-Reason). */
export async function timedPost(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  retry = 0,
): Promise<Timed> {
  const headers = {
    "Content-Type": contentType,
    ...signRequest(secret, body),
    ...(retry ? { "X-Slack-Retry-Num": String(retry), "X-Slack-Retry-Reason": "http_timeout" } : {}),
  };
  const sentAt = performance.now();
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, text, sentAt, ms: performance.now() - sentAt };
}

/** The body of an Events API delivery of a thread reply, as Slack sends it. */
export function threadReplyBody(
  driver: SlackDriver,
  input: { userId: string; channelId: string; threadTs: string; ts: string; text: string },
): string {
  return JSON.stringify(driver.envelope(driver.message(input)));
}

/** The form body of a button click on a message the fake knows (its blocks and ts are the bot's). */
export function buttonBody(
  fake: LocalSlack,
  input: {
    teamId: string;
    actionId: string;
    value: string;
    userId: string;
    channelId: string;
    messageTs: string;
    threadTs: string;
  },
): string {
  const known = fake.findMessage(input.channelId, input.messageTs);
  const blockId =
    (
      known?.blocks as Array<{ block_id?: string; elements?: Array<{ action_id?: string }> }> | undefined
    )?.find((b) => b.elements?.some((e) => e.action_id === input.actionId))?.block_id ??
    randomBytes(3).toString("base64url");
  const name = fake.users.get(input.userId)?.name ?? input.userId.toLowerCase();
  const channelName = fake.channels.get(input.channelId)?.name ?? input.channelId.toLowerCase();
  const payload = {
    type: "block_actions",
    user: { id: input.userId, username: name, name, team_id: input.teamId },
    api_app_id: fake.bot.appId,
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: input.messageTs,
      channel_id: input.channelId,
      is_ephemeral: false,
      thread_ts: input.threadTs,
    },
    trigger_id: `${Date.now()}${Math.floor(Math.random() * 1000)}.${Math.floor(Math.random() * 1e12)}.${randomBytes(16).toString("hex")}`,
    team: { id: input.teamId, domain: fake.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channelId, name: channelName },
    message: {
      type: "message",
      user: known?.user ?? fake.bot.userId,
      ts: input.messageTs,
      bot_id: known?.botId ?? fake.bot.botId,
      app_id: fake.bot.appId,
      text: known?.text ?? "",
      team: input.teamId,
      blocks: known?.blocks ?? [],
      thread_ts: input.threadTs,
    },
    state: { values: {} },
    response_url: fake.responseUrl(`action-${randomUUID()}`),
    actions: [
      {
        action_id: input.actionId,
        block_id: blockId,
        text: { type: "plain_text", text: input.actionId, emoji: true },
        value: input.value,
        type: "button",
        action_ts: fake.nextTs(),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
