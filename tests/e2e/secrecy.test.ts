import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorld, type World } from "../support/bot.ts";
import { ADMIN, Meeting, member, SEVEN } from "../support/meeting.ts";

// The audit a discipline officer (or a suspicious member) would run after a secret ballot: read
// every row of every table and every line the bot logged, and try to tie a voter to a choice.
let world: World;
let meeting: Meeting;
const receipts: string[] = [];
const CHOICE_VALUE = /:\s*"(approve|reject|abstain)"/;
const CHOICES = ["approve", "reject", "approve", "abstain", "approve", "approve", "reject"] as const;
/** What each voter chose: the secret the attacks below try to recover. */
const truth = new Map<string, string>(SEVEN.map((m, i) => [m.id, CHOICES[i]!]));
/** The sealed-ballot rows a reader without superuser saw in the middle of the vote. */
let midVote: Array<{ xmin: string; sealed: Buffer }> = [];

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
  for (const [i, m] of SEVEN.entries()) {
    const answer = await meeting.castSecret(m.id, { n1: CHOICES[i]! });
    receipts.push(JSON.stringify(answer.body).match(/receipt code is \*([0-9A-Z-]+)\*/)![1]!);
    if (i === 3) midVote = await sealedRowsNow();
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

  it("after the close no ballot is left, sealed or not, and receipts are bare hashes", async () => {
    const columns = async (table: string) =>
      (
        await world.database.sql<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY column_name",
          [table],
        )
      ).map((c) => c.column_name);
    expect(await columns("ballot_receipt")).toEqual(["receipt_hash", "session_id", "workspace_id"]);
    expect(await world.database.sql("SELECT * FROM sealed_ballot")).toEqual([]);
    expect(await world.database.sql("SELECT * FROM ballot_seal")).toEqual([]);
    expect(await columns("ballot_box")).toEqual([]);
  });

  it("in the middle of the vote the ballots were in the database sealed: same length, no choice readable", () => {
    expect(midVote).toHaveLength(4);
    expect(new Set(midVote.map((r) => r.sealed.length)).size).toBe(1);
    for (const { sealed } of midVote) {
      for (const word of ["approve", "reject", "abstain"])
        expect(sealed.includes(Buffer.from(word))).toBe(false);
    }
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

/*
 * The attacks of issue 12, item 1, as a database reader would run them after the vote. Postgres
 * stamps every row version with the transaction that wrote it (xmin), and a voter's "ballot cast"
 * entry is written in the same transaction as whatever their ballot wrote.
 */
describe("a database reader tying voters to choices through transaction ids", () => {
  it("without superuser: joining the receipts' and the ballots' xmin to the ledger's ties no receipt to a voter", async () => {
    const voters = await ballotCastXmins();
    const receiptRows = await world.database.sql<{ xmin: string }>(
      "SELECT xmin::text AS xmin FROM ballot_receipt",
    );
    expect(receiptRows).toHaveLength(7);
    // A receipt is tied to a voter when it is the only one written by that voter's transaction.
    const byXmin = new Map<string, number>();
    for (const { xmin } of receiptRows) byXmin.set(xmin, (byXmin.get(xmin) ?? 0) + 1);
    const tied = [...byXmin].filter(([xmin, count]) => count === 1 && voters.has(xmin));
    expect(tied, "receipts each written by their own voter's transaction").toEqual([]);
    // All seven come from one transaction: the close's, which the last ballot to arrive set off.
    expect(byXmin.size).toBe(1);
    // The sealed rows read mid-vote do carry their voter's xmin: what they say is what is protected.
    expect(midVote.filter((r) => voters.has(r.xmin))).toHaveLength(4);
    expect(recoverFromRows(midVote, voters)).toEqual(new Map());
  });

  it("with superuser: the old row versions on the tables' pages give no voter's choice", async (ctx) => {
    const [{ rolsuper }] = (await world.database.sql<{ rolsuper: boolean }>(
      "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
    )) as [{ rolsuper: boolean }];
    if (!rolsuper) return ctx.skip("the test database's user is not a superuser: pageinspect needs one");
    const available = await world.database.sql(
      "SELECT 1 FROM pg_available_extensions WHERE name = 'pageinspect'",
    );
    if (available.length === 0) return ctx.skip("this Postgres has no pageinspect extension");
    await world.database.sql("CREATE EXTENSION IF NOT EXISTS pageinspect");
    const voters = await ballotCastXmins();
    const tuples = await everyTupleVersion();
    const recovered = new Map([
      ...recoverFromBoxVersions(tuples, voters),
      ...recoverFromRows(
        tuples.map((t) => ({ xmin: t.xmin, sealed: t.data })),
        voters,
      ),
    ]);
    const right = [...recovered].filter(([voter, choice]) => truth.get(voter) === choice);
    expect(right, "voter → choice pairs recovered from old row versions").toEqual([]);
    // The reading works: the page holds the dead version of every sealed ballot, voter's xmin and
    // all; every one but the last, which was counted by the transaction that cast it, never sealed.
    const sealedVersions = tuples.filter((t) => t.table === "sealed_ballot" && voters.has(t.xmin));
    expect(sealedVersions).toHaveLength(6);
  });
});

async function sealedRowsNow(): Promise<Array<{ xmin: string; sealed: Buffer }>> {
  const rows = await world.database.sql<{ xmin: string; sealed: Buffer }>(
    "SELECT xmin::text AS xmin, sealed FROM sealed_ballot",
  );
  return rows.map((r) => ({ xmin: r.xmin, sealed: Buffer.from(r.sealed) }));
}

/** xmin → voter, from the ledger's "ballot cast" entries. */
async function ballotCastXmins(): Promise<Map<string, string>> {
  const rows = await world.database.sql<{ xmin: string; actor_id: string }>(
    "SELECT xmin::text AS xmin, actor_id FROM ledger_entry WHERE type = 'ballot_cast'",
  );
  expect(rows).toHaveLength(7);
  return new Map(rows.map((r) => [r.xmin, r.actor_id]));
}

/** Every row version still on the pages of every table, live or dead, with the transaction that wrote it. */
async function everyTupleVersion(): Promise<Array<{ table: string; xmin: string; data: Buffer }>> {
  const tables = await world.database.sql<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
  );
  const found: Array<{ table: string; xmin: string; data: Buffer }> = [];
  for (const { table_name: table } of tables) {
    const [{ pages }] = (await world.database.sql<{ pages: number }>(
      `SELECT (pg_relation_size('"${table}"') / current_setting('block_size')::int)::int AS pages`,
    )) as [{ pages: number }];
    for (let page = 0; page < pages; page++) {
      const items = await world.database.sql<{ xmin: string; data: Buffer | null }>(
        `SELECT t_xmin::text AS xmin, t_data AS data FROM heap_page_items(get_raw_page('"${table}"', ${page}))`,
      );
      for (const item of items)
        if (item.data) found.push({ table, xmin: item.xmin, data: Buffer.from(item.data) });
    }
  }
  return found;
}

/** A choice written in clear by the voter's own transaction. */
function recoverFromRows(
  rows: Array<{ xmin: string; sealed: Buffer }>,
  voters: Map<string, string>,
): Map<string, string> {
  const recovered = new Map<string, string>();
  for (const { xmin, sealed } of rows) {
    const voter = voters.get(xmin);
    if (!voter) continue;
    for (const choice of ["approve", "reject", "abstain"]) {
      if (sealed.includes(Buffer.from(choice))) recovered.set(voter, choice);
    }
  }
  return recovered;
}

/**
 * The running totals a per-ballot box update leaves behind: each version ends with three int4
 * counts (approve, reject, abstain); in the order of the voters' transactions, the count that went
 * up is that voter's choice.
 */
function recoverFromBoxVersions(
  tuples: Array<{ table: string; xmin: string; data: Buffer }>,
  voters: Map<string, string>,
): Map<string, string> {
  const versions = tuples
    .filter((t) => t.table === "ballot_box" && voters.has(t.xmin))
    .map((t) => ({
      xmin: Number(t.xmin),
      voter: voters.get(t.xmin)!,
      counts: [0, 4, 8].map((o) => t.data.readInt32LE(t.data.length - 12 + o)),
    }))
    .sort((a, b) => a.xmin - b.xmin);
  const recovered = new Map<string, string>();
  let before = [0, 0, 0];
  for (const v of versions) {
    const up = v.counts.findIndex((n, i) => n === before[i]! + 1);
    if (up >= 0) recovered.set(v.voter, ["approve", "reject", "abstain"][up]!);
    before = v.counts;
  }
  return recovered;
}
