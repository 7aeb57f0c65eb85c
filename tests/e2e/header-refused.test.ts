/**
 * Slack refuses a session's header (the bot was never invited to the channel): the chair is told
 * privately what to do, the session is shown as waiting, posting is retried, and once the bot is
 * in the channel the session appears and goes on from its first turn.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair", locale: "en-US" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

/** Opens App Home as `user` and returns the view the bot published for it, as text. */
async function home(user: string): Promise<string> {
  const before = world.fake.callsTo("views.publish").length;
  await world.bot.driver.event({
    type: "app_home_opened",
    user,
    channel: world.fake.dmChannelFor(user),
    tab: "home",
    event_ts: world.fake.nextTs(),
  });
  const published = await vi.waitFor(
    () => {
      const call = world.fake
        .callsTo("views.publish")
        .slice(before)
        .find((c) => c.params.user_id === user);
      if (!call) throw new Error(`no App Home published for ${user} yet`);
      return call;
    },
    { timeout: 10_000, interval: 20 },
  );
  return JSON.stringify(published.params.view);
}

/** `/lastword status` in the channel, as a member; the private answer. */
async function status(): Promise<string> {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text: "status",
    userId: member(3),
    channelId: CHANNEL,
  });
  const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return (answer.body as { text: string }).text;
}

const headerAttempts = () =>
  world.fake
    .callsTo("chat.postMessage")
    .filter(
      (c) => c.params.channel === CHANNEL && !c.params.thread_ts && String(c.params.text).includes("#1:"),
    );

const dmsToChair = () => world.fake.callsTo("chat.postMessage").filter((c) => c.params.channel === ADMIN);

describe("a header Slack refuses", () => {
  it("not_in_channel: the chair is told once what to do, the session waits shown as waiting, and is posted and goes on once the bot is invited", async () => {
    // The bot is not in the channel: Slack refuses whatever it posts there.
    world.fake.respondTo("chat.postMessage", (request) =>
      request.params.channel === CHANNEL
        ? { ok: false, error: "not_in_channel" }
        : world.fake.defaultAnswer("chat.postMessage", request.params),
    );
    await meeting.decide(ADMIN, `decision <@${member(2)}> Rebuild the market hall`);

    const dm = await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.channel === ADMIN && String(c.params.text).includes("/invite @Lastword"),
      15_000,
    );
    expect(String(dm.params.text)).toContain(`could not post session #1 in <#${CHANNEL}>`);
    expect(await home(ADMIN)).toContain("Sessions waiting to be posted");
    expect(await status()).toContain("#1: Rebuild the market hall. Waiting to be posted");
    // Someone else on the team is not shown the chair's task.
    expect(await home(member(3))).not.toContain("Sessions waiting to be posted");

    // Tried again after a pause, and the chair is not told again.
    await vi.waitFor(() => expect(headerAttempts().length).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
      interval: 200,
    });
    expect(dmsToChair()).toHaveLength(1);

    // The chair invites the bot: the next attempt posts the header, and the first turn is called.
    world.fake.respondTo("chat.postMessage", undefined);
    const header = await world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.channel === CHANNEL &&
        !c.params.thread_ts &&
        String(c.params.text).includes("#1:") &&
        (c.response as { ok?: boolean }).ok === true,
      20_000,
    );
    meeting.headerTs = String((header.response as { ts: string }).ts);
    await world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === meeting.headerTs &&
        JSON.stringify(c.params.blocks ?? []).includes(`<@${member(2)}>`),
      10_000,
    );
    expect(await home(ADMIN)).not.toContain("Sessions waiting to be posted");
    expect(await status()).toContain(`#1: Rebuild the market hall. <@${member(2)}>'s turn to speak.`);
    expect(dmsToChair()).toHaveLength(1);
  });
});
