import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RecordedCall } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, type World } from "../support/bot.ts";
import { createTestDatabase } from "../support/database.ts";
import { ADMIN, fakeWorkspaceOfSeven, member } from "../support/meeting.ts";

// A new channel's team set up in one form, then changed with `/lastword roster edit`: the same
// rules as the commands, refusals next to their fields, one notice in the channel per change.
let world: World;
const BOT = "U0LASTWORD";

beforeAll(async () => {
  const fake = await fakeWorkspaceOfSeven();
  fake.addChannel({ id: CHANNEL, name: "leadership", members: [BOT] });
  const database = await createTestDatabase();
  const bot = await startTestBot(fake, database.url, { LASTWORD_DEFAULT_LOCALE: "en" });
  world = {
    fake,
    database,
    bot,
    close: async () => {
      await bot.stop();
      await database.drop();
      await fake.close();
    },
  };
}, 60_000);
afterAll(async () => world?.close());

type Values = Record<string, Record<string, Record<string, unknown>>>;
const text = (value: string | null) => ({ value: { type: "plain_text_input", value } });
const option = (value: string) => ({ value: { type: "static_select", selected_option: { value } } });
const users = (ids: string[]) => ({ value: { type: "multi_users_select", selected_users: ids } });
const powers = (list: string[]) => ({
  value: { type: "multi_static_select", selected_options: list.map((value) => ({ value })) },
});

async function lastword(userId: string, words: string) {
  return world.bot.driver.command({ command: "/lastword", text: words, userId, channelId: CHANNEL });
}

/** The form the bot opened or last turned the form into, as the local Slack holds it. */
function form(callbackId: string) {
  const view = [...world.fake.views.values()].filter((v) => v.view.callback_id === callbackId).at(-1);
  if (!view) throw new Error(`no ${callbackId} form`);
  return view.view as { private_metadata: string; blocks: Array<Record<string, unknown>> };
}

async function submit(callbackId: string, userId: string, values: Values) {
  const sent = await world.bot.driver.viewSubmission({
    callbackId,
    privateMetadata: form(callbackId).private_metadata,
    values,
    userId,
  });
  expect(sent.status).toBe(200);
  return sent.body as { response_action?: string; errors?: Record<string, string> } | "";
}

const settings = (overrides: Values = {}): Values => ({
  name: text("县政府领导班子"),
  language: option("zh-CN"),
  timezone: text("Asia/Shanghai"),
  calendar: text("CN"),
  policy: option("five"),
  members: users([member(1), member(2), member(3)]),
  ...overrides,
});

const countTeams = async () =>
  Number((await world.database.sql<{ n: string }>("SELECT count(*) AS n FROM team"))[0]!.n);
const channelNotices = () =>
  world.fake.callsTo("chat.postMessage").filter((c: RecordedCall) => c.params.channel === CHANNEL);

describe("setting up a team in one form", () => {
  it("opens the setup form on a new channel's first /lastword, and says nothing else", async () => {
    const sent = await lastword(ADMIN, "");
    const opened = await world.fake.waitForCall("views.open", undefined, 10_000);
    expect(opened.params.trigger_id).toBeDefined();
    const view = form("lastword_setup");
    expect(view.blocks.map((b) => b.block_id).filter(Boolean)).toEqual([
      "name",
      "language",
      "timezone",
      "calendar",
      "policy",
      "members",
    ]);
    expect(world.fake.responses.filter((r) => r.id === sent.responseUrlId)).toEqual([]);
  });

  it("shows every refusal of the first step next to its field and records nothing", async () => {
    const answer = await submit(
      "lastword_setup",
      ADMIN,
      settings({ timezone: text("Mars/Olympus"), calendar: text("XX"), members: users([]) }),
    );
    expect(answer).toMatchObject({ response_action: "errors" });
    const errors = (answer as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["calendar", "members", "timezone"]);
    expect(errors.timezone).toBe(
      "Mars/Olympus is not a timezone. Use an IANA name such as Asia/Shanghai or America/New_York.",
    );
    expect(errors.members).toBe("Choose at least one member.");
    expect(await countTeams()).toBe(0);
  });

  it("asks each member's rank, title and powers next, and refuses a shared rank and a barred power by field", async () => {
    const next = await submit("lastword_setup", ADMIN, settings());
    expect(next).toMatchObject({ response_action: "update" });
    const step2 = form("lastword_setup_members");
    expect(step2.blocks.map((b) => b.block_id).filter(Boolean)).toEqual(
      [1, 2, 3].flatMap((r) => [`rank_${member(r)}`, `title_${member(r)}`, `powers_${member(r)}`]),
    );
    const answer = await submit("lastword_setup_members", ADMIN, {
      [`rank_${member(1)}`]: text("1"),
      [`powers_${member(1)}`]: powers(["finance"]),
      [`rank_${member(2)}`]: text("2"),
      [`rank_${member(3)}`]: text("2"),
      [`title_${member(3)}`]: text("副县长"),
    });
    expect(answer).toMatchObject({ response_action: "errors" });
    const errors = (answer as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual([`powers_${member(1)}`, `rank_${member(3)}`]);
    expect(errors[`rank_${member(3)}`]).toContain(`<@${member(2)}>`);
    expect(await countTeams()).toBe(0);
  });

  it("creates the team with its members on a valid submission: the saver sees the roster, the channel one notice in the team's language", async () => {
    const before = channelNotices().length;
    const answer = await submit("lastword_setup_members", ADMIN, {
      [`rank_${member(1)}`]: text("1"),
      [`title_${member(1)}`]: text("县长"),
      [`rank_${member(2)}`]: text("2"),
      [`powers_${member(2)}`]: powers(["finance", "personnel", "projects"]),
      [`rank_${member(3)}`]: text("3"),
    });
    expect(answer).toBe("");
    const [team] = await world.database.sql<{
      name: string;
      locale: string;
      timezone: string;
      calendar: string;
    }>("SELECT name, locale, timezone, calendar FROM team");
    expect(team).toEqual({
      name: "县政府领导班子",
      locale: "zh-CN",
      timezone: "Asia/Shanghai",
      calendar: "CN",
    });
    const members = await world.database.sql<{
      user_id: string;
      rank: number;
      title: string | null;
      powers: string[];
    }>("SELECT user_id, rank, title, powers FROM member ORDER BY rank");
    expect(members).toEqual([
      { user_id: member(1), rank: 1, title: "县长", powers: [] },
      { user_id: member(2), rank: 2, title: null, powers: ["finance", "personnel", "projects"] },
      { user_id: member(3), rank: 3, title: null, powers: [] },
    ]);
    const mine = await world.fake.waitForCall("chat.postEphemeral", (c) => c.params.user === ADMIN, 10_000);
    expect(String(mine.params.text)).toContain(`1. <@${member(1)}> 县长`);
    expect(String(mine.params.text)).toContain("You set up this channel's team");
    await world.fake.waitForCall("chat.postMessage", (c) => c.params.channel === CHANNEL, 10_000);
    const notices = channelNotices().slice(before);
    expect(notices).toHaveLength(1);
    const notice = String(notices[0]!.params.text);
    expect(notice).toContain(`<@${ADMIN}> 设置了本频道的领导班子。`);
    expect(notice).toContain(`新增成员：<@${member(1)}>、<@${member(2)}>、<@${member(3)}>。`);
    // The balance warning, once, with the change that caused it.
    expect(notice.match(new RegExp(`<@${member(2)}> 分管`, "g")) ?? []).toHaveLength(1);
  });

  it("lets only an admin open the form on an existing team with /lastword roster edit", async () => {
    const opens = world.fake.callsTo("views.open").length;
    const refused = await lastword(member(4), "roster edit");
    const answer = await world.fake.waitForResponse((r) => r.id === refused.responseUrlId, 10_000);
    expect((answer.body as { text: string }).text).toContain("Only a roster admin");
    expect(world.fake.callsTo("views.open")).toHaveLength(opens);
    // The bare command is help once the team exists.
    const help = await lastword(ADMIN, "");
    const helpAnswer = await world.fake.waitForResponse((r) => r.id === help.responseUrlId, 10_000);
    expect((helpAnswer.body as { text: string }).text).toContain("/lastword roster edit");
  });

  it("changes members with /lastword roster edit: one notice for the whole change, no repeated warning", async () => {
    await lastword(ADMIN, "roster edit");
    await world.fake.waitForCall(
      "views.open",
      (c) =>
        (c.params.view as { callback_id: string }).callback_id === "lastword_setup" &&
        world.fake.callsTo("views.open").length > 1,
      10_000,
    );
    const opened = form("lastword_setup");
    const membersBlock = opened.blocks.find((b) => b.block_id === "members") as {
      element: { initial_users: string[] };
    };
    expect(membersBlock.element.initial_users).toEqual([member(1), member(2), member(3)]);
    const before = channelNotices().length;
    await submit("lastword_setup", ADMIN, settings({ members: users([member(1), member(2), member(4)]) }));
    const answer = await submit("lastword_setup_members", ADMIN, {
      [`rank_${member(1)}`]: text("1"),
      [`title_${member(1)}`]: text("县长"),
      [`rank_${member(2)}`]: text("2"),
      [`powers_${member(2)}`]: powers(["finance", "personnel", "projects"]),
      [`rank_${member(4)}`]: text("4"),
    });
    expect(answer).toBe("");
    await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.channel === CHANNEL && String(c.params.text).includes("调整了领导班子"),
      10_000,
    );
    const notices = channelNotices().slice(before);
    expect(notices.map((n) => n.params.text)).toEqual([
      `<@${ADMIN}> 调整了领导班子。\n新增成员：<@${member(4)}>。\n移出成员：<@${member(3)}>。`,
    ]);
    const ids = await world.database.sql<{ user_id: string }>("SELECT user_id FROM member ORDER BY rank");
    expect(ids.map((r) => r.user_id)).toEqual([member(1), member(2), member(4)]);
  });

  it("made only Web API calls that match Slack's spec", () => {
    world.fake.assertNoViolations();
  });
});
