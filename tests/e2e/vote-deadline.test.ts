import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

/*
 * Issue 13 item 5: votes that end. The clock is moved by hand and the scheduler ticked, as the
 * check-in tests do: the reminders and the close at the deadline are jobs in the job table.
 */

let now = Date.parse("2026-12-07T01:00:00Z");
const clock = () => new Date(now);
const HOUR = 3_600_000;

let world: World;
let meeting: Meeting;
beforeAll(async () => {
  world = await startWorld(
    [
      // Member 7 reads Slack in Chinese: their reminder comes in Chinese.
      ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: m.rank === 7 ? "zh-CN" : "en-US" })),
      { id: ADMIN, name: "chair" },
    ],
    { clock, autoTick: false },
  );
  meeting = new Meeting(world);
  await meeting.setUpRoster();
});
afterAll(() => world?.close());

async function lastword(user: string, text: string): Promise<string> {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: user,
    channelId: CHANNEL,
  });
  const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  return (answer.body as { text: string }).text;
}

/** Runs every job due by the clock, and waits until what they recorded has been posted. */
async function tick() {
  await world.bot.running.scheduler.tick();
  await world.bot.running.scheduler.tick();
  await world.bot.running.announcer.idle();
}

/** Vote reminders in a member's DMs (the quarter's check-ins go out there too). */
const dmsTo = (userId: string) =>
  world.fake
    .messagesIn(userId)
    .map((m) => String(m.text))
    .filter((t) => t.includes("session #1") || t.includes("第 1 次会议"));

/** "1 reject", "0 approve", "reject: 1", "1 票反对"…: any count of a choice, in either language. */
const A_COUNT =
  /\d+\s*(approve|reject|abstain)|(approve|reject|abstain)\w*"?\s*:\s*[1-9]|票(赞成|反对|弃权)/i;

describe("a vote with a deadline", () => {
  it("takes the team's default length, set by an admin with /lastword team vote-deadline (表决时限)", async () => {
    expect(await lastword(member(3), "team vote-deadline 4h")).toMatch(/admin/i);
    expect(await lastword(ADMIN, "team vote-deadline 4h")).toContain("now stay open 4 hours");
    expect(await lastword(ADMIN, "team")).toContain("Votes stay open: 4 hours");
    expect(await lastword(ADMIN, "team vote-deadline soon")).toContain("/lastword team vote-deadline 24h");
  });

  it("shows its deadline, reminds those who have not voted at half time and an hour before, in their language", async () => {
    await meeting.start(ADMIN, `decision <@${member(4)}> Pave the market square`);
    await meeting.completeRound([4, 7, 6, 5, 3, 2, 1].map(member));
    const opened = now;
    const deadline = Math.floor((opened + 4 * HOUR) / 1000);
    const { blocks } = await meeting.voteMessage();
    expect(JSON.stringify(blocks)).toContain(`The vote closes at <!date^${deadline}^`);
    await meeting.vote(member(1), "motion", "approve");
    await meeting.vote(member(2), "motion", "approve");
    await meeting.waitForEntry((e) => e.type === "vote_cast" && e.actor_id === member(2));

    // Nothing before half time.
    now = opened + 2 * HOUR - 1000;
    await tick();
    expect((await meeting.ledger()).some((e) => e.type === "voters_reminded")).toBe(false);

    now = opened + 2 * HOUR;
    await tick();
    const half = await meeting.waitForEntry((e) => e.type === "voters_reminded");
    expect(half).toMatchObject({ actor_id: null, payload: { which: "half" } });
    expect(half.payload.userIds).toEqual([3, 4, 5, 6, 7].map(member));
    for (const rank of [3, 4, 5, 6]) {
      const [dm] = dmsTo(member(rank));
      expect(dm).toContain("half the time for the vote on session #1 (Pave the market square) has gone");
      expect(dm).toContain(`<!date^${deadline}^`);
    }
    expect(dmsTo(member(7))[0]).toContain("表决时间已过半，您尚未投票");
    expect(dmsTo(member(1))).toEqual([]);

    // The job firing again, or late, records nothing more and sends nothing more.
    await tick();
    expect((await meeting.ledger()).filter((e) => e.type === "voters_reminded")).toHaveLength(1);
    expect(dmsTo(member(3))).toHaveLength(1);

    await meeting.vote(member(3), "motion", "reject");
    await meeting.waitForEntry((e) => e.type === "vote_cast" && e.actor_id === member(3));
    now = opened + 3 * HOUR;
    await tick();
    const hour = await meeting.waitForEntry(
      (e) => e.type === "voters_reminded" && e.payload.which === "hour",
    );
    expect(hour.payload.userIds).toEqual([4, 5, 6, 7].map(member));
    expect(dmsTo(member(4))[1]).toContain("closes in an hour");
    expect(dmsTo(member(3))).toHaveLength(1);
  });

  it("closes by itself at the deadline with the team's rules, recorded as closed by the deadline", async () => {
    const started = (await meeting.ledger()).find((e) => e.type === "voting_opened")!;
    now = Date.parse(String(started.payload.deadline));
    await tick();
    const closed = await meeting.waitForEntry((e) => e.type === "vote_closed");
    expect(closed).toMatchObject({
      actor_id: null,
      payload: {
        by: null,
        reason: null,
        atDeadline: true,
        voted: [1, 2, 3].map(member),
        outcome: "rejected",
      },
    });
    expect(closed.payload.results).toEqual([
      { questionId: "motion", approve: 2, reject: 1, abstain: 0, passed: false },
    ]);
    await world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === meeting.headerTs &&
        String(c.params.text).includes("Closed at its deadline: those who had not voted were not counted."),
    );
    // Firing again after the close changes nothing.
    now += HOUR;
    await tick();
    expect((await meeting.ledger()).filter((e) => e.type === "vote_closed")).toHaveLength(1);
    world.fake.assertNoViolations();
  });

  it("closes a secret ballot below the quorum at its deadline with no totals anywhere", async () => {
    await meeting.start(
      ADMIN,
      `personnel <@${member(2)}> Appoint the head of the audit bureau --vote 90m --nominee "Wang Wu" <@${member(3)}>`,
      2,
    );
    await meeting.completeRound([2, 7, 6, 5, 4, 3, 1].map(member));
    const opened = (await meeting.ledger()).find((e) => e.type === "voting_opened")!;
    expect(Date.parse(String(opened.payload.deadline)) - now).toBe(90 * 60_000);
    await meeting.castSecret(member(5), { n1: "reject" });
    await meeting.waitForEntry((e) => e.type === "ballot_cast");
    const posted = world.fake.calls.length;

    now = Date.parse(String(opened.payload.deadline));
    await tick();
    const closed = await meeting.waitForEntry((e) => e.type === "vote_closed");
    expect(closed.payload).toMatchObject({
      atDeadline: true,
      withheld: true,
      outcome: "no_quorum",
      results: [{ questionId: "n1", approve: 0, reject: 0, abstain: 0, passed: false }],
    });
    await world.bot.running.announcer.idle();
    const outcome = await world.fake.waitForCall("chat.postMessage", (c) =>
      String(c.params.text).includes("1 ballots were cast and at least 5 are needed"),
    );
    expect(String(outcome.params.text)).toContain("no totals are shown");
    const after = world.fake.calls
      .slice(posted)
      .filter((c) => c.method.startsWith("chat.") || c.method.startsWith("views."));
    for (const call of after) expect(JSON.stringify(call.params), call.method).not.toMatch(A_COUNT);
  });

  it("stays open until everyone has voted only in a live meeting whose chair is present", async () => {
    // The admin chairing is not on the roster: not a chair in the room.
    expect(await meeting.decide(ADMIN, `other <@${member(4)}> Rename the hall --vote live`)).toContain(
      "only for a live meeting with its chair present",
    );
    // Member 2 chairs, present: the vote then has no deadline, and says so.
    await meeting.start(member(2), `other <@${member(4)}> Rename the hall --vote live`, 3);
    await meeting.completeRound([4, 7, 6, 5, 3, 2, 1].map(member));
    const opened = (await meeting.ledger()).find((e) => e.type === "voting_opened")!;
    expect(opened.payload.deadline).toBeNull();
    const { blocks } = await meeting.voteMessage();
    expect(JSON.stringify(blocks)).toContain("Open until everyone has voted");
    now += 40 * 24 * HOUR;
    await tick();
    expect((await meeting.ledger()).some((e) => e.type === "vote_closed")).toBe(false);
  });
});
