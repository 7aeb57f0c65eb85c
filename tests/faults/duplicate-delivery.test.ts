/**
 * Slack delivering everything twice: every thread reply, edit and deletion comes again with
 * X-Slack-Retry-Num: 1 and the same event_id (sometimes after the first was answered, sometimes
 * at the same moment), and every button press and form submission is sent twice (a double click,
 * or two clicks at once). The ledger holds one entry per message, edit, deletion, turn end and vote.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackEvent } from "../harness/signed-requests.ts";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";
import { checkIntegrity, eventually, replyEvent, statementsPerTs, turnEnds } from "./support.ts";

let world: World;
let meeting: Meeting;
const ORDER = [4, 7, 6, 5, 3, 2, 1].map(member);

beforeAll(async () => {
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
}, 60_000);
afterAll(() => world?.close());

type Twice = "after" | "together";

/** An event as Slack sends it, then its retry (same event_id), after the first answer or at once. */
async function deliverTwice(event: SlackEvent, eventId: string, how: Twice): Promise<void> {
  const { driver } = world.bot;
  const first = () => driver.event(event, { eventId });
  const retry = () => driver.event(event, { eventId, retryNum: 1, retryReason: "http_timeout" });
  const answers = how === "after" ? [await first(), await retry()] : await Promise.all([first(), retry()]);
  expect(answers.map((r) => r.status)).toEqual([200, 200]);
}

async function sayTwice(userId: string, text: string, how: Twice): Promise<string> {
  const r = replyEvent(world.bot.driver, world.fake, meeting.headerTs, userId, text);
  await deliverTwice(r.event, r.eventId, how);
  return r.ts;
}

async function twice(how: Twice, press: () => Promise<{ status: number }>): Promise<void> {
  const answers = how === "after" ? [await press(), await press()] : await Promise.all([press(), press()]);
  expect(answers.map((r) => r.status)).toEqual([200, 200]);
}

const entryFor = (ts: string) =>
  meeting.waitForEntry(
    (e) => e.payload.messageTs === ts && (e.type === "statement" || e.type === "out_of_turn"),
  );
const turnEnded = (index: number) =>
  meeting.waitForEntry(
    (e) =>
      ["turn_finished", "passed", "principal_concluded", "skipped"].includes(e.type) &&
      e.payload.turnIndex === index,
  );

describe("Slack delivering every event twice", () => {
  it("records one entry per message, edit, deletion, turn end and vote", async () => {
    await meeting.start(ADMIN, `decision <@${member(4)}> Merge the two township health centres`);
    const sentTs: string[] = [];

    // Turn 0: two messages, each delivered again after the first answer; an edit, twice; Done, twice.
    await meeting.waitForTurnCall(ORDER[0]!, 0);
    const first = await sayTwice(ORDER[0]!, "We propose to merge the centres.", "after");
    sentTs.push(first, await sayTwice(ORDER[0]!, "The budget is in the attachment.", "after"));
    await entryFor(first);
    const editEventId = `EvEdit${first.replace(".", "")}`;
    const edit = world.bot.driver.messageChanged({
      userId: ORDER[0]!,
      channelId: CHANNEL,
      text: "We propose to merge the two centres.",
      ts: first,
      threadTs: meeting.headerTs,
    });
    await deliverTwice(edit, editEventId, "after");
    await entryFor(sentTs[1]!);
    await twice("after", () => meeting.press("turn_done", ORDER[0]!, 0));
    await turnEnded(0);

    // Turn 1: messages and a deletion delivered twice at the same moment; Done clicked twice at once.
    await meeting.waitForTurnCall(ORDER[1]!, 1);
    const kept = await sayTwice(ORDER[1]!, "I support it.", "together");
    const removed = await sayTwice(ORDER[1]!, "With one condition.", "together");
    sentTs.push(kept, removed);
    await entryFor(kept);
    await entryFor(removed);
    const deletion = world.bot.driver.messageDeleted({
      userId: ORDER[1]!,
      channelId: CHANNEL,
      ts: removed,
      previousText: "With one condition.",
      threadTs: meeting.headerTs,
    });
    await deliverTwice(deletion, `EvDel${removed.replace(".", "")}`, "together");
    await meeting.waitForEntry((e) => e.type === "statement_deleted");
    await twice("together", () => meeting.press("turn_done", ORDER[1]!, 1));
    await turnEnded(1);

    // Turn 2: Pass clicked twice at once.
    await meeting.waitForTurnCall(ORDER[2]!, 2);
    await twice("together", () => meeting.press("turn_pass", ORDER[2]!, 2));
    await turnEnded(2);

    // Turn 3: the chair skips: the Skip button twice, then the reason form submitted twice at once.
    await meeting.waitForTurnCall(ORDER[3]!, 3);
    await twice("together", () => meeting.press("turn_skip", ADMIN, 3));
    await world.fake.waitForCall("views.open", (c) =>
      JSON.stringify(c.params.view).includes("session_reason"),
    );
    const skip = () =>
      world.bot.driver.viewSubmission({
        callbackId: "session_reason",
        privateMetadata: JSON.stringify({
          sessionId: meeting.sessionId,
          action: "skip",
          turnIndex: 3,
          userId: ORDER[3]!,
        }),
        values: { reason: { value: { type: "plain_text_input", value: "Stepped out" } } },
        userId: ADMIN,
      });
    const skips = await Promise.all([skip(), skip()]);
    expect(skips.map((s) => s.status)).toEqual([200, 200]);
    // One is recorded (Bolt's empty ack); the other is told the turn is over, in the form.
    expect(skips.filter((s) => s.text === "")).toHaveLength(1);
    expect(skips.find((s) => s.text !== "")?.body).toMatchObject({ response_action: "errors" });
    await turnEnded(3);

    // Turn 4: Pass clicked twice, one after the other.
    await meeting.waitForTurnCall(ORDER[4]!, 4);
    await twice("after", () => meeting.press("turn_pass", ORDER[4]!, 4));
    await turnEnded(4);

    // Turns 5 and 6: one message each, delivered twice; Done twice.
    for (const [index, how] of [
      [5, "after"],
      [6, "together"],
    ] as const) {
      await meeting.waitForTurnCall(ORDER[index]!, index);
      const ts = await sayTwice(ORDER[index]!, index === 6 ? "Concluding statement." : "Agreed.", how);
      sentTs.push(ts);
      await entryFor(ts);
      await twice(how, () => meeting.press("turn_done", ORDER[index]!, index));
      await turnEnded(index);
    }
    await meeting.waitForEntry((e) => e.type === "voting_opened");

    // The vote: every click twice; member 7 changes their mind (each click twice too).
    await meeting.voteMessage();
    await twice("together", () => meeting.vote(member(7), "motion", "reject"));
    await meeting.waitForEntry((e) => e.type === "vote_cast" && e.actor_id === member(7));
    await twice("after", () => meeting.vote(member(7), "motion", "approve"));
    const choices = {
      1: "approve",
      2: "approve",
      3: "reject",
      4: "approve",
      5: "abstain",
      6: "reject",
    } as const;
    for (const [rank, choice] of Object.entries(choices))
      await twice(Number(rank) % 2 ? "together" : "after", () =>
        meeting.vote(member(Number(rank)), "motion", choice),
      );
    await meeting.waitForEntry((e) => e.type === "vote_closed");
    await eventually(
      "outbox empty",
      async () =>
        (await world.database.sql("SELECT 1 FROM session WHERE announced_seq < last_seq")).length === 0,
      10_000,
    );

    const { entries, events, state } = await checkIntegrity(world.database.sql, meeting.sessionId);
    expect(state.phase).toBe("closed");
    for (const [ts, n] of statementsPerTs(events)) expect(n, `message ${ts}`).toBe(1);
    expect(
      events
        .filter((e) => e.type === "statement")
        .map((e) => (e as { messageTs: string }).messageTs)
        .sort(),
    ).toEqual([...sentTs].sort());
    expect(events.filter((e) => e.type === "out_of_turn")).toHaveLength(0);
    expect(events.filter((e) => e.type === "statement_edited")).toHaveLength(1);
    expect(events.filter((e) => e.type === "statement_deleted")).toHaveLength(1);
    const ends = turnEnds(events);
    expect([...ends.entries()].sort(([x], [y]) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => [i, 1]));
    expect(events.filter((e) => e.type === "skipped")).toHaveLength(1);
    expect(events.filter((e) => e.type === "turn_started")).toHaveLength(7);
    const casts = entries
      .filter((e) => e.type === "vote_cast")
      .map((e) => [e.actorId, (e.payload as { choice: string }).choice]);
    expect(casts.filter(([who]) => who === member(7))).toEqual([
      [member(7), "reject"],
      [member(7), "approve"],
    ]);
    expect(casts).toHaveLength(8);
    expect(entries.filter((e) => e.type === "vote_closed")).toHaveLength(1);
    // Slack saw each turn called once and the outcome once.
    for (let index = 0; index < 7; index++)
      expect(
        meeting.turnCalls().filter((c) => c.turnIndex === index),
        `calls of turn ${index}`,
      ).toHaveLength(1);
    expect(meeting.threadPosts().filter((c) => String(c.params.text).includes("*Passed.*"))).toHaveLength(1);
    expect(await world.database.sql("SELECT * FROM inbox_event")).toEqual([]);
    world.fake.assertNoViolations();
  }, 90_000);
});
