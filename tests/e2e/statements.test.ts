import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "zh-CN", tz: "Asia/Shanghai" })),
    { id: ADMIN, name: "chair", locale: "zh-CN", tz: "Asia/Shanghai" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

/** A thread reply as Slack sends it with "Also send to channel" or with a file attached. */
async function reply(userId: string, text: string, extra: Record<string, unknown>) {
  const event = {
    ...world.bot.driver.message({ userId, channelId: CHANNEL, text, threadTs: meeting.headerTs }),
    ...extra,
  };
  expect((await world.bot.driver.event(event)).status).toBe(200);
}

describe("replies that Slack sends with a subtype", () => {
  it("counts a reply also sent to the channel (thread_broadcast) as the speaker's statement", async () => {
    await meeting.start(ADMIN, `funds <@${member(4)}> 县医院改造资金安排`);
    await meeting.waitForTurnCall(member(4), 0);
    await reply(member(4), "汇报议题：拟安排资金240万元。", { subtype: "thread_broadcast" });
    const entry = await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === member(4));
    expect(entry.payload).toMatchObject({ text: "汇报议题：拟安排资金240万元。", turnIndex: 0 });
  });

  it("counts a reply with a file (file_share) as a statement and keeps the file by name and permalink", async () => {
    const file = {
      id: "F0PLAN0001",
      name: "改造方案.pdf",
      permalink: "https://example.slack.com/files/U0MEMBER04/F0PLAN0001/plan.pdf",
    };
    await reply(member(4), "具体意见见附件。", { subtype: "file_share", files: [file] });
    const entry = await meeting.waitForEntry(
      (e) => e.type === "statement" && e.payload.text === "具体意见见附件。",
    );
    expect(entry.payload.files).toEqual([{ name: file.name, permalink: file.permalink }]);
  });

  it("keeps a reply with a NUL or a lone surrogate, with � in their place, instead of failing it for ever", async () => {
    await reply(member(4), "前半\u0000后半\ud800完。", {});
    const entry = await meeting.waitForEntry(
      (e) => e.type === "statement" && e.payload.text === "前半\uFFFD后半\uFFFD完。",
    );
    expect(entry.actor_id).toBe(member(4));
  });

  it("still ignores a message a bot posted", async () => {
    await reply(member(4), "bot echo", { subtype: "bot_message", bot_id: "B0OTHER" });
    await meeting.say(member(4), "补充一句。");
    await meeting.waitForEntry((e) => e.type === "statement" && e.payload.text === "补充一句。");
    expect((await meeting.ledger()).some((e) => e.payload.text === "bot echo")).toBe(false);
  });
});
