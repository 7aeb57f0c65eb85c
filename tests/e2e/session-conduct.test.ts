import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: m.rank === 1 ? "zh-CN" : "en-US" })),
    { id: ADMIN, name: "chair" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
  await meeting.start(ADMIN, `project <@${member(3)}> Build the eastern ring road`);
  await meeting.waitForTurnCall(member(3), 0);
});
afterAll(() => world?.close());

const ephemeralTo = (user: string, pattern: string) =>
  world.fake.waitForCall(
    "chat.postEphemeral",
    (c) => c.params.user === user && String(c.params.text).includes(pattern),
  );

describe("conduct of a session", () => {
  it("does not count a deputy's reply out of turn, tells them privately, and records it", async () => {
    await meeting.say(member(5), "I think we should build it.");
    const told = await ephemeralTo(member(5), "It is not your turn yet");
    expect(told.params.text).toContain(`<@${member(3)}> is speaking`);
    expect(told.params.thread_ts).toBe(meeting.headerTs);
    const entry = await meeting.waitForEntry((e) => e.type === "out_of_turn" && e.actor_id === member(5));
    expect(entry.payload).toMatchObject({ isPrincipal: false, turnOf: member(3), reason: "notYourTurn" });
    expect((await meeting.ledger()).some((e) => e.type === "statement" && e.actor_id === member(5))).toBe(
      false,
    );
  });

  it("exposes a principal who speaks early: private notice in their language, and the header shows it to all", async () => {
    await meeting.say(member(1), "我认为应该建。");
    await ephemeralTo(member(1), "主要负责人须在其他成员全部发言后末位表态");
    await world.fake.waitForCall(
      "chat.update",
      (c) =>
        c.params.ts === meeting.headerTs &&
        JSON.stringify(c.params.blocks).includes("The principal spoke before every other member"),
    );
    expect(
      (await meeting.waitForEntry((e) => e.type === "out_of_turn" && e.actor_id === member(1))).payload
        .isPrincipal,
    ).toBe(true);
  });

  it("records one entry when Slack delivers the same message twice", async () => {
    const { ts } = await meeting.say(member(3), "The ring road costs 80 million.");
    await meeting.say(member(3), "The ring road costs 80 million.", { ts, retryNum: 1 });
    await meeting.waitForEntry((e) => e.type === "statement" && e.payload.messageTs === ts);
    await new Promise((r) => setTimeout(r, 300));
    expect((await meeting.ledger()).filter((e) => e.payload.messageTs === ts)).toHaveLength(1);
  });

  it("keeps the original statement when it is edited, and records the edit beside it", async () => {
    const { ts } = await meeting.say(member(3), "Funded by the province.");
    await meeting.waitForEntry((e) => e.type === "statement" && e.payload.messageTs === ts);
    const edit = world.bot.driver.messageChanged({
      userId: member(3),
      channelId: CHANNEL,
      text: "Funded by the province and the county.",
      ts,
      threadTs: meeting.headerTs,
    });
    await world.bot.driver.event(edit);
    await world.bot.driver.event(edit, { retryNum: 1 });
    const edited = await meeting.waitForEntry((e) => e.type === "statement_edited");
    expect(edited.payload.text).toBe("Funded by the province and the county.");
    const entries = await meeting.ledger();
    expect(entries.find((e) => e.type === "statement" && e.payload.messageTs === ts)?.payload.text).toBe(
      "Funded by the province.",
    );
    expect(entries.filter((e) => e.type === "statement_edited")).toHaveLength(1);
  });

  it("ends a turn once when Done is pressed twice, and tells the second press why nothing changed", async () => {
    const [first, second] = await Promise.all([
      meeting.press("turn_done", member(3), 0),
      meeting.press("turn_done", member(3), 0),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await world.fake.waitForResponse((r) => JSON.stringify(r.body).includes("That turn is already over"));
    await meeting.waitForTurnCall(member(7), 1);
    expect((await meeting.ledger()).filter((e) => e.type === "turn_finished")).toHaveLength(1);
  });

  it("refuses Pass from someone whose turn it is not", async () => {
    await meeting.press("turn_pass", member(6), 1);
    await world.fake.waitForResponse((r) =>
      JSON.stringify(r.body).includes(`It is not your turn: <@${member(7)}> is speaking`),
    );
    expect((await meeting.ledger()).some((e) => e.type === "passed")).toBe(false);
  });

  it("lets only the chair skip a speaker, with a reason on the record", async () => {
    await meeting.press("turn_skip", member(6), 1);
    await world.fake.waitForResponse((r) => JSON.stringify(r.body).includes("Only the chair"));
    const trigger = "98765.4321.abcdef";
    await world.bot.driver.blockAction({
      actionId: "turn_skip",
      value: `${meeting.sessionId}|1`,
      userId: ADMIN,
      channelId: CHANNEL,
      triggerId: trigger,
    });
    await world.fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger);
    const noReason = await world.bot.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({
        sessionId: meeting.sessionId,
        action: "skip",
        turnIndex: 1,
        userId: member(7),
      }),
      values: { reason: { value: { type: "plain_text_input", value: "  " } } },
      userId: ADMIN,
    });
    expect(noReason.body).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("Give a reason") },
    });
    const skipped = await world.bot.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({
        sessionId: meeting.sessionId,
        action: "skip",
        turnIndex: 1,
        userId: member(7),
      }),
      values: { reason: { value: { type: "plain_text_input", value: "Called away to a flood site" } } },
      userId: ADMIN,
    });
    expect(skipped.text).toBe("");
    const entry = await meeting.waitForEntry((e) => e.type === "skipped");
    expect(entry.payload).toMatchObject({
      by: ADMIN,
      userId: member(7),
      reason: "Called away to a flood site",
    });
    await world.fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).includes(`<@${ADMIN}> skipped <@${member(7)}>: Called away to a flood site`),
    );
    await meeting.waitForTurnCall(member(6), 2);
  });

  it("pauses and resumes through the header menu: replies while paused are not statements", async () => {
    const trigger = "11111.2222.pause";
    await world.bot.driver.blockAction({
      actionId: "session_chair_menu",
      value: "",
      userId: ADMIN,
      channelId: CHANNEL,
      messageTs: meeting.headerTs,
      triggerId: trigger,
      selectedOption: `${meeting.sessionId}|pause`,
    });
    await world.fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger);
    await world.bot.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({ sessionId: meeting.sessionId, action: "pause", userId: ADMIN }),
      values: { reason: { value: { type: "plain_text_input", value: "Lunch break" } } },
      userId: ADMIN,
    });
    await meeting.waitForEntry((e) => e.type === "paused");
    await meeting.say(member(6), "Something while paused");
    await ephemeralTo(member(6), "The session is paused");
    expect(
      (await meeting.waitForEntry((e) => e.type === "out_of_turn" && e.actor_id === member(6))).payload
        .reason,
    ).toBe("paused");
  });
});
