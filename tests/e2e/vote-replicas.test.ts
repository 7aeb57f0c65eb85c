import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { startTestBot, type TestBot, type World } from "../support/bot.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { ADMIN, fakeWorkspaceOfSeven, Meeting, member, SEVEN } from "../support/meeting.ts";

let fake: FakeSlack;
let database: TestDatabase;
let replicas: TestBot[];
let meetings: Meeting[];

beforeAll(async () => {
  fake = await fakeWorkspaceOfSeven();
  database = await createTestDatabase();
  replicas = await Promise.all([1, 2, 3].map(() => startTestBot(fake, database.url, { LOG_LEVEL: "info" })));
  meetings = replicas.map(
    (bot) => new Meeting({ fake, database, bot, close: async () => undefined } satisfies World),
  );
  await meetings[0]!.setUpRoster();
});
afterAll(async () => {
  for (const r of replicas ?? []) await r.stop();
  await database?.drop();
  await fake?.close();
});

/** Starts a session on replica 0 and takes it to the vote; every replica's Meeting points at it. */
async function sessionAtVote(text: string, number: number, order: number[]) {
  await meetings[0]!.start(ADMIN, text, number);
  for (const m of meetings.slice(1))
    Object.assign(m, { headerTs: meetings[0]!.headerTs, sessionId: meetings[0]!.sessionId });
  await meetings[0]!.completeRound(order.map(member));
  await meetings[0]!.voteMessage();
}

describe("votes arriving at once on three replicas", () => {
  it("counts every named vote exactly once", async () => {
    await sessionAtVote(`decision <@${member(4)}> Adopt the water plan`, 1, [4, 7, 6, 5, 3, 2, 1]);
    await Promise.all(
      SEVEN.map((m, i) => meetings[i % 3]!.vote(m.id, "motion", i % 2 ? "reject" : "approve")),
    );
    const closed = await meetings[0]!.waitForEntry((e) => e.type === "vote_closed");
    expect(closed.payload.results).toEqual([
      { questionId: "motion", approve: 4, reject: 3, abstain: 0, passed: true },
    ]);
    const casts = (await meetings[0]!.ledger()).filter((e) => e.type === "vote_cast");
    expect(casts.map((e) => e.actor_id).sort()).toEqual(SEVEN.map((m) => m.id).sort());
  });

  it("counts every secret ballot exactly once, and the count agrees with the ledger", async () => {
    await sessionAtVote(
      `personnel <@${member(2)}> Appoint the head of the water bureau`,
      2,
      [2, 7, 6, 5, 4, 3, 1],
    );
    const answers = await Promise.all(
      SEVEN.map((m, i) => meetings[i % 3]!.castSecret(m.id, { motion: i < 5 ? "approve" : "reject" })),
    );
    for (const a of answers) expect((a.body as { response_action: string }).response_action).toBe("update");
    const closed = await meetings[0]!.waitForEntry((e) => e.type === "vote_closed");
    expect(closed.payload.results).toEqual([
      { questionId: "motion", approve: 5, reject: 2, abstain: 0, passed: true },
    ]);
    expect((await meetings[0]!.ledger()).filter((e) => e.type === "ballot_cast")).toHaveLength(7);
    // Every ballot was opened and counted at the close, and none is left sealed.
    expect(
      await database.sql("SELECT count(*)::int AS n FROM sealed_ballot WHERE session_id = $1", [
        meetings[0]!.sessionId,
      ]),
    ).toEqual([{ n: 0 }]);
    expect(
      await database.sql("SELECT count(*)::int AS n FROM ballot_receipt WHERE session_id = $1", [
        meetings[0]!.sessionId,
      ]),
    ).toEqual([{ n: 7 }]);
  });
});
