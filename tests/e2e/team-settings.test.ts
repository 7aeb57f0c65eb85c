import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { Meeting } from "../support/meeting.ts";

// A Chinese county office's team: the admin and members read Slack in Chinese, one deputy in
// English; the team chooses Chinese for its channel and Beijing time.
const ADMIN = "U0ADMIN001";
const ZHAO = "U0ZHAO0001";
const WANG = "U0WANG0001";
const SMITH = "U0SMITH001";
const mention = (id: string) => `<@${id}|${id.toLowerCase()}>`;

let world: World;
beforeAll(async () => {
  world = await startWorld([
    { id: ADMIN, name: "admin", locale: "zh-CN", tz: "Asia/Shanghai" },
    { id: ZHAO, name: "zhao", locale: "zh-CN", tz: "Asia/Shanghai" },
    { id: WANG, name: "wang", locale: "zh-CN", tz: "Asia/Shanghai" },
    { id: SMITH, name: "smith", locale: "en-US", tz: "Asia/Shanghai" },
  ]);
});
afterAll(() => world?.close());

async function lastword(user: string, text: string) {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: user,
    channelId: CHANNEL,
  });
  expect(sent.status).toBe(200);
  const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return answer.body as { response_type: "ephemeral" | "in_channel"; text: string };
}

const teamRow = async () =>
  (
    await world.database.sql<{
      name: string | null;
      locale: string | null;
      timezone: string | null;
      calendar: string | null;
      days_off: string[];
    }>("SELECT name, locale, timezone, calendar, days_off FROM team")
  )[0]!;

describe("/lastword team: a team's own language, timezone, name and calendar", () => {
  it("sets the language with Chinese keywords, and the channel hears it in the new language", async () => {
    await lastword(ADMIN, `roster add ${mention(ZHAO)} 1 书记`);
    await lastword(ADMIN, `roster add ${mention(WANG)} 2 县长`);
    await lastword(ADMIN, `roster add ${mention(SMITH)} 3 副县长`);
    const set = await lastword(ADMIN, "团队 语言 中文");
    expect(set.response_type).toBe("in_channel");
    expect(set.text).toBe("本班子频道消息语言已设为简体中文。");
    expect((await teamRow()).locale).toBe("zh-CN");
  });

  it("takes an IANA timezone, spelled as Intl spells it, and refuses anything else privately", async () => {
    const bad = await lastword(ADMIN, "team timezone CST");
    expect(bad.response_type).toBe("ephemeral");
    expect(bad.text).toContain("“CST”不是有效时区");
    expect((await teamRow()).timezone).toBeNull();
    const set = await lastword(ADMIN, "团队 时区 asia/shanghai");
    expect(set.text).toBe("截止时间、会议记录和导出已改用 Asia/Shanghai 时区。");
    expect((await teamRow()).timezone).toBe("Asia/Shanghai");
  });

  it("takes a name, a country's calendar and the team's own days off", async () => {
    await lastword(ADMIN, 'team name "某县人民政府领导班子"');
    const calendar = await lastword(ADMIN, "团队 日历 cn");
    expect(calendar.text).toContain("CN");
    const unknown = await lastword(ADMIN, "team calendar XX");
    expect(unknown.response_type).toBe("ephemeral");
    expect(unknown.text).toContain("没有“XX”的日历");
    await lastword(ADMIN, "team dayoff 2027-02-10");
    await lastword(ADMIN, "团队 休息日 2027-02-09");
    const bad = await lastword(ADMIN, "team dayoff 2027-02-30");
    expect(bad.response_type).toBe("ephemeral");
    expect(await teamRow()).toEqual({
      name: "某县人民政府领导班子",
      locale: "zh-CN",
      timezone: "Asia/Shanghai",
      calendar: "CN",
      days_off: ["2027-02-09", "2027-02-10"],
    });
    await lastword(ADMIN, "team dayoff remove 2027-02-09");
    expect((await teamRow()).days_off).toEqual(["2027-02-10"]);
  });

  it("shows the settings to anyone, privately, in the reader's own language", async () => {
    const zh = await lastword(WANG, "团队");
    expect(zh.response_type).toBe("ephemeral");
    expect(zh.text).toContain("*某县人民政府领导班子的设置*");
    expect(zh.text).toContain("频道消息语言：简体中文");
    expect(zh.text).toContain("时区：Asia/Shanghai");
    expect(zh.text).toContain("工作日：CN");
    expect(zh.text).toMatch(/已掌握 2004 年至 20\d\d 年的国家法定节假日和调休上班日/);
    expect(zh.text).toContain("本班子自定休息日：2027-02-10");
    const en = await lastword(SMITH, "team");
    expect(en.text).toContain("Language of the channel's posts: Simplified Chinese");
  });

  it("lets only admins change them, and tells a non-admin in their own language", async () => {
    const refused = await lastword(SMITH, "team language en");
    expect(refused.response_type).toBe("ephemeral");
    expect(refused.text).toContain(`<@${ADMIN}>`);
    expect(refused.text).not.toMatch(/[\u4e00-\u9fff]/);
    expect((await teamRow()).locale).toBe("zh-CN");
  });

  it("announces a change made by an English reader in the team's language", async () => {
    await lastword(ADMIN, `admin add ${mention(SMITH)}`);
    // The change is answered privately in the changer's language; the channel's notice in the team's.
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: `roster set ${mention(SMITH)} 3 常务副县长`,
      userId: SMITH,
      channelId: CHANNEL,
    });
    const notice = await world.fake.waitForResponse(
      (r) =>
        r.id === sent.responseUrlId && (r.body as { response_type: string }).response_type === "in_channel",
      10_000,
    );
    expect((notice.body as { text: string }).text).toContain(`<@${SMITH}> 现排位第 3`);
  });

  it("posts a session's header in the team's language whoever starts it", async () => {
    const meeting = new Meeting(world);
    await meeting.decide(SMITH, `funds ${mention(SMITH)} Renovate the county hospital`);
    const header = await world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.channel === CHANNEL && !c.params.thread_ts && String(c.params.text).includes("Renovate"),
      10_000,
    );
    expect(JSON.stringify(header.params.blocks)).toContain("首提人");
  });
});
