import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, WORKSPACE, type TestBot, type World } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, fakeWorkspaceOfSeven, Meeting, member } from "../support/meeting.ts";

// Two replicas of the bot on one database, as behind a load balancer, with one clock the test moves.
let now = Date.parse("2026-11-23T02:00:00.000Z");
const clock = () => new Date(now);
let fake: FakeSlack;
let database: TestDatabase;
let a: TestBot;
let b: TestBot;
let meeting: Meeting;
let onB: Meeting;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  [a, b] = await Promise.all([
    startTestBot(fake, database.url, {}, { clock, autoTick: false }),
    startTestBot(fake, database.url, {}, { clock, autoTick: false }),
  ]);
  const world = (bot: TestBot): World => ({ fake, database, bot, close: async () => undefined });
  meeting = new Meeting(world(a));
  onB = new Meeting(world(b));
  await meeting.setUpRoster();
  await meeting.start(ADMIN, `decision <@${member(4)}> Merge the two township health centres`);
  Object.assign(onB, { headerTs: meeting.headerTs, sessionId: meeting.sessionId });
  await meeting.waitForTurnCall(member(4), 0);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await database?.drop();
  await fake?.close();
});

const count = async (type: string) => (await meeting.ledger()).filter((e) => e.type === type).length;

describe("two replicas on one database", () => {
  it("records exactly one of two Done presses arriving at both replicas at once", async () => {
    // The proposer presents (their turn cannot be passed), then Done reaches both replicas.
    await meeting.say(member(4), "The merger plan, and my proposal to approve it.");
    await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === member(4));
    await Promise.all([meeting.press("turn_done", member(4), 0), onB.press("turn_done", member(4), 0)]);
    await meeting.waitForEntry((e) => e.type === "turn_finished");
    await fake.waitForResponse((r) => JSON.stringify(r.body).includes("That turn is already over"));
    expect(await count("turn_finished")).toBe(1);
    await meeting.waitForTurnCall(member(7), 1);
  });

  it("settles the chair skipping while the speaker finishes: one of the two is recorded, the other is told", async () => {
    await meeting.say(member(7), "I support the merger.");
    await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === member(7));
    const skip = b.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({
        sessionId: meeting.sessionId,
        action: "skip",
        turnIndex: 1,
        userId: member(7),
      }),
      values: { reason: { value: { type: "plain_text_input", value: "Out of time" } } },
      userId: ADMIN,
    });
    const done = meeting.press("turn_done", member(7), 1);
    const [skipAnswer] = await Promise.all([skip, done]);
    await meeting.waitForTurnCall(member(6), 2);
    const ended = (await meeting.ledger()).filter(
      (e) => (e.type === "skipped" || e.type === "turn_finished") && e.payload.turnIndex === 1,
    );
    expect(ended).toHaveLength(1);
    if (ended[0]!.type === "skipped") {
      await fake.waitForResponse((r) => JSON.stringify(r.body).includes("That turn is already over"));
    } else {
      expect(skipAnswer.body).toMatchObject({
        response_action: "errors",
        errors: { reason: "That turn is already over; nothing was changed." },
      });
    }
  });

  it("carries on in the second replica after the first stops mid-session, timers included", async () => {
    await a.stop();
    // Member 6 speaks through replica B; nothing of A is running any more.
    await onB.say(member(6), "Through the other replica.");
    await onB.waitForEntry((e) => e.type === "statement" && e.actor_id === member(6));
    // Half of the ten-minute turn passes: B's scheduler sends the reminder.
    now += 5 * 60_000 + 1_000;
    await b.running.scheduler.tick();
    await onB.waitForEntry((e) => e.type === "turn_reminded" && e.payload.turnIndex === 2);
    await fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).startsWith(`<@${member(6)}>, half of your time has gone`),
    );
    // The deadline passes: the chair is asked whether to skip.
    now += 5 * 60_000;
    await b.running.scheduler.tick();
    await onB.waitForEntry((e) => e.type === "turn_timed_out" && e.payload.turnIndex === 2);
    await fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).startsWith(`<@${ADMIN}>, <@${member(6)}>'s time is up`),
    );
    // Ticking again sends nothing twice.
    await b.running.scheduler.tick();
    expect(await count("turn_reminded")).toBe(1);
    expect(await count("turn_timed_out")).toBe(1);
  });

  it("posts entries a crashed replica wrote but never showed, once, from the other replica", async () => {
    // As if a replica died between committing a Done and posting the next call: append directly.
    const { actOnSession } = await import("../../src/usecases/run-session.ts");
    const silent = { ...b.running.deps, onAppended: () => undefined };
    const outcome = await actOnSession(silent, WORKSPACE, meeting.sessionId, (at) => ({
      type: "finish",
      at,
      userId: member(6),
      turnIndex: 2,
    }));
    expect(outcome.ok).toBe(true);
    const callsFor5 = () => onB.turnCalls().filter((c) => c.userId === member(5)).length;
    expect(callsFor5()).toBe(0);
    await b.running.scheduler.tick();
    await onB.waitForTurnCall(member(5), 3);
    await b.running.scheduler.tick();
    expect(callsFor5()).toBe(1);
    fake.assertNoViolations();
  });
});

describe("a reply Slack was told we had, but whose handling never finished", () => {
  it("is recorded from the inbox by the next sweep, once", async () => {
    const turn = (await onB.ledger()).filter((e) => e.type === "turn_started").at(-1)!;
    const speaker = String(turn.payload.userId);
    const ts = fake.nextTs();
    const body = b.driver.envelope(
      b.driver.message({
        userId: speaker,
        channelId: CHANNEL,
        text: "Said just before the crash.",
        threadTs: onB.headerTs,
        ts,
      }),
    );
    // As the dead replica left it: kept in the inbox, acked, never recorded.
    await database.sql(
      "INSERT INTO inbox_event (workspace_id, event_id, body, received_at) VALUES ($1, $2, $3, now() - interval '1 minute')",
      [WORKSPACE, body.event_id, JSON.stringify(body)],
    );
    await b.running.scheduler.tick();
    const entry = await onB.waitForEntry((e) => e.type === "statement" && e.payload.messageTs === ts);
    expect(entry.actor_id).toBe(speaker);
    expect(await database.sql("SELECT * FROM inbox_event")).toEqual([]);
    // Slack retrying the same delivery later records nothing more.
    await b.driver.event(
      b.driver.message({
        userId: speaker,
        channelId: CHANNEL,
        text: "Said just before the crash.",
        threadTs: onB.headerTs,
        ts,
      }),
      { retryNum: 1, eventId: body.event_id },
    );
    await b.running.scheduler.tick();
    expect((await onB.ledger()).filter((e) => e.payload.messageTs === ts)).toHaveLength(1);
  });
});
