import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { FakeWorkspaces } from "../harness/fake-workspaces.ts";
import { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL, SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { commandAnswer, installThroughOAuth, OAUTH_APP, OAUTH_ENV } from "../support/oauth.ts";

// An Enterprise Grid organisation installs Lastword once for all its workspaces (an org-wide
// install). Slack then names the organisation, not a workspace, in the installation; requests from
// each workspace carry both ids. The installation is keyed by the organisation, as Slack documents,
// and the workspace's scheduled work finds the organisation's token.
let now = Date.parse("2026-12-20T00:00:00Z");
const clock = () => new Date(now);
const ORG = { id: "E0GRID00001", name: "Provincial Government" };
const WORKSPACE = "T0GRIDWS0001";
const INSTALLER = "U0GRIDADMIN";
const MEMBERS = ["U0GRIDMEM01", "U0GRIDMEM02", "U0GRIDMEM03"];

let workspaces: FakeWorkspaces;
let database: TestDatabase;
let bot: TestBot;
let fake: FakeSlack;
let driver: SlackDriver;

beforeAll(async () => {
  fake = await startFakeSlack({ team: { id: WORKSPACE, domain: "grid-finance", name: "Finance Bureau" } });
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const id of [INSTALLER, ...MEMBERS]) fake.addUser({ id, name: id.toLowerCase(), tz: "Asia/Shanghai" });
  workspaces = await FakeWorkspaces.start([fake], OAUTH_APP);
  database = await createTestDatabase();
  bot = await startTestBot(
    fake,
    database.url,
    { ...OAUTH_ENV, SLACK_API_URL: workspaces.apiUrl, LASTWORD_DEFAULT_TIMEZONE: "Asia/Shanghai" },
    { clock, autoTick: false },
  );
  const botUrl = `http://127.0.0.1:${bot.running.port}`;
  driver = new SlackDriver({
    url: `${botUrl}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: WORKSPACE,
    fake,
    enterprise: ORG,
  });
});
afterAll(async () => {
  await bot?.stop();
  await database?.drop();
  await workspaces?.close();
  await fake?.close();
});

const command = (user: string, name: "/lastword" | "/decide", text: string) =>
  commandAnswer(driver, fake, user, name, text);

describe("an org-wide install on Enterprise Grid", () => {
  it("stores the installation under the organisation's id, with no workspace of its own", async () => {
    const done = await installThroughOAuth(
      `http://127.0.0.1:${bot.running.port}`,
      workspaces,
      fake,
      INSTALLER,
      ORG,
    );
    expect(done.status).toBe(200);
    const rows = await database.sql<{
      id: string;
      enterprise_id: string | null;
      team_id: string | null;
      is_enterprise_install: boolean;
      installer_id: string;
    }>("SELECT id, enterprise_id, team_id, is_enterprise_install, installer_id FROM installation");
    expect(rows).toEqual([
      {
        id: ORG.id,
        enterprise_id: ORG.id,
        team_id: null,
        is_enterprise_install: true,
        installer_id: INSTALLER,
      },
    ]);
  });

  it("serves a workspace of the organisation with the organisation's token: commands, a session and its header", async () => {
    for (const [i, id] of MEMBERS.entries())
      expect(
        await command(INSTALLER, "/lastword", `roster add <@${id}|${id.toLowerCase()}> ${i + 1}`),
      ).toContain(id);
    expect(await command(MEMBERS[1]!, "/decide", `decision <@${MEMBERS[1]}> Grid budget`)).toContain("#1");
    const header = await fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.channel === CHANNEL && String(c.params.text).includes("Grid budget"),
      10_000,
    );
    expect(workspaces.tokensOf(fake)).toEqual([header.token]);
    // The record is the workspace's, as for any other install.
    const sessions = await database.sql<{ workspace_id: string }>("SELECT workspace_id FROM session");
    expect(sessions).toEqual([{ workspace_id: WORKSPACE }]);
  });

  it("DMs the workspace's leaders their check-ins from a scheduled job, with the organisation's token", async () => {
    now = Date.parse("2027-01-01T00:30:00Z");
    await bot.running.scheduler.tick(); // plans the quarter
    now = Date.parse("2027-01-04T01:00:00Z"); // 09:00 in Shanghai, the first working day after New Year
    await bot.running.scheduler.tick();
    await bot.running.scheduler.tick();
    const [token] = workspaces.tokensOf(fake);
    for (const id of MEMBERS) {
      const dms = fake.callsTo("chat.postMessage").filter((c) => c.params.channel === id);
      expect(dms.length, id).toBeGreaterThanOrEqual(1);
      expect(dms.every((c) => c.token === token)).toBe(true);
    }
  });

  it("forgets the organisation's token when it uninstalls, and keeps the workspace's record", async () => {
    const sent = await driver.event({ type: "app_uninstalled" });
    expect(sent.status).toBe(200);
    for (let i = 0; i < 200 && (await database.sql("SELECT id FROM installation")).length > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await database.sql("SELECT id FROM installation")).toEqual([]);
    expect(await database.sql("SELECT * FROM installation_workspace")).toEqual([]);
    expect(await database.sql("SELECT workspace_id FROM session")).toEqual([{ workspace_id: WORKSPACE }]);
    expect(
      await database.sql("SELECT 1 FROM job WHERE workspace_id = $1 AND done_at IS NULL", [WORKSPACE]),
    ).toEqual([]);
    fake.assertNoViolations();
  });
});
