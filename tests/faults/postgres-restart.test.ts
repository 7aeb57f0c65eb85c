/**
 * The database goes away under a running bot and comes back on the same port: Slack's requests
 * are still answered (never left hanging past Slack's 3 s), /readyz says 503 meanwhile, no append
 * is half written, and once Postgres is back the same process records again, with the replies
 * that Slack was told we had (or that Slack delivers again) recorded exactly once.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pgLib from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, type TestBot } from "../support/bot.ts";
import type { TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import {
  checkIntegrity,
  eventually,
  halfWrittenSessions,
  replyEvent,
  sleep,
  sqlOn,
  statementsPerTs,
  track,
  turnEnds,
  type Sent,
  type Sql,
} from "./support.ts";

let dir: string;
let pg: EmbeddedDatabase;
let fake: FakeSlack;
let bot: TestBot;
let sql: Sql;
let meeting: Meeting;
let stopping: Promise<unknown> | undefined;
const pgLog = createLogger("error");

// The bot's connection pools (pg.Pool: the store's and the inbox's), to
// say what an outage did to them.
const pools = new Set<pgLib.Pool>();
const connect = pgLib.Pool.prototype.connect;
pgLib.Pool.prototype.connect = function (this: pgLib.Pool, ...args: unknown[]) {
  pools.add(this);
  return (connect as (...a: unknown[]) => unknown).apply(this, args);
} as typeof connect;
const poolStats = () =>
  [...pools]
    .filter((p) => !(p as unknown as { ending: boolean }).ending)
    .map((p) => ({ total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount }));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "lastword-faults-pg-"));
  pg = await startEmbeddedPostgres(dir, pgLog);
  fake = await fakeWorkspaceOfSeven();
  bot = await startTestBot(fake, pg.url, { LOG_LEVEL: "error" });
  sql = sqlOn(pg.url);
  const database = { url: pg.url, db: bot.running.db, sql, drop: async () => undefined } as TestDatabase;
  meeting = new Meeting({ fake, database, bot, close: async () => undefined });
  await meeting.setUpRoster();
}, 90_000);

afterAll(async () => {
  // Bounded: a stop that never finishes is what the last test is about; it must not hang the run.
  if (bot) await Promise.race([stopping ?? bot.stop(), sleep(stopping ? 1_000 : 10_000)]);
  await pg?.stop();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const status = (p: string) => fetch(`http://127.0.0.1:${bot.running.port}${p}`).then((r) => r.status);
const inboxEmpty = async () =>
  (await sql<{ n: string }>("SELECT count(*) AS n FROM inbox_event"))[0]!.n === "0";

async function restartPostgres(): Promise<void> {
  pg = await startEmbeddedPostgres(dir, pgLog, { port: pg.port });
}

/** Slack answering `method` only after `ms`; undefined restores the fake's own answer at once. */
function slow(method: string, ms: number | undefined): void {
  if (ms === undefined) return void fake.respondTo(method, undefined);
  fake.respondTo(method, async (request) => {
    await sleep(ms);
    return fake.defaultAnswer(method, request.params);
  });
}

type Reply = {
  ts: string;
  eventId: string;
  event: ReturnType<typeof replyEvent>["event"];
  userId: string;
  phase: string;
};

describe("Postgres restarted under a running bot", () => {
  it("answers every request meanwhile, writes nothing by halves, and records again when the database is back", async () => {
    await meeting.start(ADMIN, `decision <@${member(4)}> Merge the two township health centres`);
    await meeting.speak(member(4), 0);
    await meeting.waitForTurnCall(member(7), 1);
    const driver = bot.driver;

    // Traffic all along: the speaker's replies, someone else's, and button presses.
    let phase = "before";
    let running = true;
    const replies: Array<Promise<Sent<Reply>>> = [];
    const presses: Array<Promise<Sent<{ phase: string }>>> = [];
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        const userId = i % 4 === 3 ? member(3) : member(7);
        const r = replyEvent(driver, fake, meeting.headerTs, userId, `Message ${i} (${phase})`);
        replies.push(track({ ...r, userId, phase }, () => driver.event(r.event, { eventId: r.eventId })));
        // A Pass that the speaker may not give after speaking: refused, or lost with the database.
        if (i % 5 === 2) presses.push(track({ phase }, () => meeting.press("turn_pass", member(7), 1)));
        await sleep(40);
      }
    })();

    await sleep(400);
    // Requests sent before the outage are answered before it starts; those sent while it starts
    // ("stopping") may go either way.
    phase = "stopping";
    await Promise.all([...replies, ...presses]);
    phase = "down";
    await pg.stop();
    expect(await status("/readyz")).toBe(503);
    expect(await status("/healthz")).toBe(200);
    await sleep(1_500);
    expect(await status("/readyz")).toBe(503);
    expect(await status("/healthz")).toBe(200);

    phase = "back";
    await restartPostgres();
    await eventually("/readyz 200 again", async () => (await status("/readyz")) === 200, 10_000, 100);
    await sleep(400);
    running = false;
    await traffic;
    const sent = await Promise.all(replies);
    const pressed = await Promise.all(presses);

    // Every request was answered, and in time for Slack: none hung, none found the port closed.
    for (const r of [...sent, ...pressed]) {
      expect(r.status, `${JSON.stringify(r.what).slice(0, 80)}: ${r.error}`).toBeDefined();
      expect(r.ms, "answered within Slack's 3 s").toBeLessThan(3_000);
    }
    // A thread reply, and a press that changes a session, is acked only once it is kept in the
    // inbox: while the database is down Slack is told to deliver the reply again (HTTP 500), and
    // shows the person that their press failed (nothing of it recorded), rather than a 200 for a
    // press that could then be lost.
    for (const p of pressed) {
      if (p.what.phase === "before") expect(p.status, "press before the outage").toBe(200);
      else if (p.what.phase === "down") expect(p.status, "press while down").toBe(500);
      else expect([200, 500], `press while ${p.what.phase}`).toContain(p.status);
    }
    const refused = sent.filter((r) => r.status !== 200);
    for (const r of refused) expect(r.status, `reply while ${r.what.phase}`).toBe(500);
    expect(refused.length).toBeGreaterThan(5);
    expect(sent.filter((r) => r.what.phase === "before").every((r) => r.status === 200)).toBe(true);

    // Slack delivers again every reply it got no 200 for; now each is answered 200.
    for (const r of refused) {
      const again = await driver.event(r.what.event, {
        eventId: r.what.eventId,
        retryNum: 1,
        retryReason: "http_error",
      });
      expect(again.status).toBe(200);
    }
    // Replies acked but whose recording the outage cut short are in the inbox: the next sweeps
    // (after 10 s) record them.
    await eventually("inbox drained", inboxEmpty, 30_000, 250);

    const after = await checkIntegrity(sql, meeting.sessionId);
    expect(await halfWrittenSessions(sql)).toEqual([]);
    for (const r of sent) {
      const n = after.entries.filter((e) => e.dedupeKey === `msg:${CHANNEL}:${r.what.ts}`).length;
      expect(n, `reply ${r.what.ts} sent while ${r.what.phase} (HTTP ${r.status})`).toBe(1);
    }
    for (const [ts, n] of statementsPerTs(after.events)) expect(n, `message ${ts}`).toBe(1);
    for (const [index, n] of turnEnds(after.events)) expect(n, `turn ${index}`).toBe(1);
    console.info(
      `[postgres restart] ${sent.length} replies (${refused.length} answered 500 while down, then redelivered), ${pressed.length} presses; ` +
        `slowest answer ${Math.max(...[...sent, ...pressed].map((r) => r.ms))} ms; ${after.entries.length} entries; pool ${JSON.stringify(poolStats())}`,
    );

    // The same process, never restarted, goes on: Done ends the turn and the next one is called.
    await meeting.press("turn_done", member(7), 1);
    await meeting.waitForEntry((e) => e.type === "turn_finished" && e.payload.turnIndex === 1);
    await meeting.waitForEntry((e) => e.type === "turn_started" && e.payload.turnIndex === 2);
    // Shown in Slack too, eventually: if the outage cut an announcement short, the outbox's claim
    // runs out after its 30 s lease (how soon is the next test's concern).
    await fake.waitForCall(
      "chat.postMessage",
      (c) => JSON.stringify(c.params.blocks ?? []).includes(`${meeting.sessionId}|2`),
      40_000,
    );
    await checkIntegrity(sql, meeting.sessionId);
  }, 90_000);

  it("shows at once what it records after the database is back, even if the outage cut an announcement short", async () => {
    const { state } = await checkIntegrity(sql, meeting.sessionId);
    const current = state.current!;
    await meeting.waitForTurnCall(current.userId, current.index);
    // Slack is slow to answer, so that the announcer is in the middle of posting (holding the
    // session's outbox claim) when the database goes away.
    slow("chat.postEphemeral", 1_000);
    const outOfTurn = replyEvent(
      bot.driver,
      fake,
      meeting.headerTs,
      member(3),
      "Out of turn, just before the outage.",
    );
    expect((await bot.driver.event(outOfTurn.event, { eventId: outOfTurn.eventId })).status).toBe(200);
    await eventually(
      "the announcer holds the outbox claim",
      async () =>
        (await sql("SELECT 1 FROM session WHERE id = $1 AND announce_by IS NOT NULL", [meeting.sessionId]))
          .length > 0,
      5_000,
      10,
    );
    await pg.stop();
    await sleep(1_500); // the slow post returns meanwhile, and marking it shown fails
    await restartPostgres();
    await eventually("/readyz 200 again", async () => (await status("/readyz")) === 200, 10_000, 100);
    slow("chat.postEphemeral", undefined);

    // The speaker passes: recorded at once, and the next speaker should be called at once, as
    // before the outage (every append kicks the announcer, and the scheduler sweeps each second).
    expect((await meeting.press("turn_pass", current.userId, current.index)).status).toBe(200);
    const next = await meeting.waitForEntry(
      (e) => e.type === "turn_started" && e.payload.turnIndex === current.index + 1,
    );
    const claim = await sql("SELECT announce_by, announce_until, now() AS now FROM session WHERE id = $1", [
      meeting.sessionId,
    ]);
    const called = await fake
      .waitForCall(
        "chat.postMessage",
        (c) => JSON.stringify(c.params.blocks ?? []).includes(`${meeting.sessionId}|${current.index + 1}`),
        5_000,
      )
      .then(() => true)
      .catch(() => false);
    expect(
      called,
      `turn ${current.index + 1} of <@${String(next.payload.userId)}> recorded but not called within 5 s; the outbox claim after the outage: ${JSON.stringify(claim)}`,
    ).toBe(true);
  }, 60_000);

  it("gets its whole connection pool back after an outage that cut open transactions, and can still stop", async () => {
    const { state } = await checkIntegrity(sql, meeting.sessionId);
    const speaker = state.current!.userId;
    // Someone holds the session's row lock (a slow transaction, a DBA), so that the bot's appends
    // wait inside their transactions, each on a pooled connection, when the database goes away.
    const locker = new pgLib.Client({ connectionString: pg.url });
    await locker.connect();
    locker.on("error", () => undefined); // it is cut by the shutdown too
    await locker.query("BEGIN");
    await locker.query("SELECT 1 FROM session WHERE id = $1 FOR UPDATE", [meeting.sessionId]);
    // More replies than the ledger's pool has connections: each append waits on the lock inside
    // its transaction, holding a connection. (Should an ack miss Slack's 3 s, Bolt answers 404
    // and Slack delivers the reply again, below.)
    const queued = Array.from({ length: 12 }, (_, i) =>
      replyEvent(bot.driver, fake, meeting.headerTs, speaker, `Queued ${i}`),
    );
    const acks = Promise.all(
      queued.map((r) => bot.driver.event(r.event, { eventId: r.eventId }).then((a) => a.status)),
    );
    await eventually(
      "the bot's appends waiting on the lock",
      async () =>
        Number(
          (
            await sql<{ n: string }>(
              "SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
            )
          )[0]!.n,
        ) >= 3,
      5_000,
      20,
    );
    await sleep(200);
    const during = poolStats();
    await pg.stop();
    await sleep(500);
    await restartPostgres();

    // Back to normal: ready, records a new reply, every acked reply recorded from the inbox.
    const ready = await eventually(
      "/readyz 200 again",
      async () => (await status("/readyz")) === 200,
      10_000,
      100,
    ).catch((err: unknown) => err);
    const pool = poolStats();
    expect(
      ready,
      `/readyz after the outage; pool while the appends waited: ${JSON.stringify(during)}, after: ${JSON.stringify(pool)}`,
    ).toBe(true);
    const statuses = await acks;
    for (const s of statuses) expect([200, 404, 500]).toContain(s);
    for (const [i, r] of queued.entries()) {
      if (statuses[i] !== 200)
        expect(
          (await bot.driver.event(r.event, { eventId: r.eventId, retryNum: 1, retryReason: "http_error" }))
            .status,
        ).toBe(200);
    }
    const fresh = replyEvent(bot.driver, fake, meeting.headerTs, speaker, "After the outage.");
    expect((await bot.driver.event(fresh.event, { eventId: fresh.eventId })).status).toBe(200);
    await meeting.waitForEntry((e) => e.payload.messageTs === fresh.ts, 10_000);
    await eventually("inbox drained", inboxEmpty, 30_000, 250);
    const after = await checkIntegrity(sql, meeting.sessionId);
    for (const r of queued)
      expect(
        after.entries.filter((e) => e.dedupeKey === `msg:${CHANNEL}:${r.ts}`),
        `reply ${r.ts}`,
      ).toHaveLength(1);
    // No connection is left checked out for good: the process stops (SIGTERM runs this) in time.
    stopping = bot.stop();
    const stopped = await Promise.race([stopping.then(() => true), sleep(10_000).then(() => false)]);
    expect(stopped, `running.stop() did not finish within 10 s; pool: ${JSON.stringify(poolStats())}`).toBe(
      true,
    );
  }, 90_000);
});
