import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

/*
 * Issue 12, item 4: a matter, nominee name or reason containing <!channel>, <!here> or a disguised
 * link pinged the whole channel or showed the link, in the header, the vote message, thread
 * notices, the outcome and the minutes. Here the strings go through the command, the forms and a
 * statement, and every message the bot sent to Slack is read.
 */

const EVIL = "<!channel> <!here> <https://evil.example|the official minutes>";
const MARKUP = /<!channel>|<!here>|<https:\/\/evil/;

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

async function withReason(userId: string, action: string, reason: string, turnIndex?: number) {
  const sent = await meeting.submitReason(userId, action, reason, turnIndex);
  expect(sent.body).toBeFalsy();
}

describe("what people type cannot ping the channel or disguise a link", () => {
  it("escapes the matter, nominee names, reasons and statements in every post", async () => {
    await meeting.start(
      ADMIN,
      `personnel <@${member(2)}> Appoint ${EVIL} --nominee "Wang ${EVIL}" <@${member(3)}>`,
    );
    await meeting.waitForTurnCall(member(2), 0);
    await withReason(member(6), "recuse", `Cousin ${EVIL}`);
    await meeting.waitForEntry((e) => e.type === "recused");
    // The proposer presents (their turn cannot be skipped); the chair skips the next speaker.
    await meeting.speak(member(2), 0);
    await withReason(ADMIN, "skip", `Late ${EVIL}`, 1);
    await meeting.waitForTurnCall(member(5), 3); // turn 2 was the recused member's, passed over
    await meeting.say(member(5), `I agree ${EVIL}`);
    await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === member(5));
    await withReason(ADMIN, "pause", `Break ${EVIL}`);
    await meeting.waitForEntry((e) => e.type === "paused");
    await withReason(ADMIN, "defer", `Audit ${EVIL}`);
    await meeting.waitForEntry((e) => e.type === "deferred");
    await world.bot.running.announcer.idle();

    const sent = world.fake.calls.filter((c) => c.method.startsWith("chat."));
    expect(sent.length).toBeGreaterThan(5);
    // The words are all there, as text.
    const all = JSON.stringify(sent.map((c) => c.params));
    for (const said of ["Appoint", "Cousin", "Late", "Break", "Audit"]) {
      expect(all).toContain(
        `${said} &lt;!channel&gt; &lt;!here&gt; &lt;https://evil.example|the official minutes&gt;`,
      );
    }
    for (const call of sent) expect(JSON.stringify(call.params), call.method).not.toMatch(MARKUP);

    const ledger = await world.bot.driver.command({
      command: "/lastword",
      text: "ledger",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    const answer = await world.fake.waitForResponse((r) => r.id === ledger.responseUrlId, 10_000);
    expect(JSON.stringify(answer.body)).toContain("Appoint &lt;!channel&gt;");
    expect(JSON.stringify(answer.body)).not.toMatch(MARKUP);
  });
});
