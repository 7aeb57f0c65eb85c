import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain, type LedgerEntry } from "../../src/domain/ledger/hash.ts";
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

describe("a decision session with a 7-member roster, proposer at rank 4", () => {
  it("posts a header with the matter, category, proposer, order and ballot", async () => {
    const header = await meeting.start(
      ADMIN,
      `funds <@${member(4)}|member4> Renovate the county hospital, 2.4 million`,
    );
    const text = JSON.stringify(header.params.blocks);
    expect(header.params.text).toContain("Renovate the county hospital, 2.4 million");
    expect(text).toContain("large expenditure");
    expect(text).toContain(`First proposer:* <@${member(4)}>`);
    expect(text).toContain("named vote");
    // Speaking order in the header: 4 presents, then 7, 6, 5, 3, 2, and the principal last.
    const order = [...text.matchAll(/\d\. <@(U0MEMBER0\d)>/g)].map((m) => Number(m[1]!.slice(-1)));
    expect(order).toEqual([4, 7, 6, 5, 3, 2, 1]);
    // member 4 holds no finance portfolio: the header says so.
    expect(text).toContain("does not hold the finance portfolio");
  });

  it("calls each member in turn from the lowest rank upward, the principal last, and opens the vote", async () => {
    const expected = [4, 7, 6, 5, 3, 2, 1];
    for (const [index, rank] of expected.entries()) {
      await meeting.waitForTurnCall(member(rank), index);
      if (rank === 4) {
        // The proposer may not pass: Pass is answered privately and nothing is recorded.
        await meeting.press("turn_pass", member(rank), index);
        await world.fake.waitForResponse((r) =>
          JSON.stringify(r.body).includes("your turn cannot be passed"),
        );
        expect((await meeting.ledger()).some((e) => e.type === "passed")).toBe(false);
      }
      if (rank === 6) {
        await meeting.press("turn_pass", member(rank), index);
      } else {
        await meeting.say(member(rank), `Statement of member ${rank}, part one.`);
        if (rank === 7) await meeting.say(member(rank), "And part two.");
        await meeting.waitForEntry((e) => e.type === "statement" && e.actor_id === member(rank));
        await meeting.press("turn_done", member(rank), index);
      }
    }
    await meeting.waitForEntry((e) => e.type === "voting_opened");
    expect(meeting.turnCalls().map((c) => c.userId)).toEqual(expected.map(member));
    const ledger = await meeting.ledger();
    expect(ledger.filter((e) => e.type === "statement" && e.actor_id === member(7))).toHaveLength(2);
    expect(ledger.find((e) => e.type === "passed")?.actor_id).toBe(member(6));
    expect(ledger.find((e) => e.type === "principal_concluded")?.actor_id).toBe(member(1));
    await world.fake.waitForCall(
      "chat.postMessage",
      (c) => c.params.thread_ts === meeting.headerTs && String(c.params.text).includes("The vote opens"),
    );
  });

  it("keeps a hash chain over every entry that verifies", async () => {
    const rows = await world.database.sql<{
      session_id: string;
      seq: number;
      type: string;
      actor_id: string | null;
      at: Date;
      payload: unknown;
      slack_ref: string | null;
      prev_hash: string;
      hash: string;
    }>("SELECT * FROM ledger_entry WHERE session_id = $1 ORDER BY seq", [meeting.sessionId]);
    const entries: LedgerEntry[] = rows.map((r) => ({
      sessionId: r.session_id,
      seq: r.seq,
      type: r.type,
      actorId: r.actor_id,
      at: r.at,
      payload: r.payload,
      slackRef: r.slack_ref,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
    expect(entries.length).toBeGreaterThan(15);
    expect(verifyChain(entries)).toEqual({ ok: true });
    expect(entries.find((e) => e.type === "statement")?.slackRef).toMatch(
      new RegExp(`^${CHANNEL}/\\d+\\.\\d+$`),
    );
    world.fake.assertNoViolations();
  });
});
