/**
 * Two replicas on one database under load: twenty sessions run at once, every reply and press
 * goes to either replica at random, some replies reach both (Slack's retry landing on the other
 * replica) and every Done, Pass and one vote per session is pressed on both at once.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, type TestBot, type World } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import {
  checkIntegrity,
  eventually,
  halfWrittenSessions,
  replyEvent,
  statementsPerTs,
  turnEnds,
  type Sql,
} from "./support.ts";

const SESSIONS = 20;
const ORDER = [4, 7, 6, 5, 3, 2, 1].map(member);
const CHOICES = ["approve", "approve", "reject", "approve", "abstain", "approve", "reject"] as const;

let fake: FakeSlack;
let database: TestDatabase;
let pool: pg.Pool;
let sql: Sql;
let a: TestBot;
let b: TestBot;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  sql = async (text, values) => (await pool.query(text, values)).rows;
  [a, b] = await Promise.all([
    startTestBot(fake, database.url, { LOG_LEVEL: "error" }),
    startTestBot(fake, database.url, { LOG_LEVEL: "error" }),
  ]);
  await new Meeting(worldOf(a)).setUpRoster();
}, 90_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await pool?.end();
  await database?.drop();
  await fake?.close();
});

function worldOf(bot: TestBot): World {
  return { fake, database: { ...database, sql }, bot, close: async () => undefined };
}

/** One session, seen through either replica. */
class Both {
  readonly onA = new Meeting(worldOf(a));
  readonly onB = new Meeting(worldOf(b));
  number = 0;

  any(): Meeting {
    return Math.random() < 0.5 ? this.onA : this.onB;
  }

  get sessionId() {
    return this.onA.sessionId;
  }

  async start(index: number): Promise<void> {
    const answer = await (index % 2 ? this.onB : this.onA).decide(
      ADMIN,
      `decision <@${member(4)}> Matter number ${index} under load`,
    );
    this.number = Number(answer.match(/#(\d+)/)![1]);
    const header = await fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.channel === CHANNEL &&
        !c.params.thread_ts &&
        String(c.params.text).includes(`#${this.number}:`),
      30_000,
    );
    const headerTs = String((header.response as { ts: string }).ts);
    const sessionId = await eventually(
      "session row",
      async () =>
        (await sql<{ id: string }>("SELECT id FROM session WHERE thread_ts = $1", [headerTs]))[0]?.id,
      10_000,
    );
    for (const m of [this.onA, this.onB]) Object.assign(m, { headerTs, sessionId });
  }

  async waitForTurnCall(userId: string, turnIndex: number): Promise<void> {
    await fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === this.onA.headerTs &&
        String(c.params.text).startsWith(`<@${userId}>`) &&
        JSON.stringify(c.params.blocks ?? []).includes(`${this.sessionId}|${turnIndex}`),
      30_000,
    );
  }

  async entries(type: string): Promise<Array<{ payload: Record<string, unknown>; actor_id: string | null }>> {
    return sql("SELECT payload, actor_id FROM ledger_entry WHERE session_id = $1 AND type = $2", [
      this.sessionId,
      type,
    ]);
  }

  async waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
    await eventually(`session #${this.number}: ${what}`, check, 30_000, 100);
  }

  /** The whole meeting: each turn through either replica, presses on both, then the vote. */
  async run(): Promise<void> {
    for (const [index, userId] of ORDER.entries()) {
      await this.waitForTurnCall(userId, index);
      const speaks = index % 2 === 0;
      if (speaks) {
        const first = replyEvent(a.driver, fake, this.onA.headerTs, userId, `Turn ${index}, first message.`);
        const second = replyEvent(
          a.driver,
          fake,
          this.onA.headerTs,
          userId,
          `Turn ${index}, second message.`,
        );
        const sent = await Promise.all([
          this.any().world.bot.driver.event(first.event, { eventId: first.eventId }),
          // The second reaches both replicas: Slack's retry of it landing on the other one.
          a.driver.event(second.event, { eventId: second.eventId }),
          b.driver.event(second.event, { eventId: second.eventId, retryNum: 1, retryReason: "http_timeout" }),
        ]);
        expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
        await this.waitFor(
          `statements of turn ${index}`,
          async () =>
            (await this.entries("statement")).filter((e) => e.payload.turnIndex === index).length >= 2,
        );
      }
      const action = speaks ? "turn_done" : "turn_pass";
      const presses = await Promise.all([
        this.onA.press(action, userId, index),
        this.onB.press(action, userId, index),
      ]);
      expect(presses.map((p) => p.status)).toEqual([200, 200]);
    }
    await this.waitFor("voting opened", async () => (await this.entries("voting_opened")).length === 1);
    await this.onA.voteMessage();
    for (const [i, userId] of ORDER.entries()) {
      const choice = CHOICES[i]!;
      // The principal double-clicks, on both replicas at once: the same choice records nothing more.
      const clicks =
        i === ORDER.length - 1
          ? [this.onA.vote(userId, "motion", choice), this.onB.vote(userId, "motion", choice)]
          : [this.any().vote(userId, "motion", choice)];
      for (const click of await Promise.all(clicks)) expect(click.status).toBe(200);
    }
    await this.waitFor("vote closed", async () => (await this.entries("vote_closed")).length === 1);
  }
}

describe("two replicas on one database, twenty sessions at once", () => {
  it("keeps every ledger whole: no turn ended twice, no statement twice, one vote each, every turn called once", async () => {
    const started = Date.now();
    const sessions = Array.from({ length: SESSIONS }, () => new Both());
    await Promise.all(sessions.map((s, i) => s.start(i)));
    expect(new Set(sessions.map((s) => s.number)).size).toBe(SESSIONS);
    await Promise.all(sessions.map((s) => s.run()));
    const ran = Date.now() - started;

    // Let the announcers finish what the last appends owe Slack.
    await eventually(
      "every outbox empty",
      async () => (await sql("SELECT 1 FROM session WHERE announced_seq < last_seq")).length === 0,
      20_000,
      100,
    );
    expect(await halfWrittenSessions(sql)).toEqual([]);
    for (const s of sessions) {
      const label = `session #${s.number}`;
      const { entries, events, state } = await checkIntegrity(sql, s.sessionId, label);
      expect(state.phase, label).toBe("closed");
      const ends = turnEnds(events);
      expect([...ends.keys()].sort(), `${label}: every turn ended`).toEqual([0, 1, 2, 3, 4, 5, 6]);
      for (const [index, n] of ends) expect(n, `${label}: turn ${index} ended`).toBe(1);
      const starts = events
        .filter((e) => e.type === "turn_started")
        .map((e) => (e as { turnIndex: number }).turnIndex);
      expect(starts, `${label}: turns started`).toEqual([0, 1, 2, 3, 4, 5, 6]);
      const perTs = statementsPerTs(events);
      for (const [ts, n] of perTs) expect(n, `${label}: message ${ts}`).toBe(1);
      expect(
        events.filter((e) => e.type === "statement"),
        `${label}: statements`,
      ).toHaveLength(8);
      expect(
        events.filter((e) => e.type === "out_of_turn"),
        `${label}: nothing out of turn`,
      ).toHaveLength(0);
      const votes = entries.filter((e) => e.type === "vote_cast").map((e) => e.actorId);
      expect([...votes].sort(), `${label}: one vote each`).toEqual([...ORDER].sort());
      expect(
        entries.filter((e) => e.type === "vote_closed"),
        `${label}: closed once`,
      ).toHaveLength(1);
      // Two announcers racing for one outbox still post each turn call once.
      const calls = s.onA.turnCalls();
      for (let index = 0; index < ORDER.length; index++)
        expect(
          calls.filter((c) => c.turnIndex === index),
          `${label}: calls of turn ${index}`,
        ).toHaveLength(1);
      expect(
        fake
          .callsTo("chat.postMessage")
          .filter(
            (c) => c.params.thread_ts === s.onA.headerTs && String(c.params.text).includes("*Passed.*"),
          ),
        `${label}: outcome posted once`,
      ).toHaveLength(1);
    }
    fake.assertNoViolations();
    const appended = Number((await sql<{ n: string }>("SELECT count(*) AS n FROM ledger_entry"))[0]!.n);
    console.info(
      `[two replicas] ${SESSIONS} sessions, ${appended} ledger entries, ${fake.calls.length} Slack calls, in ${ran} ms`,
    );
  }, 180_000);
});
