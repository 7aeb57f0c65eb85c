import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { CHANNEL, startTestBot, type TestBot } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, SEVEN } from "../support/meeting.ts";

// A county office's seven-member team, played end to end: every member reads Slack in Chinese in
// Asia/Shanghai; the team sets Chinese, Beijing time and China's calendar. The test moves the clock.
let now = Date.parse("2026-12-20T00:00:00Z");
const clock = () => new Date(now);
let fake: FakeSlack;
let database: TestDatabase;
let bot: TestBot;

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const m of SEVEN) fake.addUser({ id: m.id, name: m.name, locale: "zh-CN", tz: "Asia/Shanghai" });
  fake.addUser({ id: ADMIN, name: "chair", locale: "zh-CN", tz: "Asia/Shanghai" });
  database = await createTestDatabase();
  // The installation's default is English and UTC: the team's own choice must win in its channel.
  bot = await startTestBot(
    fake,
    database.url,
    { LASTWORD_DEFAULT_LOCALE: "en", LASTWORD_DEFAULT_TIMEZONE: "UTC", LASTWORD_DM_PER_SECOND: "100" },
    { clock, autoTick: false },
  );
  for (const m of SEVEN) await command(ADMIN, `名单 add <@${m.id}|${m.name}> ${m.rank}`);
  await command(ADMIN, "团队 语言 zh-CN");
  await command(ADMIN, "团队 时区 Asia/Shanghai");
  await command(ADMIN, "团队 日历 CN");
});
afterAll(async () => {
  await bot?.stop();
  await database?.drop();
  await fake?.close();
});

async function command(user: string, text: string) {
  const sent = await bot.driver.command({ command: "/lastword", text, userId: user, channelId: CHANNEL });
  return (await fake.waitForResponse((r) => r.id === sent.responseUrlId, 15_000)).body as {
    text: string;
    response_type: string;
  };
}
const at = (iso: string) => (now = Date.parse(iso));
const tick = () => bot.running.scheduler.tick();
const checkinDMs = (user: string, quarter: string) =>
  fake.messagesIn(user).filter((m) => JSON.stringify(m.blocks ?? []).includes(`${CHANNEL}|${quarter}`));

describe("a zh-CN team in Asia/Shanghai", () => {
  it("holds nobody overdue for a quarter before the team was set up", async () => {
    const earlier = await command(SEVEN[0]!.id, "checkins 2026-Q3");
    expect(earlier.text).toBe("2026年第3季度暂无履职事项记录。");
    expect(earlier.text).not.toContain("逾期");
    // The current quarter counts every member, in Chinese, in the channel.
    const current = await command(SEVEN[0]!.id, "checkins 2026-Q4");
    expect(current.response_type).toBe("in_channel");
    for (const m of SEVEN) expect(current.text).toContain(`<@${m.id}>`);
  });

  it("sends Q1 2027's check-ins on Monday 4 January, not on New Year's Day", async () => {
    at("2027-01-01T01:00:00Z"); // 09:00 in Beijing on Friday 1 January, a public holiday
    await tick();
    await tick();
    expect(SEVEN.every((m) => checkinDMs(m.id, "2027-Q1").length === 0)).toBe(true);
    at("2027-01-04T00:59:00Z");
    await tick();
    expect(SEVEN.every((m) => checkinDMs(m.id, "2027-Q1").length === 0)).toBe(true);
    at("2027-01-04T01:00:00Z"); // 09:00 in Beijing on Monday 4 January
    await tick();
    await tick();
    for (const m of SEVEN) expect(checkinDMs(m.id, "2027-Q1"), m.id).toHaveLength(1);
  });
});
