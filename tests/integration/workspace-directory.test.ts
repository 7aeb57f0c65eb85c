import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { UserDirectory } from "../../src/slack/user-directory.ts";
import { WorkspaceClients } from "../../src/slack/workspace-clients.ts";
import { WorkspaceDirectory } from "../../src/slack/workspace-directory.ts";
import { SlackUserStore } from "../../src/store/slack-user-store.ts";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

// The workspace's users read in bulk from a fake Slack (real Web API client) into Postgres.
let t: TestDatabase;
let fake: FakeSlack;
let now = new Date("2027-01-01T00:00:00Z");
let directory: WorkspaceDirectory;
const WS = "T0LASTWORD";
const id = (i: number) => `U0BULK${String(i).padStart(5, "0")}`;
const keepAlive = async () => true;

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeSlack();
  for (let i = 0; i < 450; i++)
    fake.addUser({
      id: id(i),
      name: `leader${i}`,
      tz: i % 2 ? "Asia/Shanghai" : "Europe/Berlin",
      locale: i % 3 ? "en-US" : "zh-CN",
      deleted: i === 7,
    });
  const clients = new WorkspaceClients(async () => "xoxb-test", { slackApiUrl: fake.apiUrl });
  directory = new WorkspaceDirectory(
    clients,
    new SlackUserStore(t.db),
    new UserDirectory(clients),
    () => now,
    createLogger("error"),
  );
});
afterAll(async () => {
  await t?.drop();
  await fake?.close();
});

describe("the workspace directory", () => {
  it("reads every user with users.list in pages of 200 and keeps timezone, locale and deactivation", async () => {
    expect(await directory.refreshIfStale(WS, keepAlive)).toBe(true);
    const stored = await t.sql<{ n: string }>(
      "SELECT count(*) AS n FROM slack_user WHERE workspace_id = $1",
      [WS],
    );
    expect(Number(stored[0]!.n)).toBe(451); // and the bot
    expect(fake.callsTo("users.list")).toHaveLength(3);
    const profiles = await directory.profiles(WS, [id(0), id(1), id(7)]);
    expect(profiles.get(id(0))).toMatchObject({ timezone: "Europe/Berlin", locale: "zh-CN", deleted: false });
    expect(profiles.get(id(1))).toMatchObject({ timezone: "Asia/Shanghai", locale: "en-US" });
    expect(profiles.get(id(7))?.deleted).toBe(true);
    expect(fake.callsTo("users.info")).toHaveLength(0);
    fake.assertNoViolations();
  });

  it("reads again only after a day, and then sees a changed timezone", async () => {
    now = new Date(now.getTime() + 23 * 3_600_000);
    expect(await directory.refreshIfStale(WS, keepAlive)).toBe(true);
    expect(fake.callsTo("users.list")).toHaveLength(3);
    fake.users.get(id(0))!.tz = "America/New_York";
    now = new Date(now.getTime() + 2 * 3_600_000);
    await directory.refreshIfStale(WS, keepAlive);
    expect(fake.callsTo("users.list")).toHaveLength(6);
    expect((await directory.profiles(WS, [id(0)])).get(id(0))?.timezone).toBe("America/New_York");
  });

  it("looks up someone added since the last read on their own, once", async () => {
    fake.addUser({ id: "U0NEWCOMER", name: "newcomer", tz: "Asia/Kolkata", locale: "en-GB" });
    expect((await directory.profiles(WS, ["U0NEWCOMER", id(3)])).get("U0NEWCOMER")?.timezone).toBe(
      "Asia/Kolkata",
    );
    expect((await directory.profiles(WS, ["U0NEWCOMER"])).get("U0NEWCOMER")?.locale).toBe("en-GB");
    expect(fake.callsTo("users.info").filter((c) => c.params.user === "U0NEWCOMER")).toHaveLength(1);
  });

  it("stops reading when its job has lost its claim, and does not count the read as done", async () => {
    now = new Date(now.getTime() + 25 * 3_600_000);
    const before = fake.callsTo("users.list").length;
    expect(await directory.refreshIfStale(WS, async () => false)).toBe(false);
    expect(fake.callsTo("users.list").length - before).toBe(1);
    const rows = await t.sql<{ finished_at: Date }>(
      "SELECT finished_at FROM directory_sync WHERE workspace_id = $1",
      [WS],
    );
    expect(rows[0]!.finished_at.getTime()).toBeLessThan(now.getTime() - 24 * 3_600_000);
  });
});
