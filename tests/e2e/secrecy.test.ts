import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

// The audit a discipline officer (or a suspicious member) would run after a secret ballot: read
// every row of every table and every line the bot logged, and try to tie a voter to a choice.
let world: World;
let meeting: Meeting;
const receipts: string[] = [];
const CHOICE_VALUE = /:\s*"(approve|reject|abstain)"/;

beforeAll(async () => {
  // Debug logging: the most the bot ever writes.
  world = await startWorld([
    ...SEVEN.map((m) => ({ id: m.id, name: m.name, locale: "en-US" })),
    { id: ADMIN, name: "chair" },
  ]);
  meeting = new Meeting(world);
  await meeting.setUpRoster();
  await meeting.start(
    ADMIN,
    `personnel <@${member(2)}> Appoint the head of the statistics bureau --nominee "Wang Wu" <@${member(3)}>`,
  );
  await meeting.completeRound([2, 7, 6, 5, 4, 3, 1].map(member));
  const choices = ["approve", "reject", "approve", "abstain", "approve", "approve", "reject"] as const;
  for (const [i, m] of SEVEN.entries()) {
    const answer = await meeting.castSecret(m.id, { n1: choices[i]! });
    receipts.push(JSON.stringify(answer.body).match(/receipt code is \*([0-9A-Z-]+)\*/)![1]!);
  }
  await meeting.waitForEntry((e) => e.type === "vote_closed");
  await world.bot.running.announcer.idle();
});
afterAll(() => world?.close());

async function everyRow(): Promise<Array<{ table: string; row: string }>> {
  const tables = await world.database.sql<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  const rows: Array<{ table: string; row: string }> = [];
  for (const { table_name: table } of tables) {
    for (const row of await world.database.sql(`SELECT * FROM "${table}"`))
      rows.push({ table, row: JSON.stringify(row) });
  }
  return rows;
}

describe("after a secret ballot, nothing links a voter to a choice", () => {
  it("the vote was real: seven ballots, counted", async () => {
    const closed = (await meeting.ledger()).find((e) => e.type === "vote_closed")!;
    expect(closed.payload.results).toEqual([
      { questionId: "n1", approve: 4, reject: 2, abstain: 1, passed: true },
    ]);
  });

  it("no row of any table that names a voter also holds a choice", async () => {
    const rows = await everyRow();
    expect(rows.length).toBeGreaterThan(30);
    for (const voter of SEVEN.map((m) => m.id)) {
      const naming = rows.filter((r) => r.row.includes(voter));
      expect(naming.length).toBeGreaterThan(0);
      for (const r of naming) expect(r.row, `${r.table}: ${r.row.slice(0, 200)}`).not.toMatch(CHOICE_VALUE);
    }
  });

  it("the ballot box has no voter, no time and no per-ballot row to order; receipts are bare hashes", async () => {
    const columns = async (table: string) =>
      (
        await world.database.sql<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name",
          [table],
        )
      ).map((c) => c.column_name);
    expect(await columns("ballot_box")).toEqual([
      "abstain",
      "approve",
      "question_id",
      "reject",
      "session_id",
      "workspace_id",
    ]);
    expect(await columns("ballot_receipt")).toEqual(["receipt_hash", "session_id", "workspace_id"]);
    expect(await world.database.sql("SELECT question_id, approve, reject, abstain FROM ballot_box")).toEqual([
      { question_id: "n1", approve: 4, reject: 2, abstain: 1 },
    ]);
  });

  it("the ledger records who cast a ballot, and never what", async () => {
    const casts = (await meeting.ledger()).filter((e) => e.type === "ballot_cast");
    expect(casts.map((e) => e.actor_id).sort()).toEqual(SEVEN.map((m) => m.id).sort());
    for (const c of casts) expect(Object.keys(c.payload).sort()).toEqual(["at", "type", "userId"]);
  });

  it("no receipt code is stored anywhere, and no log line holds a choice or a receipt", async () => {
    const dump = (await everyRow()).map((r) => r.row).join("\n");
    const logs = world.bot.logLines.join("\n");
    expect(world.bot.logLines.length).toBeGreaterThan(20);
    for (const code of receipts) {
      expect(dump).not.toContain(code);
      expect(dump).not.toContain(code.replace(/-/g, ""));
      expect(logs).not.toContain(code);
    }
    expect(logs).not.toMatch(CHOICE_VALUE);
    const leaking = world.bot.logLines.filter((l) => /\b(approve|reject|abstain)\b/.test(l));
    expect(leaking, leaking.join("\n").slice(0, 2000)).toEqual([]);
  });
});
