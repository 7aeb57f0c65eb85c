import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

describe("the chair's and members' actions, each on the record with its reason", () => {
  it("lets a member recuse themselves: they are skipped in the speaking order", async () => {
    await meeting.start(ADMIN, `project <@${member(4)}> Award the bridge contract`);
    await meeting.waitForTurnCall(member(4), 0);
    const trigger = "22222.3333.recuse";
    await world.bot.driver.blockAction({
      actionId: "session_chair_menu",
      value: "",
      userId: member(6),
      channelId: CHANNEL,
      messageTs: meeting.headerTs,
      triggerId: trigger,
      selectedOption: `${meeting.sessionId}|recuse`,
    });
    await world.fake.waitForCall("views.open", (c) => c.params.trigger_id === trigger);
    await meeting.submitReason(member(6), "recuse", "My brother-in-law bids for the contract");
    const entry = await meeting.waitForEntry((e) => e.type === "recused");
    expect(entry.payload).toMatchObject({
      userId: member(6),
      by: member(6),
      reason: "My brother-in-law bids for the contract",
    });
    await world.fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).includes(`<@${member(6)}> is recused`),
    );
    await meeting.speak(member(4), 0);
    await meeting.waitForTurnCall(member(7), 1);
    await meeting.press("turn_pass", member(7), 1);
    // Member 6 is recused: after 7 comes 5.
    await meeting.waitForTurnCall(member(5), 3);
    expect(meeting.turnCalls().map((c) => c.userId)).not.toContain(member(6));
  });

  it("marks the speaker absent and moves on", async () => {
    await meeting.submitReason(ADMIN, "absent", "Left the meeting", 3);
    expect((await meeting.waitForEntry((e) => e.type === "marked_absent")).payload).toMatchObject({
      userId: member(5),
      reason: "Left the meeting",
    });
    await meeting.waitForTurnCall(member(3), 4);
  });

  it("records a deleted statement without erasing it", async () => {
    const { ts } = await meeting.say(member(3), "A remark I will withdraw.");
    await meeting.waitForEntry((e) => e.type === "statement" && e.payload.messageTs === ts);
    await world.bot.driver.event(
      world.bot.driver.messageDeleted({
        userId: member(3),
        channelId: CHANNEL,
        ts,
        threadTs: meeting.headerTs,
      }),
    );
    await meeting.waitForEntry((e) => e.type === "statement_deleted" && e.payload.messageTs === ts);
    expect(
      (await meeting.ledger()).find((e) => e.type === "statement" && e.payload.messageTs === ts)?.payload
        .text,
    ).toBe("A remark I will withdraw.");
  });

  it("defers the matter with a reason: nothing more can be recorded, and the header says so", async () => {
    expect((await meeting.submitReason(member(2), "defer", "Not my call")).body).toMatchObject({
      response_action: "errors",
      errors: { reason: expect.stringContaining("Only the chair") },
    });
    await meeting.submitReason(ADMIN, "defer", "Await the provincial audit");
    await meeting.waitForEntry((e) => e.type === "deferred");
    await world.fake.waitForCall(
      "chat.update",
      (c) => c.params.ts === meeting.headerTs && JSON.stringify(c.params.blocks).includes("Deferred by"),
    );
    await meeting.press("turn_pass", member(3), 4);
    await world.fake.waitForResponse((r) => JSON.stringify(r.body).includes("This session is closed"));
  });

  it("cancels a session", async () => {
    await meeting.start(ADMIN, `other <@${member(2)}> Rename the meeting room`, 2);
    await meeting.submitReason(ADMIN, "cancel", "Raised by mistake");
    expect((await meeting.waitForEntry((e) => e.type === "cancelled")).payload).toMatchObject({
      by: ADMIN,
      reason: "Raised by mistake",
    });
    world.fake.assertNoViolations();
  });

  it("refuses the proposer's Pass privately, records nothing, and offers the proposer no Pass", async () => {
    await meeting.start(ADMIN, `funds <@${member(3)}> Repair the county road`, 3);
    await meeting.waitForTurnCall(member(3), 0);
    const call = meeting
      .threadPosts()
      .find((c) => JSON.stringify(c.params.blocks ?? []).includes(`${meeting.sessionId}|0`))!;
    const buttons = JSON.stringify(call.params.blocks);
    expect(buttons).toContain("turn_done");
    expect(buttons).not.toContain("turn_pass");
    expect(buttons).not.toContain("turn_skip");
    const before = await meeting.ledger();

    // A press of Pass anyway (an old client, a crafted request) is answered, not obeyed.
    expect((await meeting.press("turn_pass", member(3), 0)).status).toBe(200);
    await world.fake.waitForResponse((r) => JSON.stringify(r.body).includes("your turn cannot be passed"));
    expect((await meeting.press("turn_skip", ADMIN, 0)).status).toBe(200);
    await world.fake.waitForResponse((r) =>
      JSON.stringify(r.body).includes("The proposer's turn cannot be skipped"),
    );
    expect(await meeting.ledger()).toEqual(before);
    expect(meeting.turnCalls().map((c) => c.turnIndex)).toEqual([0]);
  });

  it("defers the session, with the chair's reason, when the chair marks the proposer absent", async () => {
    // Session 3 from the test before: the proposer has still not presented.
    await meeting.submitReason(ADMIN, "absent", "Called to the provincial office", 0);
    const absent = await meeting.waitForEntry((e) => e.type === "marked_absent");
    expect(absent.payload).toMatchObject({ userId: member(3), turnIndex: 0 });
    const deferred = await meeting.waitForEntry((e) => e.type === "deferred");
    expect(deferred).toMatchObject({
      actor_id: ADMIN,
      payload: { by: ADMIN, reason: "Called to the provincial office" },
    });
    expect((await meeting.ledger()).map((e) => e.type).slice(-2)).toEqual(["marked_absent", "deferred"]);
    await world.fake.waitForCall(
      "chat.update",
      (c) => c.params.ts === meeting.headerTs && JSON.stringify(c.params.blocks).includes("Deferred by"),
    );
    // Nobody else is called: the matter waits for its proposer.
    expect(meeting.turnCalls().map((c) => c.turnIndex)).toEqual([0]);
    world.fake.assertNoViolations();
  });
});
