import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHANNEL, startWorld, type World } from "../support/bot.ts";
import { sweepInbox } from "../../src/slack/inbox/keep-before-ack.ts";
import { withClient } from "../support/database.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

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
});
afterAll(() => world?.close());

const privateAnswer = (pattern: string) =>
  world.fake.waitForResponse((r) => JSON.stringify(r.body).includes(pattern), 10_000);

describe("a named vote", () => {
  it("opens after the principal's conclusion, with the ballot type explained", async () => {
    await meeting.start(ADMIN, `funds <@${member(4)}> Buy two ambulances for 1.2 million`);
    await meeting.completeRound(ORDER);
    const vote = await meeting.voteMessage();
    expect(JSON.stringify(vote.blocks)).toContain(
      "Named vote: who has voted is shown now; how each member voted is published, with names, when the vote closes.",
    );
  });

  it("records each vote, shows who has voted but not how, confirms it privately, and keeps a changed vote beside the first", async () => {
    await meeting.vote(member(7), "motion", "reject");
    await privateAnswer("you voted *Reject* on the motion");
    const redrawn = await world.fake.waitForCall("chat.update", (c) =>
      JSON.stringify(c.params.blocks ?? []).includes(`Voted:* <@${member(7)}>`),
    );
    // How the member voted stays out of the channel until the close: later voters are not anchored.
    expect(JSON.stringify(redrawn.params.blocks)).not.toContain(`<@${member(7)}>: Reject`);
    await meeting.vote(member(7), "motion", "approve");
    await privateAnswer("you changed your vote to *Approve*");
    const casts = (await meeting.ledger()).filter((e) => e.type === "vote_cast" && e.actor_id === member(7));
    expect(casts.map((e) => [e.payload.choice, e.payload.changed])).toEqual([
      ["reject", false],
      ["approve", true],
    ]);
    // Nor does the ledger's export show them while the vote is open.
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "ledger export 1",
      userId: member(2),
      channelId: CHANNEL,
    });
    const refused = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    expect((refused.body as { text: string }).text).toBe(
      "Session #1 is voting by name and its choices are shown only when the vote closes; export it after the close.",
    );
  });

  it("keeps a vote whose recording failed after the ack, records it from the inbox once, and tells the voter privately", async () => {
    // The database refuses the next ledger write (a failure after Slack already had its ack).
    await world.database.sql(`
      CREATE FUNCTION fail_next_append() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the disk is full'; END $$;
      CREATE TRIGGER fail_next_append BEFORE INSERT ON ledger_entry FOR EACH ROW EXECUTE FUNCTION fail_next_append();`);
    try {
      const press = await meeting.vote(member(5), "motion", "abstain");
      expect(press.status).toBe(200);
      await privateAnswer("It has been kept and will be recorded within a minute");
    } finally {
      await world.database.sql(
        "DROP TRIGGER fail_next_append ON ledger_entry; DROP FUNCTION fail_next_append();",
      );
    }
    // The sweep (run here at once rather than after its ten seconds) records it, and running it
    // again records nothing more.
    await sweepInbox(world.bot.running.deps, 0);
    await sweepInbox(world.bot.running.deps, 0);
    expect(
      (await meeting.ledger()).filter((e) => e.type === "vote_cast" && e.actor_id === member(5)),
    ).toHaveLength(1);
    await world.fake.waitForCall(
      "chat.postEphemeral",
      (c) =>
        c.params.user === member(5) && String(c.params.text).includes("you voted *Abstain* on the motion"),
      10_000,
    );
    expect(await world.database.sql("SELECT 1 FROM inbox_event")).toEqual([]);
  });

  it("refuses a vote from someone not eligible, privately, and records nothing", async () => {
    await meeting.vote(ADMIN, "motion", "approve");
    await privateAnswer(`<@${ADMIN}> cannot vote in this session`);
    expect((await meeting.ledger()).some((e) => e.type === "vote_cast" && e.actor_id === ADMIN)).toBe(false);
  });

  it("closes by itself when all have voted; passes with more than half of the full roster; posts outcome and minutes", async () => {
    // 4 of 7 approve: more than half of the full roster (3.5).
    const choices: Record<number, "approve" | "reject" | "abstain"> = {
      1: "approve",
      2: "approve",
      3: "approve",
      4: "reject",
      5: "abstain",
      6: "reject",
    };
    for (const [rank, choice] of Object.entries(choices))
      await meeting.vote(member(Number(rank)), "motion", choice);
    const closed = await meeting.waitForEntry((e) => e.type === "vote_closed");
    expect(closed.payload).toMatchObject({
      outcome: "passed",
      by: null,
      base: 7,
      results: [{ questionId: "motion", approve: 4, reject: 2, abstain: 1, passed: true }],
    });
    const outcome = await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.thread_ts === meeting.headerTs && String(c.params.text).includes("*Passed.*"),
    );
    expect(outcome.params.text).toContain("the motion: 4 approve, 2 reject, 1 abstain: passed");
    expect(outcome.params.text).toContain(`<@${member(7)}>: Approve`);
    await world.fake.waitForCall(
      "chat.update",
      (c) => c.params.ts === meeting.headerTs && JSON.stringify(c.params.blocks).includes("Vote closed"),
    );
    // At the close the vote message shows every choice, with names.
    const { ts: voteTs } = await meeting.voteMessage();
    await world.fake.waitForCall(
      "chat.update",
      (c) => c.params.ts === voteTs && JSON.stringify(c.params.blocks).includes(`<@${member(7)}>: Approve`),
    );
    // The minutes: Block Kit in the thread, names as mentions, statements linked to their messages.
    const minutes = await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.thread_ts === meeting.headerTs && c.params.text === "Minutes of session #1",
    );
    const blocks = minutes.params.blocks as Array<{
      type: string;
      text?: { text: string };
      fields?: Array<{ text: string }>;
    }>;
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Minutes of session #1" },
    });
    const shown = blocks.map((b) => [b.text?.text ?? "", ...(b.fields ?? []).map((f) => f.text)].join("\n"));
    expect(shown).toContain("*Matter*\nBuy two ambulances for 1.2 million");
    const facts = blocks.find((b) => b.fields)!.fields!.map((f) => f.text);
    expect(facts).toEqual(
      expect.arrayContaining([
        "*Category*\nlarge expenditure",
        // Nobody on this roster holds the finance power, so the minutes say so beside the proposer.
        `*Proposer*\n<@${member(4)}> (not the deputy in charge)`,
        `*Chair*\n<@${ADMIN}>`,
        `*Principal*\n<@${member(1)}>`,
        "*Present*\n7 of 7 (at least 4 needed)",
        "*Outcome*\npassed",
      ]),
    );
    const conclusion = shown.find((t) => t.startsWith(`7. <@${member(1)}>`))!;
    expect(conclusion).toMatch(
      new RegExp(
        `> Concluding statement\\. <https://[^/]+/archives/${CHANNEL}/p\\d{16}\\?thread_ts=${meeting.headerTs}&cid=${CHANNEL}\\|\\(message\\)>`,
      ),
    );
    expect(shown.find((t) => t.startsWith(`1. <@${member(4)}>`))).toContain("presents the proposal: spoke");
    expect(shown.find((t) => t.startsWith(`2. <@${member(7)}>`))).toContain("passed without a statement");
    const byName = shown.find((t) => t.startsWith("*Votes by name*"))!;
    expect(byName.split("\n").slice(1).sort()).toEqual(
      [1, 2, 3, 7]
        .map((r) => `<@${member(r)}>: Approve`)
        .concat([`<@${member(4)}>: Reject`, `<@${member(5)}>: Abstain`, `<@${member(6)}>: Reject`])
        .sort(),
    );
    expect(JSON.stringify(blocks)).not.toContain("```");
    expect(
      (
        await world.database.sql<{ outcome: string }>("SELECT outcome FROM session WHERE id = $1", [
          meeting.sessionId,
        ])
      )[0]!.outcome,
    ).toBe("passed");
  });

  it("refuses a vote after the close", async () => {
    await meeting.vote(member(5), "motion", "approve");
    await privateAnswer("This session is closed");
  });

  it("ends the minutes with the session's final hash, which /lastword ledger verify finds until the record is rewritten", async () => {
    const [last] = await world.database.sql<{ hash: string }>(
      "SELECT hash FROM ledger_entry WHERE session_id = $1 ORDER BY seq DESC LIMIT 1",
      [meeting.sessionId],
    );
    const hash = last!.hash;
    const posted = await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.thread_ts === meeting.headerTs && String(c.params.text).includes(hash),
    );
    expect(posted.params.text).toBe(
      `The record of session #1 ends at \`${hash}\`. Keep it: \`/lastword ledger verify ${hash}\` says later whether the record still leads here.`,
    );
    const verify = async (text: string) => {
      const sent = await world.bot.driver.command({
        command: "/lastword",
        text,
        userId: member(6),
        channelId: CHANNEL,
      });
      return (await world.fake.waitForResponse((r) => r.id === sent.responseUrlId)).body as {
        text: string;
        response_type: string;
      };
    };
    const entries = Number(
      (
        await world.database.sql<{ n: number }>(
          "SELECT count(*)::int AS n FROM ledger_entry WHERE session_id = $1",
          [meeting.sessionId],
        )
      )[0]!.n,
    );
    // Copied with the backticks Slack shows it in, and in capitals: still the same hash.
    expect(await verify(`ledger verify \`${hash.toUpperCase()}\``)).toEqual({
      response_type: "ephemeral",
      text:
        `:white_check_mark: The record still leads to \`${hash}\`: it is entry ${entries} of session #1, in a chain that holds.\n` +
        `:white_check_mark: The ledger is intact: 1 sessions and ${entries} entries checked, every hash chain holds.`,
    });
    expect((await verify("ledger verify 12345")).text).toContain("That is not a ledger hash.");
    // A DBA deletes the close and rewinds the session row to match: the chain alone still holds.
    await withClient(world.database.url, async (c) => {
      await c.query("SET session_replication_role = replica");
      await c.query("DELETE FROM ledger_entry WHERE session_id = $1 AND seq = $2", [
        meeting.sessionId,
        entries,
      ]);
      await c.query(
        "UPDATE session SET last_seq = last_seq - 1, announced_seq = last_seq - 1 WHERE id = $1",
        [meeting.sessionId],
      );
    });
    const after = await verify(`ledger verify ${hash}`);
    expect(after.text).toContain(`:rotating_light: The record no longer leads to \`${hash}\``);
    expect(after.text).toContain("the session's record says something its entries do not");
  });
});

describe("a secret ballot with two nominees", () => {
  const receipts: string[] = [];

  it("starts a personnel session with nominees and their recommenders", async () => {
    await meeting.start(
      ADMIN,
      `personnel <@${member(2)}> Appoint the head of the audit bureau --nominee "Zhang San" <@${member(3)}> --nominee "Li Si" <@${member(5)}>`,
      2,
    );
    const started = (await meeting.ledger())[0]!;
    expect(started.payload.questions).toEqual([
      { id: "n1", kind: "nominee", name: "Zhang San", recommenderId: member(3) },
      { id: "n2", kind: "nominee", name: "Li Si", recommenderId: member(5) },
    ]);
    await meeting.completeRound([2, 7, 6, 5, 4, 3, 1].map(member));
    const blocks = JSON.stringify((await meeting.voteMessage()).blocks);
    expect(blocks, blocks).toContain(
      "nobody, including the chair and anyone operating the bot, can see through the bot how you voted",
    );
  });

  it("refuses a named-vote click on a secret ballot", async () => {
    await meeting.vote(member(1), "n1", "approve");
    await privateAnswer("This is a secret ballot");
  });

  it("gives each voter a receipt in the form, shows only who has voted, and refuses a second ballot", async () => {
    const answer = await meeting.castSecret(member(1), { n1: "approve", n2: "reject" });
    const view = answer.body as {
      response_action: string;
      view: { blocks: Array<{ text: { text: string } }> };
    };
    expect(view.response_action).toBe("update");
    const receipt = view.view.blocks[0]!.text.text.match(/receipt code is \*([0-9A-Z-]+)\*/)![1]!;
    receipts.push(receipt);
    await world.fake.waitForCall("chat.update", (c) =>
      JSON.stringify(c.params.blocks ?? []).includes(`Voted:* <@${member(1)}>`),
    );
    // A second press is refused before any form opens.
    const { ts } = await meeting.voteMessage();
    const trigger = "55555.6666.again";
    await world.bot.driver.blockAction({
      actionId: "vote_secret",
      value: meeting.sessionId,
      userId: member(1),
      channelId: CHANNEL,
      messageTs: ts,
      triggerId: trigger,
    });
    await privateAnswer("You have already cast your secret ballot");
    expect(world.fake.callsTo("views.open").some((c) => c.params.trigger_id === trigger)).toBe(false);
    // and so is a ballot submitted anyway (a form left open in another window).
    const late = await world.bot.driver.viewSubmission({
      callbackId: "secret_ballot",
      privateMetadata: JSON.stringify({ sessionId: meeting.sessionId }),
      values: {
        q_n1: { choice: { type: "radio_buttons", selected_option: { value: "reject" } } },
        q_n2: { choice: { type: "radio_buttons", selected_option: { value: "reject" } } },
      },
      userId: member(1),
    });
    expect(late.body).toEqual({
      response_action: "errors",
      errors: { q_n1: "You have already cast your secret ballot; it is final." },
    });
  });

  it("refuses the close from someone who is not the chair", async () => {
    const { ts } = await meeting.voteMessage();
    await world.bot.driver.blockAction({
      actionId: "vote_close",
      value: meeting.sessionId,
      userId: member(3),
      channelId: CHANNEL,
      messageTs: ts,
    });
    await privateAnswer(`Only the chair (<@${ADMIN}>)`);
  });

  it("counts every ballot once, publishes the totals and the sorted receipt hashes", async () => {
    const choices: Array<[number, "approve" | "reject" | "abstain", "approve" | "reject" | "abstain"]> = [
      [2, "approve", "reject"],
      [3, "approve", "reject"],
      [4, "approve", "approve"],
      [5, "reject", "approve"],
      [6, "abstain", "reject"],
      [7, "approve", "reject"],
    ];
    for (const [rank, n1, n2] of choices) {
      const answer = await meeting.castSecret(member(rank), { n1, n2 });
      receipts.push(JSON.stringify(answer.body).match(/receipt code is \*([0-9A-Z-]+)\*/)![1]!);
    }
    const closed = await meeting.waitForEntry((e) => e.type === "vote_closed");
    // n1: 5 approve of 7 → passes; n2: 2 approve → rejected.
    expect(closed.payload).toMatchObject({
      ballot: "secret",
      outcome: "partly_passed",
      votes: [],
      results: [
        { questionId: "n1", approve: 5, reject: 1, abstain: 1, passed: true },
        { questionId: "n2", approve: 2, reject: 5, abstain: 0, passed: false },
      ],
    });
    const outcome = await world.fake.waitForCall(
      "chat.postMessage",
      (c) =>
        c.params.thread_ts === meeting.headerTs &&
        String(c.params.text).includes("Receipt hashes of the 7 secret ballots"),
    );
    const listed = String(outcome.params.text).match(/[0-9a-f]{64}/g)!;
    expect(listed).toHaveLength(7);
    expect([...listed].sort()).toEqual(listed);
  });

  it("lets a voter check their receipt privately; a wrong code is not found", async () => {
    const check = async (code: string) => {
      const sent = await world.bot.driver.command({
        command: "/lastword",
        text: `receipt 2 ${code}`,
        userId: member(4),
        channelId: CHANNEL,
      });
      return (await world.fake.waitForResponse((r) => r.id === sent.responseUrlId)).body as {
        text: string;
        response_type: string;
      };
    };
    const ok = await check(receipts[3]!);
    expect(ok).toMatchObject({
      response_type: "ephemeral",
      text: "Your ballot is in the box of session #2 (7 ballots in all).",
    });
    expect((await check("AAAA-BBBB-CC")).text).toContain("No ballot with that receipt");
    world.fake.assertNoViolations();
  });
});

describe("a team that shows named votes as they are cast", () => {
  it("is set by an admin with /lastword policy named-votes live (公开 in Chinese), and each choice then shows at once", async () => {
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "policy named-votes 公开",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    expect((answer.body as { text: string }).text).toContain(
      "Named votes: each member's vote is shown as it is cast.",
    );
    await meeting.start(ADMIN, `funds <@${member(4)}> Buy a fire engine`, 3);
    await meeting.completeRound(ORDER);
    expect(JSON.stringify((await meeting.voteMessage()).blocks)).toContain(
      "Named vote: each member's vote is shown as it is cast",
    );
    await meeting.vote(member(6), "motion", "abstain");
    const { ts } = await meeting.voteMessage();
    await world.fake.waitForCall(
      "chat.update",
      (c) => c.params.ts === ts && JSON.stringify(c.params.blocks ?? []).includes(`<@${member(6)}>: Abstain`),
    );
  });

  it("refuses a word it does not know, with the usage", async () => {
    const sent = await world.bot.driver.command({
      command: "/lastword",
      text: "policy named-votes sometimes",
      userId: ADMIN,
      channelId: CHANNEL,
    });
    const answer = await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
    expect((answer.body as { text: string }).text).toContain("/lastword policy named-votes hidden|live");
  });
});
