import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startTestBot, type World } from "../support/bot.ts";
import { createTestDatabase } from "../support/database.ts";
import { ADMIN, fakeWorkspaceOfSeven, Meeting, member } from "../support/meeting.ts";

// A zh-CN team on an English installation. Slack names no language for the chair and member 7
// (users.info answers without a locale), so what they are told privately (forms, refusals) is in
// the team's language; member 6 reads Slack in English and is answered in English.
let world: World;
let meeting: Meeting;
const NO_LOCALE = member(7);

beforeAll(async () => {
  const fake = await fakeWorkspaceOfSeven();
  fake.respondTo("users.info", (request, slack) => {
    const answer = slack.defaultAnswer("users.info", request.params) as { user?: { locale?: string } };
    if ([ADMIN, NO_LOCALE].includes(String(request.params.user))) delete answer.user?.locale;
    return answer;
  });
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
  meeting = new Meeting(world);
  await meeting.setUpRoster();
  const sent = await bot.driver.command({
    command: "/lastword",
    text: "team language zh-CN",
    userId: ADMIN,
    channelId: CHANNEL,
  });
  await fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  await meeting.start(ADMIN, `decision <@${member(2)}> 修缮办公楼`);
}, 60_000);
afterAll(async () => world?.close());

const opened = () => world.fake.callsTo("views.open").at(-1)?.params.view as { title: { text: string } };

describe("a zh-CN team's presses and forms", () => {
  it("shows the chair menu in the header in Chinese", async () => {
    const header = world.fake.findMessage(CHANNEL, meeting.headerTs)!;
    const menu = JSON.stringify(header.blocks);
    expect(menu).toContain(`"${meeting.sessionId}|pause"`);
    expect(menu).toContain('"暂停"');
    expect(menu).not.toContain('"Pause"');
  });

  it("opens the chair menu's reason form in Chinese for a chair whose Slack names no language", async () => {
    const before = world.fake.callsTo("views.open").length;
    await world.bot.driver.blockAction({
      actionId: "session_chair_menu",
      value: "",
      selectedOption: `${meeting.sessionId}|pause`,
      userId: ADMIN,
      channelId: CHANNEL,
      messageTs: meeting.headerTs,
    });
    await world.fake.waitForCall("views.open", () => world.fake.callsTo("views.open").length > before);
    expect(opened().title.text).toBe("说明理由");
  });

  it("refuses an out-of-turn press in the team's language, and in English to an English reader", async () => {
    await meeting.waitForTurnCall(member(2), 0);
    const refusal = async (userId: string) => {
      const sent = await meeting.press("turn_done", userId, 0);
      const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
      return (answer.body as { text: string }).text;
    };
    expect(await refusal(NO_LOCALE)).toMatch(/[\u4e00-\u9fff]/);
    expect(await refusal(member(6))).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
