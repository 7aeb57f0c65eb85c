/**
 * kill -9 of the replica sending a quarter's check-in DMs, with one DM accepted by Slack whose
 * answer never reached the replica: a second replica on the same database sends the rest once
 * and does not send that one again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { quarterKey, quarterOf } from "../../src/domain/checkin/quarter.ts";
import { freePort } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack, SlackAnswer } from "../harness/fake-slack.ts";
import { CHANNEL } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, SEVEN, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import { BotProcess, botEnv, driverFor, eventually, sleep, worldOf } from "./support.ts";

let fake: FakeSlack;
let database: TestDatabase;
let first: BotProcess;
let second: BotProcess | undefined;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  // Two DMs a second, so that the kill lands in the middle of the quarter's seven.
  first = await BotProcess.start(
    botEnv(fake, database.url, { LASTWORD_DM_PER_SECOND: "2" }),
    await freePort(),
  );
  await new Meeting(worldOf(fake, database, driverFor(fake, first.port))).setUpRoster();
}, 90_000);

beforeEach(() =>
  onTestFailed(() =>
    console.error(
      `first bot:\n${first.output.slice(-3000)}\nsecond bot:\n${second?.output.slice(-3000) ?? "(not started)"}`,
    ),
  ),
);

afterAll(async () => {
  await BotProcess.stopAll();
  await database?.drop();
  await fake?.close();
});

describe("kill -9 in the middle of a quarter's check-ins", () => {
  it("sends every leader's check-in once: the rest by the other replica, the accepted-but-unrecorded one not again", async () => {
    const quarter = quarterKey(quarterOf(new Date(), "UTC"));
    const realPost = (params: Record<string, unknown>) => fake.defaultAnswer("chat.postMessage", params);
    let dms = 0;
    fake.respondTo("chat.postMessage", async (request) => {
      if (!String(request.params.channel).startsWith("U")) return realPost(request.params);
      dms += 1;
      if (dms <= 3) return realPost(request.params);
      if (dms === 4) realPost(request.params); // Slack takes it; its answer never leaves
      return new Promise<SlackAnswer>(() => undefined); // hangs until the process is killed
    });
    const driver = driverFor(fake, first.port);
    const run = await driver.command({
      command: "/lastword",
      text: `checkins run ${quarter}`,
      userId: ADMIN,
      channelId: CHANNEL,
    });
    await fake.waitForResponse((r) => r.id === run.responseUrlId, 10_000);
    await eventually("the fourth DM reaching Slack", async () => dms >= 4, 30_000);
    await sleep(300);
    await first.kill9();
    fake.respondTo("chat.postMessage", undefined);

    // The dead replica's claims run out after a minute; the new one takes them over.
    second = await BotProcess.start(
      botEnv(fake, database.url, { LASTWORD_DM_PER_SECOND: "2" }),
      await freePort(),
    );
    const dmsTo = (user: string) =>
      fake.messagesIn(user).filter((m) => JSON.stringify(m.blocks ?? []).includes(`${CHANNEL}|${quarter}`));
    await eventually(
      "every leader's check-in recorded",
      async () => {
        const rows = await database.sql<{ n: string }>(
          "SELECT count(*) AS n FROM checkin WHERE quarter = $1",
          [quarter],
        );
        return Number(rows[0]!.n) === SEVEN.length;
      },
      100_000,
      500,
    );
    for (const m of SEVEN) expect(dmsTo(m.id), m.id).toHaveLength(1);
    const rows = await database.sql<{ user_id: string; message_ts: string }>(
      "SELECT user_id, message_ts FROM checkin WHERE quarter = $1",
      [quarter],
    );
    for (const r of rows) expect(r.message_ts, r.user_id).toBe(dmsTo(r.user_id)[0]!.ts);
    // The second replica looked in the DMs the first had left mid-send before posting.
    expect(fake.callsTo("conversations.history").length).toBeGreaterThanOrEqual(1);
    fake.assertNoViolations();
  }, 150_000);
});
