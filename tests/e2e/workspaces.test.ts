import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { FakeWorkspaces } from "../harness/fake-workspaces.ts";
import { SlackDriver } from "../harness/signed-requests.ts";
import { CHANNEL, SIGNING_SECRET, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { commandAnswer, installThroughOAuth, OAUTH_APP, OAUTH_ENV } from "../support/oauth.ts";

// Two organisations install one Lastword through Slack's OAuth flow and use it at the same time:
// each has its own roster, session and quarterly check-ins, sees only its own, and is DMed only
// with its own token. Then one uninstalls it.
let now = Date.parse("2026-12-20T00:00:00Z");
const clock = () => new Date(now);
const at = (iso: string) => (now = Date.parse(iso));

interface Org {
  name: "A" | "B";
  fake: FakeSlack;
  driver: SlackDriver;
  installer: string;
  members: string[];
}

let workspaces: FakeWorkspaces;
let database: TestDatabase;
let bot: TestBot;
let botUrl: string;
const orgs: Org[] = [];

async function fakeOrg(name: "A" | "B"): Promise<Org> {
  const fake = await startFakeSlack({
    team: { id: `T0ORG${name}0000`, domain: `org-${name}`, name: `Org ${name}` },
  });
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  const members = [1, 2, 3].map((rank) => `U0${name}MEMBER${rank}`);
  for (const id of members)
    fake.addUser({ id, name: id.toLowerCase(), tz: "Asia/Shanghai", locale: "en-US" });
  const installer = `U0${name}INSTALL0`;
  fake.addUser({ id: installer, name: `installer-${name}`, tz: "Asia/Shanghai" });
  return { name, fake, driver: undefined as unknown as SlackDriver, installer, members };
}

beforeAll(async () => {
  orgs.push(await fakeOrg("A"), await fakeOrg("B"));
  workspaces = await FakeWorkspaces.start(
    orgs.map((o) => o.fake),
    OAUTH_APP,
  );
  database = await createTestDatabase();
  bot = await startTestBot(
    orgs[0]!.fake,
    database.url,
    {
      ...OAUTH_ENV,
      SLACK_API_URL: workspaces.apiUrl,
      LASTWORD_DEFAULT_TIMEZONE: "Asia/Shanghai",
      LASTWORD_DM_PER_SECOND: "100",
    },
    { clock, autoTick: false },
  );
  botUrl = `http://127.0.0.1:${bot.running.port}`;
  for (const org of orgs)
    org.driver = new SlackDriver({
      url: `${botUrl}/slack/events`,
      signingSecret: SIGNING_SECRET,
      teamId: org.fake.team.id,
      fake: org.fake,
    });
});
afterAll(async () => {
  await bot?.stop();
  await database?.drop();
  await workspaces?.close();
  for (const org of orgs) await org.fake.close();
});

const command = (org: Org, user: string, name: "/lastword" | "/decide", text: string) =>
  commandAnswer(org.driver, org.fake, user, name, text);

const tokensSeenBy = (org: Org) => new Set(org.fake.calls.map((c) => c.token));
const dmsTo = (org: Org, user: string) => org.fake.messagesIn(user);
const tick = () => bot.running.scheduler.tick();

describe("many workspaces through OAuth", () => {
  it("refuses a redirect whose state was not issued to this browser, and stores nothing", async () => {
    const code = workspaces.grant(orgs[0]!.fake, orgs[0]!.installer, ["commands"]);
    const forged = await fetch(`${botUrl}/slack/oauth_redirect?code=${code}&state=forged`, {
      headers: { cookie: "slack-app-oauth-state=forged" },
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("could not be installed");
    expect(await database.sql("SELECT id FROM installation")).toEqual([]);
    expect(orgs[0]!.fake.callsTo("oauth.v2.access")).toHaveLength(0);
  });

  it("installs in two workspaces; each bot token is stored encrypted, with its bot user, scopes and installer", async () => {
    for (const org of orgs) {
      const done = await installThroughOAuth(botUrl, workspaces, org.fake, org.installer);
      expect(done.status).toBe(200);
      expect(await done.text()).toContain("Lastword is installed");
    }
    const rows = await database.sql<{
      id: string;
      bot_token: string;
      bot_user_id: string;
      installer_id: string;
      scopes: string[];
      is_enterprise_install: boolean;
    }>("SELECT * FROM installation ORDER BY id");
    expect(rows.map((r) => [r.id, r.installer_id, r.bot_user_id, r.is_enterprise_install])).toEqual(
      orgs.map((o) => [o.fake.team.id, o.installer, o.fake.bot.userId, false]),
    );
    expect(rows[0]!.scopes).toContain("chat:write");
    for (const [i, row] of rows.entries()) {
      const [token] = workspaces.tokensOf(orgs[i]!.fake);
      expect(token).toBeDefined();
      expect(row.bot_token).not.toContain(token!);
      expect(row.bot_token).not.toContain("xoxb-");
    }
    // Nothing in the whole database holds a token in clear.
    const dump = JSON.stringify(await database.sql("SELECT * FROM installation"));
    for (const org of orgs)
      for (const token of workspaces.tokensOf(org.fake)) expect(dump).not.toContain(token);
  });

  it("runs a session in each workspace at the same time, each seeing only its own roster and thread", async () => {
    await Promise.all(
      orgs.map(async (org) => {
        for (const [i, id] of org.members.entries())
          await command(org, org.installer, "/lastword", `roster add <@${id}|${id.toLowerCase()}> ${i + 1}`);
      }),
    );
    const answers = await Promise.all(
      orgs.map((org) =>
        command(org, org.members[1]!, "/decide", `decision <@${org.members[1]}> Budget of org ${org.name}`),
      ),
    );
    for (const answer of answers) expect(answer).toContain("#1");
    for (const org of orgs) {
      const other = orgs.find((o) => o !== org)!;
      const header = await org.fake.waitForCall(
        "chat.postMessage",
        (c) => c.params.channel === CHANNEL && String(c.params.text).includes(`org ${org.name}`),
        10_000,
      );
      expect(String(header.params.text)).not.toContain(`org ${other.name}`);
      const roster = await command(org, org.installer, "/lastword", "roster");
      for (const id of org.members) expect(roster).toContain(id);
      for (const id of other.members) expect(roster).not.toContain(id);
      // Every call this workspace saw carried its own token, none the other's.
      const own = new Set(workspaces.tokensOf(org.fake));
      expect([...tokensSeenBy(org)].filter((t) => t !== undefined && !own.has(t))).toEqual([]);
    }
  });

  it("DMs each workspace's leaders their quarter's check-in, with that workspace's token only", async () => {
    at("2027-01-01T00:30:00Z");
    await tick(); // plans the quarter in both workspaces
    at("2027-01-01T01:00:00Z"); // 09:00 in Shanghai on the first working day
    await tick();
    await tick();
    for (const org of orgs) {
      const own = new Set(workspaces.tokensOf(org.fake));
      for (const id of org.members) {
        const dms = dmsTo(org, id);
        expect(dms, `${org.name} ${id}`).toHaveLength(1);
      }
      const posts = org.fake
        .callsTo("chat.postMessage")
        .filter((c) => String(c.params.channel).startsWith("U"));
      expect(posts.map((c) => c.params.channel).sort()).toEqual([...org.members].sort());
      expect(posts.every((c) => own.has(c.token!))).toBe(true);
    }
  });

  it("stops one workspace's jobs and DMs when it uninstalls, keeps its record, and the other goes on", async () => {
    const [a, b] = orgs as [Org, Org];
    const ledgerBefore = await database.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM ledger_entry WHERE workspace_id = $1",
      [a.fake.team.id],
    );
    const pending = () =>
      database.sql<{ workspace_id: string; n: number }>(
        "SELECT workspace_id, count(*)::int AS n FROM job WHERE done_at IS NULL GROUP BY workspace_id ORDER BY 1",
      );
    expect((await pending()).map((r) => r.workspace_id)).toEqual([a.fake.team.id, b.fake.team.id]);
    const sent = await a.driver.event({ type: "app_uninstalled" });
    expect(sent.status).toBe(200);
    workspaces.revokeTokens(a.fake); // Slack revokes the tokens with the uninstall
    await expectSoon(async () => expect(await database.sql("SELECT id FROM installation")).toHaveLength(1));
    expect((await pending()).map((r) => r.workspace_id)).toEqual([b.fake.team.id]);
    const callsToA = a.fake.calls.length;
    // A reminder week and the next quarter pass: B's leaders hear from Lastword, A's do not.
    for (const iso of ["2027-02-20T01:00:00Z", "2027-04-01T00:30:00Z", "2027-04-01T01:00:00Z"]) {
      at(iso);
      await tick();
      await tick();
    }
    expect(a.fake.calls.length).toBe(callsToA);
    // Not even tried: no call went out with A's revoked token.
    expect(workspaces.refused.filter((r) => r.fake === a.fake)).toEqual([]);
    for (const id of b.members) expect(dmsTo(b, id).length).toBeGreaterThan(1);
    for (const id of a.members) expect(dmsTo(a, id)).toHaveLength(1);
    // A's record is kept whole.
    expect(
      await database.sql<{ n: number }>(
        "SELECT count(*)::int AS n FROM ledger_entry WHERE workspace_id = $1",
        [a.fake.team.id],
      ),
    ).toEqual(ledgerBefore);
    for (const org of orgs) org.fake.assertNoViolations();
  });

  it("makes the installer an admin of every team set up after the install, which the team may revoke", async () => {
    const org = orgs[1]!;
    const [founder, colleague] = [org.members[2]!, org.members[0]!];
    const SECOND = "C0SECONDTEAM";
    org.fake.addChannel({ id: SECOND, name: "party-committee" });
    const inSecond = (user: string, text: string) =>
      commandAnswer(org.driver, org.fake, user, "/lastword", text, SECOND);
    // Someone else sets the team up; the installer is its admin beside them, and can act as one.
    await inSecond(founder, `roster add <@${founder}|founder> 1`);
    expect(await inSecond(founder, "admin")).toMatch(
      new RegExp(`${founder}.*${org.installer}|${org.installer}.*${founder}`),
    );
    expect(await inSecond(org.installer, `roster add <@${colleague}|colleague> 2`)).not.toMatch(
      /Only a roster admin/,
    );
    expect(await inSecond(founder, "roster")).toContain(colleague);
    // The team decides: revoked, the installer is an outsider to it like anyone else.
    await inSecond(founder, `admin remove <@${org.installer}>`);
    expect(await inSecond(org.installer, `roster remove <@${colleague}>`)).toMatch(/Only a roster admin/);
    // The other workspace's installer has nothing to do with this team.
    expect(await inSecond(founder, "admin")).not.toContain(orgs[0]!.installer);
  });
});

async function expectSoon(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
