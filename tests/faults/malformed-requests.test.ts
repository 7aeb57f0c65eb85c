/**
 * A flood of malformed requests at the bot's real process: bad and stale signatures, bodies that
 * are not JSON, payload and event types nobody handles, megabyte texts, button values and form
 * metadata that are not ours. Each gets the status Bolt gives it, the process stays up, /healthz
 * answers 200 throughout, and nothing reaches the database.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { signRequest, type SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL, SIGNING_SECRET } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import {
  BotProcess,
  botEnv,
  checkIntegrity,
  driverFor,
  eventually,
  replyEvent,
  sleep,
  worldOf,
} from "./support.ts";

let fake: FakeSlack;
let database: TestDatabase;
let bot: BotProcess;
let driver: SlackDriver;
let meeting: Meeting;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  const port = await freePort();
  bot = await BotProcess.start(botEnv(fake, database.url), port);
  driver = driverFor(fake, port);
  meeting = new Meeting(worldOf(fake, database, driver));
  await meeting.setUpRoster();
  await meeting.start(ADMIN, `decision <@${member(4)}> Merge the two township health centres`);
  await meeting.waitForTurnCall(member(4), 0);
}, 90_000);

afterAll(async () => {
  await BotProcess.stopAll();
  await database?.drop();
  await fake?.close();
});

const MEGABYTE = "x".repeat(1024 * 1024);
const now = () => Math.floor(Date.now() / 1000);

interface Case {
  name: string;
  send: () => Promise<{ status: number; text: string }>;
  /** What the bot must answer. */
  expect: number;
  /** It answers something else today: checked on its own in a test of its own (see below). */
  bug?: true;
}

/** A body signed correctly, sent with the given content type. */
function signed(body: string, contentType: string, timestamp = now()) {
  return driver.raw(body, { "Content-Type": contentType, ...signRequest(SIGNING_SECRET, body, timestamp) });
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const json = (value: unknown) => JSON.stringify(value);

function cases(): Case[] {
  const reply = replyEvent(driver, fake, meeting.headerTs, member(4), "A perfectly good reply.");
  const goodEvent = json(driver.envelope(reply.event, reply.eventId));
  const commandBody = driver.commandBody({
    command: "/decide",
    text: `decision <@${member(4)}> A matter`,
    userId: ADMIN,
    channelId: CHANNEL,
  }).body;
  const blockAction = (actionId: string, value: string) => ({
    type: "block_actions",
    user: { id: member(4), username: "member4", name: "member4", team_id: "T0LASTWORD" },
    api_app_id: fake.bot.appId,
    token: "legacy",
    team: { id: "T0LASTWORD", domain: "lastword-test" },
    trigger_id: "1.2.abc",
    channel: { id: CHANNEL, name: "leadership" },
    container: { type: "message", message_ts: meeting.headerTs, channel_id: CHANNEL, is_ephemeral: false },
    message: { type: "message", ts: meeting.headerTs, text: "", blocks: [] },
    response_url: fake.responseUrl(`malformed-${randomUUID()}`),
    actions: [{ action_id: actionId, block_id: "b1", type: "button", value, action_ts: "1.2" }],
  });
  const values = {
    secret_ballot: { q_motion: { choice: { type: "radio_buttons", selected_option: { value: "approve" } } } },
    session_reason: { reason: { value: { type: "plain_text_input", value: "why" } } },
    decide_start: {
      matter: { value: { type: "plain_text_input", value: "A matter" } },
      category: { value: { type: "static_select", selected_option: { value: "decision" } } },
      proposer: { value: { type: "users_select", selected_user: member(4) } },
    },
  } as Record<string, unknown>;
  const view = (callbackId: string, privateMetadata: string) => ({
    type: "view_submission",
    team: { id: "T0LASTWORD", domain: "lastword-test" },
    user: { id: member(4), username: "member4", name: "member4", team_id: "T0LASTWORD" },
    api_app_id: fake.bot.appId,
    token: "legacy",
    trigger_id: "1.2.abc",
    view: {
      id: "V0MALFORMED",
      team_id: "T0LASTWORD",
      type: "modal",
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values: values[callbackId] ?? {} },
      hash: "1.abc",
    },
    response_urls: [],
  });
  const payload = (p: unknown) => signed(form({ payload: json(p) }), "application/x-www-form-urlencoded");
  const event = (e: Record<string, unknown>) =>
    signed(json({ ...driver.envelope({ type: "message" }), event: e }), "application/json");
  const envelopeWith = (changes: Record<string, unknown>) =>
    signed(json({ ...driver.envelope(reply.event), ...changes }), "application/json");

  return [
    // Signatures: Bolt refuses before reading anything.
    {
      name: "signed with the wrong secret",
      send: () =>
        driver.raw(goodEvent, {
          "Content-Type": "application/json",
          ...signRequest("not-the-secret", goodEvent),
        }),
      expect: 401,
    },
    {
      name: "signature of another body",
      send: () =>
        driver.raw(goodEvent, {
          "Content-Type": "application/json",
          ...signRequest(SIGNING_SECRET, `${goodEvent} `),
        }),
      expect: 401,
    },
    {
      name: "garbage signature header",
      send: () =>
        driver.raw(goodEvent, {
          "Content-Type": "application/json",
          "X-Slack-Request-Timestamp": String(now()),
          "X-Slack-Signature": "v0=zzzz",
        }),
      expect: 401,
    },
    {
      name: "no signature headers",
      send: () => driver.raw(goodEvent, { "Content-Type": "application/json" }),
      expect: 401,
    },
    {
      name: "timestamp not a number",
      send: () =>
        driver.raw(goodEvent, {
          "Content-Type": "application/json",
          "X-Slack-Request-Timestamp": "yesterday",
          "X-Slack-Signature": signRequest(SIGNING_SECRET, goodEvent)["X-Slack-Signature"],
        }),
      expect: 401,
    },
    {
      name: "stale timestamp (10 minutes), correctly signed",
      send: () => signed(goodEvent, "application/json", now() - 600),
      expect: 401,
    },
    {
      name: "stale slash command",
      send: () => signed(commandBody, "application/x-www-form-urlencoded", now() - 3600),
      expect: 401,
    },
    // Bodies that do not parse: 400.
    {
      name: "truncated JSON event",
      send: () => signed(goodEvent.slice(0, goodEvent.length / 2), "application/json"),
      expect: 400,
    },
    {
      name: "binary garbage as JSON",
      send: () => signed("\u0000\u0001\u0002{{{", "application/json"),
      expect: 400,
    },
    {
      name: "payload that is not JSON",
      send: () => signed(form({ payload: "{not json" }), "application/x-www-form-urlencoded"),
      expect: 400,
    },
    {
      name: "payload truncated",
      send: () =>
        signed(
          form({ payload: json(blockAction("turn_done", "x")).slice(0, 100) }),
          "application/x-www-form-urlencoded",
        ),
      expect: 400,
    },
    // Nothing to handle it: Bolt never acks, and answers 404 after its 3 s.
    {
      name: "unknown payload type",
      send: () => payload({ type: "mystery", team: { id: "T0LASTWORD" }, user: { id: member(4) } }),
      expect: 404,
    },
    {
      name: "form with neither payload nor command",
      send: () => signed(form({ foo: "bar" }), "application/x-www-form-urlencoded"),
      expect: 404,
    },
    { name: "unknown action_id", send: () => payload(blockAction("not_our_button", "x")), expect: 404 },
    {
      name: "view submission with an unknown callback_id",
      send: () => payload(view("not_our_form", "{}")),
      expect: 404,
    },
    {
      name: "unknown slash command",
      send: () =>
        signed(
          driver.commandBody({ command: "/unknown", text: "hi", userId: ADMIN, channelId: CHANNEL }).body,
          "application/x-www-form-urlencoded",
        ),
      expect: 404,
    },
    // Events are acked whatever they hold.
    {
      name: "unknown event type",
      send: () =>
        event({
          type: "reaction_added",
          user: member(4),
          reaction: "thumbsup",
          item: { type: "message", channel: CHANNEL, ts: meeting.headerTs },
          event_ts: "1.2",
        }),
      expect: 200,
    },
    {
      name: "thread message with no user",
      send: () =>
        event({
          type: "message",
          channel: CHANNEL,
          text: "who said this?",
          ts: fake.nextTs(),
          thread_ts: meeting.headerTs,
        }),
      expect: 200,
    },
    {
      name: "thread message from a bot",
      send: () =>
        event({
          type: "message",
          channel: CHANNEL,
          user: member(4),
          bot_id: "B0OTHER",
          text: "beep",
          ts: fake.nextTs(),
          thread_ts: meeting.headerTs,
        }),
      expect: 200,
    },
    {
      name: "message_changed of a message we never saw",
      send: () =>
        event({
          type: "message",
          subtype: "message_changed",
          channel: CHANNEL,
          message: { user: member(4), text: "edited", ts: "1000000000.000001", thread_ts: "999.999" },
          event_ts: fake.nextTs(),
        }),
      expect: 200,
    },
    { name: "event_callback with no team_id", send: () => envelopeWith({ team_id: undefined }), expect: 200 },
    {
      name: "event_callback for another workspace",
      send: () => envelopeWith({ team_id: "T0SOMEONEELSE" }),
      expect: 200,
    },
    // Not something Slack sends: Bolt's own code throws on it ("Cannot use 'in' operator"), so 500.
    { name: "event that is not an object", send: () => envelopeWith({ event: "message" }), expect: 500 },
    // Interactions that are not ours: acked, logged, nothing recorded.
    {
      name: "Done with a value that is not ours",
      send: () => payload(blockAction("turn_done", "not-ours")),
      expect: 200,
    },
    {
      name: "Done on a session that does not exist",
      send: () => payload(blockAction("turn_done", `${randomUUID()}|0`)),
      expect: 200,
    },
    {
      name: "Done on this session with a huge turn index",
      send: () => payload(blockAction("turn_done", `${meeting.sessionId}|99999999999999999999`)),
      expect: 200,
    },
    {
      name: "vote button with a value that is not ours",
      send: () => payload(blockAction("vote_choice_approve", "garbage")),
      expect: 200,
    },
    {
      name: "vote button with an unknown choice",
      send: () => payload(blockAction("vote_choice_maybe", `${meeting.sessionId}|motion|maybe`)),
      expect: 200,
    },
    {
      name: "secret-ballot button with a value that is not a session",
      send: () => payload(blockAction("vote_secret", "garbage")),
      expect: 200,
    },
    {
      name: "secret ballot with private_metadata that is not a session",
      send: () => payload(view("secret_ballot", json({ sessionId: "garbage" }))),
      expect: 200,
    },
    {
      name: "reason form with private_metadata that is not a session",
      send: () =>
        payload(view("session_reason", json({ sessionId: "garbage", action: "skip", userId: member(4) }))),
      expect: 200,
    },
    {
      name: "decide form with private_metadata that is not a channel",
      send: () => payload(view("decide_start", json({ channelId: "" }))),
      expect: 200,
    },
    // Meant to be logged and acked like the three above; JSON.parse throws first, so Bolt answers 500.
    {
      name: "secret ballot with garbage private_metadata",
      send: () => payload(view("secret_ballot", "{garbage")),
      expect: 200,
      bug: true,
    },
    {
      name: "reason form with garbage private_metadata",
      send: () => payload(view("session_reason", "not json at all")),
      expect: 200,
      bug: true,
    },
    {
      name: "decide form with garbage private_metadata",
      send: () => payload(view("decide_start", "}{")),
      expect: 200,
      bug: true,
    },
    // Megabytes: a reply and a slash command far beyond what Slack sends (40 000 and 4 000 characters).
    {
      name: "1 MB slash command",
      send: () =>
        signed(
          driver.commandBody({
            command: "/decide",
            text: `decision <@${member(4)}> ${MEGABYTE}`,
            userId: ADMIN,
            channelId: CHANNEL,
          }).body,
          "application/x-www-form-urlencoded",
        ),
      expect: 200,
    },
    {
      name: "1 MB /lastword command",
      send: () =>
        signed(
          driver.commandBody({
            command: "/lastword",
            text: `roster add <@${member(5)}> 9 ${MEGABYTE}`,
            userId: ADMIN,
            channelId: CHANNEL,
          }).body,
          "application/x-www-form-urlencoded",
        ),
      expect: 200,
    },
    {
      name: "5 MB body (over Bolt's 4 MB limit)",
      send: () =>
        signed(json({ ...driver.envelope(reply.event), pad: MEGABYTE.repeat(5) }), "application/json"),
      expect: 413,
    },
  ];
}

/** Row counts of every table a request could write to. */
async function counts() {
  const tables = [
    "ledger_entry",
    "session",
    "inbox_event",
    "member",
    "team",
    "team_admin",
    "sealed_ballot",
    "ballot_receipt",
  ];
  // Session timers only: the check-in planner may schedule its own jobs at any time.
  const rows = await database.sql<Record<string, string>>(
    `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(", ")}, (SELECT count(*) FROM job WHERE key LIKE 'session:%') AS session_jobs`,
  );
  return rows[0]!;
}

describe("a flood of malformed requests", () => {
  it("answers each with Bolt's status, records nothing, and stays up with /healthz 200 throughout", async () => {
    await sleep(1_500); // let the start of the session settle (its jobs, its announcements)
    const before = await counts();
    const health: number[] = [];
    let flooding = true;
    const probe = (async () => {
      while (flooding) {
        health.push(
          await fetch(`http://127.0.0.1:${bot.port}/healthz`)
            .then((r) => r.status)
            .catch(() => 0),
        );
        await sleep(100);
      }
    })();

    // Three waves of every case at once.
    const all = [...cases(), ...cases(), ...cases()];
    const answers = await Promise.all(
      all.map(async (c) => ({
        c,
        r: await c.send().catch((err: unknown) => ({ status: -1, text: String(err) })),
      })),
    );
    flooding = false;
    await probe;

    const wrong = answers
      .filter(({ c, r }) => !c.bug && r.status !== c.expect)
      .map(({ c, r }) => `${c.name}: expected ${c.expect}, got ${r.status} ${r.text.slice(0, 80)}`);
    expect(wrong).toEqual([]);
    expect(bot.alive, bot.output).toBe(true);
    expect(health.length).toBeGreaterThan(10);
    expect(
      health.every((s) => s === 200),
      `healthz: ${health.join(",")}`,
    ).toBe(true);
    expect((await fetch(`http://127.0.0.1:${bot.port}/readyz`)).status).toBe(200);

    // Nothing was written: give the acked work and a sweep time to (not) happen.
    await sleep(2_000);
    expect(await counts()).toEqual(before);
    const { entries } = await checkIntegrity(database.sql, meeting.sessionId);
    expect(entries.map((e) => e.type)).toEqual(["started", "turn_started"]);
    fake.assertNoViolations();

    // Still doing its job: a real reply is recorded.
    const { ts } = await meeting.say(member(4), "Still listening?");
    await meeting.waitForEntry((e) => e.type === "statement" && e.payload.messageTs === ts);
  }, 60_000);

  it("acks a form submission whose private_metadata is not JSON, as it does one whose metadata is not a session (no 500)", async () => {
    const before = await counts();
    const answers = [];
    for (const c of cases().filter((c) => c.bug)) answers.push(`${c.name}: ${(await c.send()).status}`);
    expect(bot.alive).toBe(true);
    expect(await counts()).toEqual(before);
    expect(answers).toEqual(
      cases()
        .filter((c) => c.bug)
        .map((c) => `${c.name}: ${c.expect}`),
    );
  }, 30_000);

  it("does not record a 1 MB thread reply (Slack never sends more than 40 000 characters)", async () => {
    const before = await counts();
    const { ts } = await meeting.say(member(4), MEGABYTE);
    await sleep(2_000);
    const stored = await database.sql<{ n: number }>(
      "SELECT length(payload->>'text') AS n FROM ledger_entry WHERE session_id = $1 AND payload->>'messageTs' = $2",
      [meeting.sessionId, ts],
    );
    expect(bot.alive).toBe(true);
    expect(stored, "a statement of a million characters is on the ledger").toEqual([]);
    await eventually(
      "inbox drained",
      async () => (await counts()).inbox_event === before.inbox_event,
      15_000,
      200,
    );
    expect(await counts()).toEqual(before);
  }, 30_000);
});
