import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";

const ADMIN = "U0ADMIN001";
const WANG = "U0WANG0001";
const LI = "U0LI000001";
const ZHAO = "U0ZHAO0001";
const STRANGER = "U0STRANGER";
const mention = (id: string) => `<@${id}|${id.toLowerCase()}>`;

let world: World;
beforeAll(async () => {
  world = await startWorld([
    { id: ADMIN, name: "admin", locale: "en-US" },
    { id: WANG, name: "wang", locale: "zh-CN" },
    { id: LI, name: "li", locale: "en-US" },
    { id: ZHAO, name: "zhao", locale: "en-US" },
    { id: STRANGER, name: "stranger", locale: "en-US" },
  ]);
});
afterAll(() => world?.close());

/** Sends `/lastword <text>` as `user` and returns what the bot answered through response_url. */
async function lastword(user: string, text: string) {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: user,
    channelId: CHANNEL,
  });
  expect(sent.status).toBe(200);
  const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return answer.body as { response_type: "ephemeral" | "in_channel"; text: string; blocks?: unknown[] };
}

type Answer = { response_type: "ephemeral" | "in_channel"; text: string; blocks?: unknown[] };

/** A change: the private answer to whoever made it, and the one notice the channel gets. */
async function change(user: string, text: string): Promise<{ answer: Answer; notice: Answer }> {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: user,
    channelId: CHANNEL,
  });
  expect(sent.status).toBe(200);
  const notice = await world.fake.waitForResponse(
    (r) => r.id === sent.responseUrlId && (r.body as Answer).response_type === "in_channel",
    10_000,
  );
  const posts = world.fake.responses.filter((r) => r.id === sent.responseUrlId).map((r) => r.body as Answer);
  expect(posts.map((p) => p.response_type)).toEqual(["ephemeral", "in_channel"]);
  return { answer: posts[0]!, notice: notice.body as Answer };
}

const rosterRows = () =>
  world.database.sql<{ user_id: string; rank: number; powers: string[] }>(
    "SELECT user_id, rank, powers FROM member ORDER BY rank",
  );

describe("/lastword roster through Bolt's HTTP receiver", () => {
  it("acks a signed slash command at once with an empty body", async () => {
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "help",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    expect(sent.status).toBe(200);
    expect(sent.text).toBe("");
    const help = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    expect((help.body as { text: string }).text).toContain("/lastword roster add @user <rank>");
    expect((help.body as { text: string }).text).toContain("/lastword policy named-votes hidden|live");
  });

  it("answers help in the caller's Slack language", async () => {
    const zh = await lastword(WANG, "help");
    expect(zh.text).toContain("Lastword 命令");
    expect(zh.text).toContain("财务");
    expect(zh.text).toContain("记名表决 隐藏|公开");
    expect(zh.response_type).toBe("ephemeral");
  });

  it("builds a team: the first user becomes admin, gets the new roster privately, and the channel one short notice", async () => {
    const first = await change(ADMIN, `roster add ${mention(ZHAO)} 1 Secretary`);
    expect(first.answer.text).toContain(`<@${ZHAO}> joined the team at rank 1.`);
    expect(first.answer.text).toContain("first roster admin");
    expect(first.answer.text).toContain(`1. <@${ZHAO}> Secretary`);
    expect(first.notice.text).toBe(`<@${ZHAO}> joined the team at rank 1.`);
    await change(ADMIN, `roster add ${mention(WANG)} 2 "Executive Deputy" finance,personnel`);
    await change(ADMIN, `roster add ${mention(LI)} 3 Deputy 工程项目`);
    expect(await rosterRows()).toEqual([
      { user_id: ZHAO, rank: 1, powers: [] },
      { user_id: WANG, rank: 2, powers: ["finance", "personnel"] },
      { user_id: LI, rank: 3, powers: ["projects"] },
    ]);
  });

  it("shows the roster in rank order with titles and powers to anyone, privately", async () => {
    const view = await lastword(STRANGER, "roster");
    expect(view.response_type).toBe("ephemeral");
    const lines = view.text.split("\n");
    expect(lines.findIndex((l) => l.includes(ZHAO))).toBeLessThan(lines.findIndex((l) => l.includes(WANG)));
    expect(view.text).toMatch(/2\. <@U0WANG0001> Executive Deputy · finance, personnel/);
    expect(view.text).toContain("(principal)");
  });

  it("refuses a held rank unless asked to shift, then shifts", async () => {
    const refused = await lastword(ADMIN, `roster add ${mention(STRANGER)} 2`);
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain(`Rank 2 is held by <@${WANG}>`);
    const shifted = await change(ADMIN, `roster add ${mention(STRANGER)} 2 Deputy --shift`);
    expect(shifted.answer.text).toContain(`<@${WANG}>, <@${LI}>`);
    expect(shifted.notice.text).toContain(`Moved down one rank to make room: <@${WANG}>, <@${LI}>.`);
    expect((await rosterRows()).map((r) => `${r.user_id}:${r.rank}`)).toEqual([
      `${ZHAO}:1`,
      `${STRANGER}:2`,
      `${WANG}:3`,
      `${LI}:4`,
    ]);
    await change(ADMIN, `roster remove ${mention(STRANGER)}`);
    await change(ADMIN, `roster set ${mention(WANG)} 2`);
    await change(ADMIN, `roster set ${mention(LI)} 3`);
  });

  it("refuses to give the principal a barred power, naming the rule, and to make its holder principal", async () => {
    const before = await rosterRows();
    const give = await lastword(ADMIN, `roster set ${mention(ZHAO)} 1 Secretary finance`);
    expect(give.text).toContain("five powers the principal does not oversee directly");
    expect(give.text).toContain("may not hold finance");
    const promote = await lastword(ADMIN, `roster set ${mention(WANG)} 1 --shift`);
    expect(promote.text).toContain("may not hold finance, personnel");
    expect(await rosterRows()).toEqual(before);
  });

  it("switches policy, warns once about a deputy above the power limit, and shows it on every roster view", async () => {
    expect((await lastword(ADMIN, "policy four")).text).toContain("four powers");
    const overloaded = await change(ADMIN, `roster set ${mention(LI)} 3 Deputy projects,procurement,assets`);
    const warning = `:warning: <@${LI}> holds 3 key powers`;
    expect(overloaded.answer.text.split(warning)).toHaveLength(2);
    expect(overloaded.notice.text).toContain(warning);
    // A later change that leaves the imbalance as it was does not repeat the warning.
    const later = await change(ADMIN, `roster set ${mention(WANG)} 2 "Executive Deputy" finance,personnel`);
    expect(later.answer.text).not.toContain(":warning:");
    expect(later.notice.text).not.toContain(":warning:");
    const view = await lastword(LI, "roster");
    expect(view.text).toContain(warning);
    await lastword(ADMIN, "policy max-powers 3");
    expect((await lastword(LI, "roster")).text).not.toContain(":warning:");
  });

  it("answers each kind of bad input privately with what to type, and changes nothing", async () => {
    const before = await rosterRows();
    const cases: Array<[string, string, RegExp]> = [
      [ADMIN, "rooster", /I don't know `rooster`.*\/lastword help/],
      [ADMIN, `roster add ${mention(STRANGER)}`, /Give a rank after the user/],
      [ADMIN, `roster add ${mention(STRANGER)} second`, /rank must be a number.*`second`/],
      [ADMIN, `roster add <@U0NOBODY01|ghost> 5`, /can't find <@U0NOBODY01> in this workspace/],
      [STRANGER, `roster add ${mention(STRANGER)} 5`, /Only a roster admin/],
      [ADMIN, `roster add ${mention(STRANGER)} 5 Deputy finance,budget`, /`budget` is not a key power/],
      [ADMIN, "roster add @stranger 5", /Mention the member with @/],
    ];
    for (const [user, text, expected] of cases) {
      const answer = await lastword(user, text);
      expect(answer.response_type, text).toBe("ephemeral");
      expect(answer.text, text).toMatch(expected);
    }
    expect(await rosterRows()).toEqual(before);
  });

  it("lets an admin name another admin, who can then change the roster", async () => {
    expect((await lastword(ADMIN, `admin add ${mention(LI)}`)).text).toContain("is now a roster admin");
    expect((await change(LI, `roster add ${mention(STRANGER)} 9`)).notice.text).toBe(
      `<@${STRANGER}> joined the team at rank 9.`,
    );
    expect((await lastword(ADMIN, "admin")).text).toContain(`<@${LI}>`);
  });

  it("made only Web API calls that match Slack's published spec", () => {
    world.fake.assertNoViolations();
    expect(world.fake.callsTo("users.info").length).toBeGreaterThan(0);
  });
});
