/**
 * A secret ballot's form is answered only once the ballot is recorded, since the receipt is shown
 * in that answer and nowhere else. When the database cannot record it within Slack's 3 s (here a
 * writer holds the session's row for longer), the form must say the ballot was not recorded, and
 * it must not be: no receipt for a ballot that is not in the box, no ballot in the box whose
 * receipt was lost. A second submission then goes through, and the receipt can be checked while
 * the vote is still open.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFailed } from "vitest";
import { freePort } from "../../src/store/embedded-postgres.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import type { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, Meeting, member, fakeWorkspaceOfSeven } from "../support/meeting.ts";
import { BotProcess, botEnv, checkIntegrity, driverFor, holdLock, sleep, track, worldOf } from "./support.ts";

let fake: FakeSlack;
let database: TestDatabase;
let bot: BotProcess;
let driver: SlackDriver;
let meeting: Meeting;

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  bot = await BotProcess.start(botEnv(fake, database.url), await freePort());
  driver = driverFor(fake, bot.port);
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

/** What the voter sees in the form after submitting it. */
function formAnswer(body: unknown): { action: string; text: string } {
  const answer = body as { response_action?: string };
  return { action: answer.response_action ?? "", text: JSON.stringify(body) };
}

async function ballotsOf(userId: string) {
  const cast = await database.sql(
    "SELECT 1 FROM ledger_entry WHERE session_id = $1 AND type = 'ballot_cast' AND actor_id = $2",
    [meeting.sessionId, userId],
  );
  const sealed = await database.sql("SELECT 1 FROM sealed_ballot WHERE session_id = $1", [meeting.sessionId]);
  return { cast: cast.length, sealed: sealed.length };
}

/** `/lastword receipt <number> <code>` as `userId`; the private answer. */
async function checkReceipt(userId: string, code: string): Promise<string> {
  const sent = await driver.command({
    command: "/lastword",
    text: `receipt 1 ${code}`,
    userId,
    channelId: CHANNEL,
  });
  const answer = await fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return (answer.body as { text: string }).text;
}

describe("a secret ballot's form held past Slack's 3 s", () => {
  it("says the ballot was not recorded and records nothing; submitted again, it is recorded with its receipt", async () => {
    await meeting.start(ADMIN, `personnel <@${member(2)}> Appoint the head of the water bureau`);
    await meeting.completeRound([2, 7, 6, 5, 4, 3, 1].map(member));
    await meeting.openSecretBallot(member(3));

    // A writer holds the session's row for 5 s: longer than Slack waits for the form's answer.
    const release = await holdLock(database.url, "SELECT 1 FROM session WHERE id = $1 FOR UPDATE", [
      meeting.sessionId,
    ]);
    const held = Date.now();
    let first: Awaited<ReturnType<typeof track<string>>>;
    try {
      first = await track("ballot", () => meeting.submitSecretBallot(member(3), { motion: "approve" }));
      await sleep(Math.max(0, 5_000 - (Date.now() - held)));
    } finally {
      await release();
    }
    expect(first.status).toBe(200);
    expect(first.ms, "answered within Slack's 3 s").toBeLessThan(3_000);
    const refused = formAnswer(first.response!.body);
    expect(refused.action).toBe("errors");
    expect(refused.text).toContain("Your ballot was NOT recorded");
    expect(refused.text).not.toContain("receipt code");
    // Nothing half: no ballot_cast entry, nothing sealed, even once the lock is gone.
    await sleep(1_000);
    expect(await ballotsOf(member(3))).toEqual({ cast: 0, sealed: 0 });

    const second = await meeting.submitSecretBallot(member(3), { motion: "approve" });
    const recorded = formAnswer(second.body);
    expect(recorded.action).toBe("update");
    const code = recorded.text.match(/receipt code is \*([0-9A-Z-]+)\*/)![1]!;
    expect(await ballotsOf(member(3))).toEqual({ cast: 1, sealed: 1 });
    await checkIntegrity(database.sql, meeting.sessionId);

    // During the vote the receipt is not "not found": it is sealed in the box, to be counted.
    expect(await checkReceipt(member(3), code)).toContain("Your ballot is in the box of session #1, sealed");
    expect(await checkReceipt(member(3), "ZZZZ-ZZZZ-ZZ")).toContain("No ballot with that receipt");
  });
});
