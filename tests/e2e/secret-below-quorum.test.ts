import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

/*
 * Issue 12, item 2: a chair could unmask a voter by closing a secret ballot after one ballot; the
 * outcome then showed that person's choice. Here the chair tries exactly that, and then everything
 * anyone can read (every post and edit in Slack, the minutes, the ledger list, the export, the
 * ledger's own entry) is searched for a count.
 */

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

async function lastwordAnswers(text: string, parts: number): Promise<string> {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: ADMIN,
    channelId: CHANNEL,
  });
  await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  const until = Date.now() + 10_000;
  for (;;) {
    const answers = world.fake.responses.filter((r) => r.id === sent.responseUrlId);
    if (answers.length >= parts || Date.now() > until) return JSON.stringify(answers.map((a) => a.body));
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** "1 reject", "0 approve", "reject: 1", "1 票反对"…: any count of a choice, in either language. */
const A_COUNT =
  /\d+\s*(approve|reject|abstain)|(approve|reject|abstain)\w*"?\s*:\s*[1-9]|票(赞成|反对|弃权)/i;

describe("a secret ballot closed below the quorum shows no totals to anyone", () => {
  it("the chair closes after one ballot: the outcome is no quorum, with no count anywhere", async () => {
    await meeting.start(
      ADMIN,
      `personnel <@${member(2)}> Appoint the head of the audit bureau --nominee "Wang Wu" <@${member(3)}>`,
    );
    await meeting.completeRound([2, 7, 6, 5, 4, 3, 1].map(member));
    const posted = world.fake.calls.length;
    await meeting.castSecret(member(5), { n1: "reject" });
    await meeting.waitForEntry((e) => e.type === "ballot_cast");
    const closed = await world.bot.driver.viewSubmission({
      callbackId: "session_reason",
      privateMetadata: JSON.stringify({ sessionId: meeting.sessionId, action: "close_vote", userId: ADMIN }),
      values: { reason: { value: { type: "plain_text_input", value: "Enough" } } },
      userId: ADMIN,
    });
    expect(closed.status).toBe(200);
    const entry = await meeting.waitForEntry((e) => e.type === "vote_closed");
    expect(entry.payload).toMatchObject({
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
    expect(after.length).toBeGreaterThan(0);
    for (const call of after) {
      expect(JSON.stringify(call.params), call.method).not.toMatch(A_COUNT);
    }

    expect(await lastwordAnswers("ledger", 1)).toContain("no quorum");
    // The export arrives as two files (the minutes and the CSV) in the asker's DM.
    await lastwordAnswers("ledger export 1", 1);
    const until = Date.now() + 10_000;
    while (world.fake.filesIn(ADMIN).length < 2 && Date.now() < until)
      await new Promise((r) => setTimeout(r, 25));
    const exported = world.fake
      .filesIn(ADMIN)
      .map((f) => f.content!.toString("utf8"))
      .join("\n");
    expect(exported).toContain("ballots were cast and at least 5 are needed");
    // The export's CSV holds the ledger's raw entry: zeros, never the one ballot's choice.
    expect(exported).not.toMatch(/\\"reject\\":1|"reject":1/);
    expect(exported).not.toMatch(/1 reject/);
  });
});
