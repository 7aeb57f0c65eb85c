import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { FakeWorkspaces } from "../harness/fake-workspaces.ts";
import { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL, SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { commandAnswer, installThroughOAuth, OAUTH_APP, OAUTH_ENV } from "../support/oauth.ts";

// An app with token rotation turned on: Slack's bot tokens run out (12 hours in production) and
// come with a refresh token. @slack/oauth refreshes a token in its last two hours before using
// it; here a token lives two hours and three seconds, so it needs refreshing three seconds after
// it was issued, and the fake refuses it (`token_expired`) once its lifetime is over.
const LIFETIME_SECONDS = 2 * 3600 + 3;

let workspaces: FakeWorkspaces;
let database: TestDatabase;
let bot: TestBot;
let fake: FakeSlack;
let driver: SlackDriver;
const INSTALLER = "U0ROTATEINST";
const MEMBERS = ["U0ROTATE0001", "U0ROTATE0002"];

beforeAll(async () => {
  fake = await startFakeSlack({ team: { id: "T0ROTATE0000", domain: "rotate", name: "Rotating Org" } });
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const id of [INSTALLER, ...MEMBERS]) fake.addUser({ id, name: id.toLowerCase() });
  workspaces = await FakeWorkspaces.start([fake], OAUTH_APP, { lifetimeSeconds: LIFETIME_SECONDS });
  database = await createTestDatabase();
  bot = await startTestBot(fake, database.url, { ...OAUTH_ENV, SLACK_API_URL: workspaces.apiUrl });
  const botUrl = `http://127.0.0.1:${bot.running.port}`;
  driver = new SlackDriver({
    url: `${botUrl}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: fake.team.id,
    fake,
  });
  const done = await installThroughOAuth(botUrl, workspaces, fake, INSTALLER);
  expect(done.status).toBe(200);
});
afterAll(async () => {
  await bot?.stop();
  await database?.drop();
  await workspaces?.close();
  await fake?.close();
});

const command = (user: string, name: "/lastword" | "/decide", text: string) =>
  commandAnswer(driver, fake, user, name, text);

const storedToken = async () =>
  (
    await database.sql<{ bot_token: string; bot_refresh_token: string | null; expires: Date | null }>(
      "SELECT bot_token, bot_refresh_token, bot_token_expires_at AS expires FROM installation",
    )
  )[0]!;

describe("token rotation", () => {
  it("stores the refresh token encrypted beside the bot token, with the token's expiry", async () => {
    const row = await storedToken();
    expect(row.bot_refresh_token).not.toBeNull();
    expect(row.bot_refresh_token).not.toContain("xoxe-");
    expect(row.expires!.getTime()).toBeGreaterThan(Date.now() + 2 * 3600 * 1000 - 60_000);
    expect(await command(INSTALLER, "/lastword", `roster add <@${MEMBERS[0]}|one> 1`)).toContain(MEMBERS[0]);
  });

  it("refreshes a token about to run out before using it, stores the new one, and works on with it", async () => {
    const before = await storedToken();
    const [oldToken] = workspaces.tokensOf(fake);
    // Wait (real time: @slack/oauth reads the real clock) until the token is in its last two hours.
    await new Promise((r) =>
      setTimeout(r, Math.max(0, before.expires!.getTime() - 2 * 3600_000 - Date.now() + 500)),
    );
    expect(await command(INSTALLER, "/lastword", `roster add <@${MEMBERS[1]}|two> 2`)).not.toMatch(/wrong/i);
    expect(workspaces.refreshed.length).toBeGreaterThanOrEqual(1);
    const fresh = workspaces.refreshed.at(-1)!.token;
    const after = await storedToken();
    expect(after.bot_token).not.toBe(before.bot_token);
    expect(after.bot_token).not.toContain(fresh);
    expect(after.expires!.getTime()).toBeGreaterThan(before.expires!.getTime());
    // A session's header (posted by the announcer, outside the request) goes out with the new token.
    const started = fake.calls.length;
    expect(await command(MEMBERS[0]!, "/decide", `decision <@${MEMBERS[0]}> Rotation works`)).toContain("#1");
    const header = await fake.waitForCall(
      "chat.postMessage",
      (c) => String(c.params.text).includes("Rotation works"),
      10_000,
    );
    expect(header.token).not.toBe(oldToken);
    expect(workspaces.refreshed.map((r) => r.token)).toContain(header.token);
    expect(fake.calls.slice(started).every((c) => c.token !== oldToken)).toBe(true);
    fake.assertNoViolations();
  });
});
