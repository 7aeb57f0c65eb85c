/**
 * kill -9 right after Slack was answered for a press or a command, before its work was recorded:
 * the inbox kept it before the ack, and the next process records it (or tells the person why it no
 * longer can). The work is held back by a lock on the row it needs (the session's, or the team's
 * for a new session), so the kill lands between the ack and the record every time.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { freePort } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import type { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import { BotProcess, botEnv, checkIntegrity, driverFor, eventually, holdLock, worldOf } from "./support.ts";

let fake: FakeSlack;
let database: TestDatabase;
let port: number;
let bot: BotProcess;
let driver: SlackDriver;
let meeting: Meeting;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  port = await freePort();
  bot = await BotProcess.start(botEnv(fake, database.url), port);
  driver = driverFor(fake, port);
  meeting = new Meeting(worldOf(fake, database, driver));
  await meeting.setUpRoster();
}, 90_000);

beforeEach(() =>
  onTestFailed(() => console.error(`bot output (last 4000 characters):\n${bot.output.slice(-4000)}`)),
);

afterAll(async () => {
  await BotProcess.stopAll();
  await database?.drop();
  await fake?.close();
});

const lockSession = () =>
  holdLock(database.url, "SELECT 1 FROM session WHERE id = $1 FOR UPDATE", [meeting.sessionId]);

const inboxRows = async () =>
  Number((await database.sql<{ n: string }>("SELECT count(*) AS n FROM inbox_event"))[0]!.n);

/**
 * Sends `requests` while the lock is held, checks each was answered 200 and is in the inbox, kills
 * the bot, lets the lock go and starts a new process on the same database.
 */
async function ackedThenKilled(
  lock: () => Promise<() => Promise<void>>,
  requests: Array<() => Promise<{ status: number }>>,
): Promise<void> {
  const release = await lock();
  try {
    for (const request of requests) expect((await request()).status).toBe(200);
    // The work is waiting for the lock; what Slack was told it received is in the database.
    expect(await inboxRows()).toBe(requests.length);
    await bot.kill9();
  } finally {
    await release();
  }
  bot = await BotProcess.start(botEnv(fake, database.url), port);
}

/** The inbox's sweep takes what is ten seconds old; on a busy machine, give it time. */
const SWEPT = 40_000;

async function ledger() {
  return database.sql<{
    type: string;
    actor_id: string | null;
    dedupe_key: string | null;
    payload: Record<string, unknown>;
  }>("SELECT type, actor_id, dedupe_key, payload FROM ledger_entry WHERE session_id = $1 ORDER BY seq", [
    meeting.sessionId,
  ]);
}

const ephemeralTo = (userId: string, text: string) =>
  fake.calls.filter(
    (c) =>
      c.method === "chat.postEphemeral" && c.params.user === userId && String(c.params.text).includes(text),
  );

describe("kill -9 right after the ack", () => {
  const ORDER = [2, 7, 6, 5, 4, 3, 1].map(member);

  it("Pass, pressed twice and acknowledged twice: recorded once after the restart, and the second press is answered privately", async () => {
    await meeting.start(ADMIN, `decision <@${member(2)}> Repair the county bridge`);
    // The proposer presents (their turn cannot be passed); the next speaker passes.
    await meeting.speak(ORDER[0]!, 0);
    await meeting.waitForTurnCall(ORDER[1]!, 1);
    await ackedThenKilled(lockSession, [
      () => meeting.press("turn_pass", ORDER[1]!, 1),
      () => meeting.press("turn_pass", ORDER[1]!, 1),
    ]);
    await eventually("the press recorded", async () => (await inboxRows()) === 0, SWEPT, 200);
    const passes = (await ledger()).filter((e) => e.type === "passed" && e.payload.turnIndex === 1);
    expect(passes).toHaveLength(1);
    expect(passes[0]!.dedupe_key).toMatch(/^press:/);
    await meeting.waitForTurnCall(ORDER[2]!, 2);
    // The second press could no longer be recorded (the turn had ended): said in the thread, to them alone.
    await eventually("the second press answered", async () => ephemeralTo(ORDER[1]!, "").length > 0, 10_000);
    const [told] = ephemeralTo(ORDER[1]!, "");
    expect(told!.params.channel).toBe(CHANNEL);
    expect(told!.params.thread_ts).toBe(meeting.headerTs);
    await checkIntegrity(database.sql, meeting.sessionId);
  });

  it("Resume: recorded after the restart", async () => {
    await meeting.submitReason(ADMIN, "pause", "The auditor is on the phone");
    await meeting.waitForEntry((e) => e.type === "paused");
    await ackedThenKilled(lockSession, [
      () =>
        driver.blockAction({
          actionId: "session_chair_menu",
          value: "",
          selectedOption: `${meeting.sessionId}|resume`,
          userId: ADMIN,
          channelId: CHANNEL,
          messageTs: meeting.headerTs,
        }),
    ]);
    await eventually("the resume recorded", async () => (await inboxRows()) === 0, SWEPT, 200);
    const resumed = (await ledger()).filter((e) => e.type === "resumed");
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.actor_id).toBe(ADMIN);
    await fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.thread_ts === meeting.headerTs && String(c.params.text).includes("resumed the session"),
      10_000,
    );
    await checkIntegrity(database.sql, meeting.sessionId);
  });

  it("a named vote: recorded after the restart, and the voter is told it was", async () => {
    // Everyone left passes; the principal concludes.
    for (const [index, userId] of ORDER.entries()) {
      if (index <= 1) continue;
      await meeting.waitForTurnCall(userId, index);
      if (index === ORDER.length - 1) {
        await meeting.say(userId, "We go ahead.");
        await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === userId);
        await meeting.press("turn_done", userId, index);
      } else await meeting.press("turn_pass", userId, index);
    }
    await meeting.waitForEntry((e) => e.type === "voting_opened");
    await meeting.voteMessage();
    await ackedThenKilled(lockSession, [() => meeting.vote(member(3), "motion", "approve")]);
    await eventually("the vote recorded", async () => (await inboxRows()) === 0, SWEPT, 200);
    const votes = (await ledger()).filter((e) => e.type === "vote_cast" && e.actor_id === member(3));
    expect(votes).toHaveLength(1);
    expect(votes[0]!.payload.choice).toBe("approve");
    await eventually(
      "the voter told",
      async () => ephemeralTo(member(3), "you voted *Approve* on the motion").length === 1,
      10_000,
    );
    await checkIntegrity(database.sql, meeting.sessionId);
  });

  it("/decide: the session is started once after the restart, and its header posted", async () => {
    const sessionsBefore = (await database.sql("SELECT 1 FROM session")).length;
    await ackedThenKilled(
      () => holdLock(database.url, "SELECT 1 FROM team WHERE channel_id = $1 FOR UPDATE", [CHANNEL]),
      [
        () =>
          driver.command({
            command: "/decide",
            text: `project <@${member(3)}> Pave the road to the school`,
            userId: ADMIN,
            channelId: CHANNEL,
          }),
      ],
    );
    await eventually("the command recorded", async () => (await inboxRows()) === 0, SWEPT, 200);
    const sessions = await database.sql<{ id: string; number: number }>(
      "SELECT id, number FROM session ORDER BY number",
    );
    expect(sessions).toHaveLength(sessionsBefore + 1);
    const started = sessions.at(-1)!;
    const [first] = await database.sql<{ dedupe_key: string }>(
      "SELECT dedupe_key FROM ledger_entry WHERE session_id = $1 AND seq = 1",
      [started.id],
    );
    expect(first!.dedupe_key).toMatch(/^command:/);
    await fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.channel === CHANNEL &&
        !c.params.thread_ts &&
        String(c.params.text).includes(`#${started.number}:`),
      10_000,
    );
    await eventually(
      "the chair told",
      async () => ephemeralTo(ADMIN, `Session #${started.number} started`).length === 1,
      10_000,
    );
    await checkIntegrity(database.sql, started.id);
  });
});
