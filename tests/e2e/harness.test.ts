/**
 * Tests of the e2e harness itself: the fake Slack, the spec checks and the request signer, proved
 * against a real Bolt App (default HTTPReceiver) talking to the fake through a real WebClient.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { App, LogLevel, verifySlackRequest } from "@slack/bolt";
import { WebClient } from "@slack/web-api";
import type { WebAPIPlatformError } from "@slack/web-api";
import { Ajv } from "ajv";
import { startFakeSlack } from "../harness/fake-slack.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { SlackDriver, signRequest } from "../harness/signed-requests.ts";
import {
  checkEventEnvelope,
  checkRequest,
  checkResponse,
  eventWrapperSchema,
} from "../harness/slack-openapi.ts";

const SIGNING_SECRET = "harness-signing-secret";
const ALICE = "U0ALICE0001";
const BOB = "U0BOB00001";
const DECISIONS = "C0DECISIONS";

/** Lets anything the bot might still do asynchronously happen before asserting it did nothing. */
const settle = (ms = 300): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function platformError(error: unknown): string | undefined {
  return (error as WebAPIPlatformError).data?.error;
}

let fake: FakeSlack;
let app: App;
let driver: SlackDriver;
/** What Bolt's listeners saw, to prove the requests really reached them. */
const seen = { commands: [] as string[], messageRetries: [] as Array<number | undefined> };

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addUser({ id: ALICE, name: "alice", realName: "Alice Liddell", locale: "zh-CN", tz: "Asia/Shanghai" });
  fake.addUser({ id: BOB, name: "bob", deleted: true });
  fake.addChannel({ id: DECISIONS, name: "decisions", members: [ALICE, BOB, fake.bot.userId] });

  app = new App({
    token: "xoxb-test",
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });

  app.command("/lastword", async ({ command, ack, client, respond }) => {
    await ack();
    seen.commands.push(command.text);
    if (command.text === "modal") {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: "modal",
          callback_id: "lastword_modal",
          title: { type: "plain_text", text: "Decision" },
          submit: { type: "plain_text", text: "Save" },
          blocks: [
            {
              type: "input",
              block_id: "reason",
              label: { type: "plain_text", text: "Why?" },
              element: { type: "plain_text_input", action_id: "reason_input" },
            },
          ],
        },
      });
      return;
    }
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `Decision: ${command.text}`,
      blocks: [
        { type: "section", text: { type: "mrkdwn", text: `*Decision:* ${command.text}` } },
        {
          type: "actions",
          block_id: "vote_block",
          elements: [
            {
              type: "button",
              action_id: "lastword_vote",
              text: { type: "plain_text", text: "Agree" },
              value: "agree",
            },
          ],
        },
      ],
    });
    await respond({ response_type: "ephemeral", text: "Started" });
  });

  app.action("lastword_vote", async ({ ack, body, action, client, respond }) => {
    await ack();
    if (body.type !== "block_actions" || body.channel === undefined || body.message === undefined) return;
    await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: "Voted", blocks: [] });
    await respond({ replace_original: false, text: `You chose ${"value" in action ? action.value : "?"}` });
  });

  app.message(async ({ message, say, context }) => {
    if (message.subtype !== undefined) return; // edits and deletions
    seen.messageRetries.push(context.retryNum);
    await say({ text: "heard you", thread_ts: message.ts });
  });

  app.view("lastword_modal", async ({ ack, view }) => {
    const reason = view.state.values["reason"]?.["reason_input"]?.value ?? "";
    if (reason === "") await ack({ response_action: "errors", errors: { reason: "Please give a reason" } });
    else await ack();
  });

  // Bolt 5: App#start(port) starts the HTTPReceiver and resolves with its node:http Server.
  const server = await app.start(0);
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: fake.team.id,
    fake,
  });
  // With a token, Bolt calls auth.test from its constructor; let it land before the tests reset.
  await fake.waitForCall("auth.test");
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  seen.commands.length = 0;
  seen.messageRetries.length = 0;
});

describe("signRequest", () => {
  it("produces signatures Bolt accepts, and only for the right secret and body", () => {
    const body = "command=%2Flastword&text=hi";
    const headers = signRequest(SIGNING_SECRET, body);
    const asBoltSeesThem = {
      "x-slack-signature": headers["X-Slack-Signature"],
      "x-slack-request-timestamp": Number(headers["X-Slack-Request-Timestamp"]),
    };
    expect(() =>
      verifySlackRequest({ signingSecret: SIGNING_SECRET, body, headers: asBoltSeesThem }),
    ).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: "other", body, headers: asBoltSeesThem })).toThrow(
      /signature mismatch/,
    );
    expect(() =>
      verifySlackRequest({ signingSecret: SIGNING_SECRET, body: `${body}x`, headers: asBoltSeesThem }),
    ).toThrow(/signature mismatch/);
  });
});

describe("a Bolt app behind the signed-request driver", () => {
  it("acks a signed slash command; its Web API call and respond() reach the fake", async () => {
    const res = await driver.command({
      command: "/lastword",
      text: "ship it",
      userId: ALICE,
      channelId: DECISIONS,
    });
    expect(res.status).toBe(200);

    const post = await fake.waitForCall("chat.postMessage");
    expect(post.token).toBe("xoxb-test");
    expect(post.params).toMatchObject({ channel: DECISIONS, text: "Decision: ship it" });
    // WebClient form-encodes blocks as a JSON string; the fake decodes them back.
    expect(post.params["blocks"]).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: "actions", block_id: "vote_block" })]),
    );
    expect(post.response).toMatchObject({ ok: true, channel: DECISIONS });

    const reply = await fake.waitForResponse((r) => r.id === res.responseUrlId);
    expect(reply.body).toEqual({ response_type: "ephemeral", text: "Started" });
    expect(seen.commands).toEqual(["ship it"]);
    fake.assertNoViolations();
  });

  it("rejects a wrongly signed request with 401 and does nothing", async () => {
    const { body } = driver.commandBody({
      command: "/lastword",
      text: "forged",
      userId: ALICE,
      channelId: DECISIONS,
    });
    const res = await driver.raw(body, {
      "Content-Type": "application/x-www-form-urlencoded",
      ...signRequest("not-the-secret", body),
    });
    expect(res.status).toBe(401);
    await settle();
    expect(seen.commands).toEqual([]);
    expect(fake.calls).toEqual([]);
    expect(fake.responses).toEqual([]);
  });

  it("rejects a correctly signed but stale (> 5 minutes) request with 401 and does nothing", async () => {
    const { body } = driver.commandBody({
      command: "/lastword",
      text: "replayed",
      userId: ALICE,
      channelId: DECISIONS,
    });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await driver.raw(body, {
      "Content-Type": "application/x-www-form-urlencoded",
      ...signRequest(SIGNING_SECRET, body, sixMinutesAgo),
    });
    expect(res.status).toBe(401);
    await settle();
    expect(seen.commands).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it("rejects an unsigned request with 401", async () => {
    const res = await driver.raw('{"type":"event_callback"}', { "Content-Type": "application/json" });
    expect(res.status).toBe(401);
  });

  it("delivers a block action on the posted message; chat.update and respond() reach the fake", async () => {
    await driver.command({ command: "/lastword", text: "vote on me", userId: ALICE, channelId: DECISIONS });
    const posted = await fake.waitForCall("chat.postMessage");

    // No messageTs: the driver clicks the latest message in the channel, with its real block_id.
    const res = await driver.blockAction({
      actionId: "lastword_vote",
      value: "agree",
      userId: ALICE,
      channelId: DECISIONS,
    });
    expect(res.status).toBe(200);

    const update = await fake.waitForCall("chat.update");
    expect(update.params).toMatchObject({
      channel: DECISIONS,
      ts: posted.response["ts"],
      text: "Voted",
      blocks: [],
    });
    const reply = await fake.waitForResponse((r) => r.id === res.responseUrlId);
    expect(reply.body).toEqual({ replace_original: false, text: "You chose agree" });
    expect(fake.messagesIn(DECISIONS).at(-1)).toMatchObject({ text: "Voted", edited: true });
    fake.assertNoViolations();
  });

  it("delivers a message event (with retry headers) and Bolt sees the retry number", async () => {
    const message = driver.message({ userId: ALICE, channelId: DECISIONS, text: "hello bot" });
    const res = await driver.event(message, { retryNum: 1, retryReason: "http_timeout" });
    expect(res.status).toBe(200);
    const say = await fake.waitForCall("chat.postMessage");
    expect(say.params).toMatchObject({ channel: DECISIONS, text: "heard you", thread_ts: message["ts"] });
    expect(seen.messageRetries).toEqual([1]);
    fake.assertNoViolations();
  });

  it("delivers message_changed and message_deleted events", async () => {
    const edited = await driver.event(
      driver.messageChanged({
        userId: ALICE,
        channelId: DECISIONS,
        ts: "1700000000.000100",
        text: "new",
        previousText: "old",
      }),
    );
    const deleted = await driver.event(
      driver.messageDeleted({
        userId: ALICE,
        channelId: DECISIONS,
        ts: "1700000000.000100",
        previousText: "new",
      }),
    );
    expect([edited.status, deleted.status]).toEqual([200, 200]);
    expect(deleted.envelope.event).toMatchObject({
      subtype: "message_deleted",
      deleted_ts: "1700000000.000100",
    });
  });

  it("opens a modal on a command and answers view submissions with and without errors", async () => {
    await driver.command({ command: "/lastword", text: "modal", userId: ALICE, channelId: DECISIONS });
    const open = await fake.waitForCall("views.open");
    expect(open.params["view"]).toMatchObject({ type: "modal", callback_id: "lastword_modal" });

    const empty = await driver.viewSubmission({
      callbackId: "lastword_modal",
      privateMetadata: "meeting-1",
      userId: ALICE,
      values: { reason: { reason_input: { type: "plain_text_input", value: "" } } },
    });
    expect(empty).toMatchObject({
      status: 200,
      body: { response_action: "errors", errors: { reason: "Please give a reason" } },
    });

    const filled = await driver.viewSubmission({
      callbackId: "lastword_modal",
      privateMetadata: "meeting-1",
      userId: ALICE,
      values: { reason: { reason_input: { type: "plain_text_input", value: "because" } } },
    });
    expect(filled).toMatchObject({ status: 200, text: "" });
    fake.assertNoViolations();
  });
});

describe("event envelopes", () => {
  it("validate against Slack's event wrapper schema once the deprecated authed_users is no longer required", async () => {
    const { envelope } = await driver.event(
      driver.message({ userId: ALICE, channelId: DECISIONS, text: "x", threadTs: "1700000000.000100" }),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });

    const asPublished = JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "harness", "slack-spec", "event-wrapper.json"), "utf8"),
    ) as object;
    const validatePublished = ajv.compile(asPublished);
    expect(validatePublished(envelope)).toBe(false);
    expect(validatePublished.errors?.map((e) => e.message)).toEqual([
      "must have required property 'authed_users'",
    ]);

    const validate = ajv.compile(eventWrapperSchema());
    expect(validate(envelope), JSON.stringify(validate.errors)).toBe(true);
    expect(checkEventEnvelope(envelope).errors).toEqual([]);
    expect(envelope.authorizations[0]).toMatchObject({
      team_id: fake.team.id,
      user_id: fake.bot.userId,
      is_bot: true,
    });
  });

  it("reject envelopes missing the event timestamp", () => {
    const { event_ts: _ignored, ...event } = driver.message({
      userId: ALICE,
      channelId: DECISIONS,
      text: "x",
    });
    const envelope = { ...driver.envelope(event as { type: string }), event };
    expect(checkEventEnvelope(envelope).errors).toEqual([
      "event envelope /event must have required property 'event_ts'",
    ]);
  });
});

describe("fake Slack", () => {
  let client: WebClient;
  beforeAll(() => {
    // No exponential backoff on top of a Retry-After wait, so the rate-limit test stays fast.
    client = new WebClient("xoxb-direct", {
      slackApiUrl: fake.apiUrl,
      logLevel: LogLevel.ERROR,
      retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 1 },
    });
  });

  it("records a violation for a call without a required parameter", async () => {
    await expect(client.chat.postMessage({ text: "no channel" } as never)).rejects.toSatisfy(
      (e) => platformError(e) === "channel_not_found",
    );
    expect(fake.violations).toEqual(['chat.postMessage request: missing required parameter "channel"']);
    expect(() => fake.assertNoViolations()).toThrow(/missing required parameter "channel"/);
  });

  it("records a violation for a parameter of the wrong type, a warning for an unknown one", async () => {
    await client
      .apiCall("chat.postMessage", {
        channel: { id: DECISIONS },
        text: "x",
        unfurl_links: "maybe",
        brand_new_option: "x",
      })
      .catch(() => undefined);
    expect(fake.violations).toEqual([
      'chat.postMessage request: parameter "unfurl_links" must be a boolean (true/false/1/0), got "maybe"',
    ]);
    // On the wire an object is just JSON text, so where the spec expects plain text that is only suspicious.
    expect(fake.warnings).toEqual([
      'chat.postMessage request: parameter "channel" looks JSON-encoded ({"id":"C0DECISIONS"}); Slack expects plain text here',
      'chat.postMessage request: parameter "brand_new_option" is not in the 2021 spec of chat.postMessage',
    ]);
  });

  it("answers unknown methods with unknown_method and flags them", async () => {
    await expect(client.apiCall("lastword.doesNotExist")).rejects.toSatisfy(
      (e) => platformError(e) === "unknown_method",
    );
    // The committed part of the description says how to add a method to it.
    expect(fake.violations).toContainEqual(
      expect.stringMatching(
        /^lastword\.doesNotExist request: unknown method lastword\.doesNotExist \(not in tests\/harness\/slack-spec: .*npm run spec:update\)/,
      ),
    );
  });

  it("gives spec-conformant answers for the methods the bot uses", async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ team_id: fake.team.id, user_id: fake.bot.userId, bot_id: fake.bot.botId });

    const { user } = await client.users.info({ user: ALICE, include_locale: true });
    expect(user).toMatchObject({
      id: ALICE,
      real_name: "Alice Liddell",
      locale: "zh-CN",
      tz: "Asia/Shanghai",
      tz_offset: 8 * 3600,
    });
    const { user: bob } = await client.users.info({ user: BOB });
    expect(bob).toMatchObject({ deleted: true });
    expect(bob?.locale).toBeUndefined();

    // Posting to a user ID opens the DM: the answer names the D… channel, which update/delete need.
    const dm = await client.chat.postMessage({
      channel: ALICE,
      text: "your turn",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "your turn" } }],
    });
    expect(dm.channel).toBe(fake.dmChannelFor(ALICE));
    expect(dm.ts).toMatch(/^\d{10}\.\d{6}$/);
    await expect(client.chat.update({ channel: ALICE, ts: dm.ts as string, text: "x" })).rejects.toSatisfy(
      (e) => platformError(e) === "channel_not_found",
    );
    const updated = await client.chat.update({
      channel: dm.channel as string,
      ts: dm.ts as string,
      text: "done",
    });
    expect(updated).toMatchObject({
      ok: true,
      text: "done",
      message: { text: "done", blocks: [{ type: "section" }] },
    });
    const second = await client.chat.postMessage({
      channel: DECISIONS,
      text: "later",
      thread_ts: dm.ts as string,
    });
    expect(Number(second.ts)).toBeGreaterThan(Number(dm.ts));

    expect(await client.chat.postEphemeral({ channel: DECISIONS, user: ALICE, text: "psst" })).toMatchObject({
      ok: true,
      message_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
    });
    expect(
      (await client.chat.getPermalink({ channel: DECISIONS, message_ts: second.ts as string })).permalink,
    ).toContain("/archives/C0DECISIONS/p");
    expect(await client.chat.delete({ channel: DECISIONS, ts: second.ts as string })).toMatchObject({
      ok: true,
      ts: second.ts,
    });
    await expect(client.chat.delete({ channel: DECISIONS, ts: second.ts as string })).rejects.toSatisfy(
      (e) => platformError(e) === "message_not_found",
    );

    const opened = await client.views.open({
      trigger_id: "123.456.abc",
      view: { type: "modal", callback_id: "m", title: { type: "plain_text", text: "T" }, blocks: [] },
    });
    const viewId = opened.view?.id as string;
    const hash = opened.view?.hash as string;
    expect(
      (
        await client.views.update({
          view_id: viewId,
          hash,
          view: { type: "modal", callback_id: "m", title: { type: "plain_text", text: "T2" }, blocks: [] },
        })
      ).view?.title?.text,
    ).toBe("T2");
    await expect(
      client.views.update({
        view_id: viewId,
        hash,
        view: { type: "modal", title: { type: "plain_text", text: "T3" }, blocks: [] },
      }),
    ).rejects.toSatisfy((e) => platformError(e) === "hash_conflict");
    expect(
      (await client.views.publish({ user_id: ALICE, view: { type: "home", blocks: [] } })).view?.type,
    ).toBe("home");

    expect(
      (await client.conversations.info({ channel: DECISIONS, include_num_members: true })).channel,
    ).toMatchObject({ name: "decisions", num_members: 3, is_member: true });
    expect((await client.conversations.info({ channel: fake.dmChannelFor(ALICE) })).channel).toMatchObject({
      is_im: true,
      user: ALICE,
    });
    const page1 = await client.conversations.members({ channel: DECISIONS, limit: 2 });
    const page2 = await client.conversations.members({
      channel: DECISIONS,
      limit: 2,
      cursor: page1.response_metadata?.next_cursor as string,
    });
    expect([...(page1.members ?? []), ...(page2.members ?? [])]).toEqual([ALICE, BOB, fake.bot.userId]);
    expect((await client.conversations.open({ users: BOB })).channel?.id).toBe(fake.dmChannelFor(BOB));

    const upload = await client.apiCall("files.upload", {
      channels: DECISIONS,
      content: "minutes",
      filename: "minutes.txt",
    });
    expect(upload).toMatchObject({ ok: true, file: { name: "minutes.txt", channels: [DECISIONS] } });

    await expect(client.users.info({ user: "U0NOBODY01" })).rejects.toSatisfy(
      (e) => platformError(e) === "user_not_found",
    );

    fake.assertNoViolations();
    expect(fake.warnings).toEqual([]);
  });

  it("lets a test override one method's answer, and checks that answer too", async () => {
    fake.respondTo("chat.postMessage", { ok: false, error: "is_archived" });
    await expect(client.chat.postMessage({ channel: DECISIONS, text: "x" })).rejects.toSatisfy(
      (e) => platformError(e) === "is_archived",
    );

    fake.respondTo("chat.postMessage", () => ({ channel: "nope", ts: "soon", message: { text: "x" } }));
    await client.chat.postMessage({ channel: DECISIONS, text: "x" });
    expect(fake.violations.join("\n")).toMatch(/chat.postMessage response: \/channel must match pattern/);

    fake.respondTo("chat.postMessage", undefined);
    expect((await client.chat.postMessage({ channel: DECISIONS, text: "x" })).ok).toBe(true);
  });

  it("rate-limits with HTTP 429 + Retry-After, which WebClient honours before retrying", async () => {
    fake.rateLimit("chat.postMessage", { retryAfterSeconds: 1, times: 1 });
    const started = Date.now();
    const result = await client.chat.postMessage({ channel: DECISIONS, text: "eventually" });
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(fake.rateLimited.map((c) => c.method)).toEqual(["chat.postMessage"]);
    expect(fake.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("explains what was called when waitForCall times out", async () => {
    await client.auth.test();
    await expect(fake.waitForCall("views.open", undefined, 50)).rejects.toThrow(
      /no views.open call within 50ms[\s\S]*auth\.test/,
    );
  });

  it("pages users.list like Slack: limit, opaque cursor, include_locale; the bot and deactivated users are listed", async () => {
    // A fake of its own, so the 450 users do not leak into the other tests' workspace.
    const big = await startFakeSlack();
    try {
      const locales = ["en-US", "zh-CN", "fr-FR"];
      for (let i = 0; i < 450; i++) {
        const id = `U0MANY${String(i).padStart(5, "0")}`;
        big.addUser({
          id,
          name: `user${i}`,
          locale: locales[i % 3],
          tz: "Europe/Paris",
          deleted: i % 50 === 0,
        });
      }
      const bigClient = new WebClient("xoxb-list", { slackApiUrl: big.apiUrl, logLevel: LogLevel.ERROR });

      const pages: Array<{
        members?: Array<{ id?: string; locale?: string; deleted?: boolean; is_bot?: boolean }>;
        response_metadata?: { next_cursor?: string };
      }> = [];
      for await (const page of bigClient.paginate("users.list", { limit: 200, include_locale: true }))
        pages.push(page);
      expect(big.callsTo("users.list")).toHaveLength(3);
      expect(pages.map((p) => p.members?.length)).toEqual([200, 200, 51]);
      expect(pages.map((p) => p.response_metadata?.next_cursor === "")).toEqual([false, false, true]);
      // The cursor is what the previous page handed out, sent back unchanged.
      expect(big.callsTo("users.list").map((c) => c.params["cursor"])).toEqual([
        undefined,
        pages[0]?.response_metadata?.next_cursor,
        pages[1]?.response_metadata?.next_cursor,
      ]);

      const members = pages.flatMap((p) => p.members ?? []);
      const ids = members.map((m) => m.id);
      expect(new Set(ids).size).toBe(451);
      expect(new Set(ids)).toEqual(new Set(big.users.keys()));
      expect(members.every((m) => typeof m.locale === "string")).toBe(true);
      expect(members.find((m) => m.id === "U0MANY00001")).toMatchObject({ locale: "zh-CN", deleted: false });
      expect(members.find((m) => m.id === "U0MANY00050")).toMatchObject({ locale: "fr-FR", deleted: true });
      expect(members.find((m) => m.id === big.bot.userId)).toMatchObject({ is_bot: true });

      // No limit: 200 a page; more than 1000: 1000; no include_locale: no locale; a made-up cursor: invalid_cursor.
      const plain = await bigClient.users.list({});
      expect(plain.members).toHaveLength(200);
      expect(plain.members?.[0]?.locale).toBeUndefined();
      expect((await bigClient.users.list({ limit: 5000 })).members).toHaveLength(451);
      await expect(bigClient.users.list({ cursor: "bm90IG1pbmU=" })).rejects.toSatisfy(
        (e) => platformError(e) === "invalid_cursor",
      );

      big.assertNoViolations();
      expect(big.warnings).toEqual([]);
    } finally {
      await big.close();
    }
  });

  it("keeps chat.postMessage metadata; conversations.history lists a DM newest first, metadata only when asked", async () => {
    const metadata = {
      event_type: "lastword_delivery",
      event_payload: { key: "checkin:2026-Q4:C0DECISIONS", recipient: ALICE },
    };
    const one = await client.chat.postMessage({ channel: ALICE, text: "one", metadata });
    const dm = one.channel as string;
    expect(dm).toBe(fake.dmChannelFor(ALICE));
    // WebClient form-encodes metadata as JSON text, like blocks; the fake decodes and keeps it.
    expect(fake.callsTo("chat.postMessage")[0]?.params["metadata"]).toEqual(metadata);
    expect(fake.messagesIn(ALICE)[0]?.metadata).toEqual(metadata);
    expect(one.message?.metadata).toBeUndefined();

    await expect(
      client.chat.postMessage({ channel: dm, text: "bad", metadata: { event_type: "no_payload" } as never }),
    ).rejects.toSatisfy((e) => platformError(e) === "invalid_metadata_format");

    const two = await client.chat.postMessage({ channel: dm, text: "two" });
    await client.chat.postMessage({ channel: dm, text: "a reply", thread_ts: one.ts as string });
    const gone = await client.chat.postMessage({ channel: dm, text: "gone" });
    await client.chat.delete({ channel: dm, ts: gone.ts as string });
    const three = await client.chat.postMessage({ channel: dm, text: "three" });
    const texts = (r: { messages?: Array<{ text?: string }> }): Array<string | undefined> =>
      (r.messages ?? []).map((m) => m.text);

    const history = await client.conversations.history({ channel: dm });
    expect(texts(history)).toEqual(["three", "two", "one"]);
    expect(history).toMatchObject({
      has_more: false,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
    });
    // No cursor without more (WebClient itself adds an empty response_metadata, so look at the wire).
    expect(fake.callsTo("conversations.history")[0]?.response).not.toHaveProperty("response_metadata");
    expect(history.response_metadata?.next_cursor).toBeUndefined();
    expect(history.messages?.every((m) => m.metadata === undefined)).toBe(true);

    const withMetadata = await client.conversations.history({ channel: dm, include_all_metadata: true });
    expect(withMetadata.messages?.map((m) => m.metadata)).toEqual([undefined, undefined, metadata]);

    const first = await client.conversations.history({ channel: dm, limit: 2 });
    expect(first).toMatchObject({ has_more: true, response_metadata: { next_cursor: expect.any(String) } });
    const rest = await client.conversations.history({
      channel: dm,
      limit: 2,
      cursor: first.response_metadata?.next_cursor as string,
    });
    expect([texts(first), texts(rest), rest.has_more]).toEqual([["three", "two"], ["one"], false]);

    expect(texts(await client.conversations.history({ channel: dm, oldest: two.ts as string }))).toEqual([
      "three",
    ]);
    expect(
      texts(await client.conversations.history({ channel: dm, oldest: two.ts as string, inclusive: true })),
    ).toEqual(["three", "two"]);
    expect(
      texts(await client.conversations.history({ channel: dm, latest: three.ts as string, oldest: "0" })),
    ).toEqual(["two", "one"]);

    fake.addChannel({ id: "C0EMPTY0001", name: "empty", members: [fake.bot.userId] });
    expect(await client.conversations.history({ channel: "C0EMPTY0001" })).toMatchObject({
      ok: true,
      messages: [],
      has_more: false,
    });
    await expect(client.conversations.history({ channel: "C0NOWHERE01" })).rejects.toSatisfy(
      (e) => platformError(e) === "channel_not_found",
    );
    await expect(client.conversations.history({ channel: ALICE })).rejects.toSatisfy(
      (e) => platformError(e) === "channel_not_found",
    );

    expect(fake.callsTo("conversations.history")).toHaveLength(10);
    fake.assertNoViolations();
    // What the 2021 spec does not know yet: the metadata parameters and fields, and history's cursor.
    const unknownToTheSpec = [
      /^chat\.postMessage request: parameter "metadata" is not in the 2021 spec/,
      /^conversations\.history request: parameter "include_all_metadata" is not in the 2021 spec/,
      /^conversations\.history response: field \/messages\/\d+\/metadata is not in the 2021 spec$/,
      /^conversations\.history response: field \/response_metadata is not in the 2021 spec$/,
      /^chat\.postMessage response: error "invalid_metadata_format" is not among the 2021 spec's error codes/,
    ];
    expect(fake.warnings.filter((w) => !unknownToTheSpec.some((known) => known.test(w)))).toEqual([]);
    expect(fake.warnings).toContain(
      "conversations.history response: field /messages/2/metadata is not in the 2021 spec",
    );
  });

  it("parses JSON bodies as well as forms", async () => {
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", Authorization: "Bearer xoxb-json" },
      body: JSON.stringify({ channel: DECISIONS, text: "json", blocks: [{ type: "divider" }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: DECISIONS });
    expect(fake.calls[0]).toMatchObject({
      token: "xoxb-json",
      params: { channel: DECISIONS, blocks: [{ type: "divider" }] },
    });
  });
  it("takes a file the current way (upload URL, bytes, completion) and shares it in one message; completes a file only once its bytes came", async () => {
    const dm = (await client.conversations.open({ users: ALICE })).channel!.id!;
    await client.filesUploadV2({
      channel_id: dm,
      initial_comment: "The minutes",
      file_uploads: [
        { content: "# Minutes\n会议纪要\n", filename: "minutes.md", title: "Minutes" },
        { content: "a,b\r\n", filename: "ledger.csv", title: "Ledger" },
      ],
    });
    const files = fake.filesIn(ALICE);
    expect(files.map((f) => [f.name, f.title, f.content?.toString("utf8"), f.channels])).toEqual([
      ["minutes.md", "Minutes", "# Minutes\n会议纪要\n", [dm]],
      ["ledger.csv", "Ledger", "a,b\r\n", [dm]],
    ]);
    expect(fake.messagesIn(ALICE).at(-1)).toMatchObject({
      text: "The minutes",
      files: files.map((f) => f.id),
    });

    const pending = await client.files.getUploadURLExternal({ filename: "never.md", length: 3 });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: pending.file_id! }], channel_id: dm }),
    ).rejects.toSatisfy((e) => platformError(e) === "file_not_found");
    fake.assertNoViolations();
  });
});

describe("slack-openapi checks", () => {
  it("check an event's fields against the payload Slack describes for its type", async () => {
    const { envelope } = await driver.event(
      driver.message({ userId: ALICE, channelId: DECISIONS, text: "x", threadTs: "1700000000.000100" }),
    );
    expect(checkEventEnvelope(envelope).errors).toEqual([]);
    const event = (envelope as { event: Record<string, unknown> }).event;
    const mistyped = { ...(envelope as object), event: { ...event, ts: 1700000000.0001, hidden: "yes" } };
    expect(checkEventEnvelope(mistyped).errors).toEqual([
      "message event /event/hidden must be boolean",
      "message event /event/ts must be string",
    ]);
  });

  it("treat unknown parameters and fields as warnings, missing or mistyped ones as errors", () => {
    expect(checkRequest("views.open", { trigger_id: "1.2.3", view: { type: "modal" } })).toEqual({
      errors: [],
      warnings: [],
    });
    expect(checkRequest("views.publish", { view: { type: "home" } }).errors).toEqual([
      'missing required parameter "user_id"',
    ]);
    expect(checkRequest("conversations.members", { channel: DECISIONS, limit: "ten" }).errors).toEqual([
      'parameter "limit" must be an integer, got "ten"',
    ]);
    expect(
      checkRequest("chat.postMessage", { channel: DECISIONS, blocks: [{ text: "no type" }] }).errors,
    ).toEqual([`parameter "blocks" /0 must have required property 'type'`]);
    expect(checkRequest("conversations.open", { users: '["U1","U2"]' }).warnings[0]).toMatch(
      /looks JSON-encoded/,
    );

    const message = { type: "message", text: "hi", ts: "1700000000.000100", user: ALICE };
    const withNewField = checkResponse("chat.postMessage", {
      ok: true,
      channel: DECISIONS,
      ts: message.ts,
      message: { ...message, app_id: "A1" },
    });
    expect(withNewField).toEqual({ errors: [], warnings: ["field /message/app_id is not in the 2021 spec"] });
    expect(
      checkResponse("chat.postMessage", { ok: true, channel: DECISIONS, ts: message.ts }).errors,
    ).toEqual(["(root) must have required property 'message'"]);
    // objs_user is written as a tuple of alternatives; it is checked as anyOf, so a bare user fails.
    expect(checkResponse("users.info", { ok: true, user: { id: ALICE, name: "alice" } }).errors).toContain(
      "/user must have required property 'profile'",
    );
    // conversations.history's `messages` may be empty (the spec's minItems 1 is a flaw); nothing else is loosened.
    const emptyHistory = {
      ok: true,
      messages: [],
      has_more: false,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
    expect(checkResponse("conversations.history", emptyHistory)).toEqual({ errors: [], warnings: [] });
    expect(
      checkResponse("conversations.history", {
        ...emptyHistory,
        messages: [{ text: "no ts", type: "message" }],
      }).errors,
    ).toContain("/messages/0 must have required property 'ts'");
    const { messages: _none, ...withoutMessages } = emptyHistory;
    expect(checkResponse("conversations.history", withoutMessages).errors).toEqual([
      "(root) must have required property 'messages'",
    ]);
    expect(checkResponse("users.list", { ok: true, members: [], cache_ts: 0 }).errors).toEqual([
      "/members must NOT have fewer than 1 items",
    ]);
    expect(checkResponse("users.info", { ok: false, error: "brand_new_error" })).toEqual({
      errors: [],
      warnings: ['error "brand_new_error" is not among the 2021 spec\'s error codes of users.info'],
    });
  });
});
