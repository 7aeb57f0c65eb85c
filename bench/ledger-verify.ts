/*
 * How long `/lastword ledger verify` takes on a big team: 10,000 sessions of 20 entries each,
 * sealed as the store seals them, in a fresh embedded Postgres. Run with
 *
 *   npx tsx bench/ledger-verify.ts [sessions] [entriesPerSession]
 *
 * It prints the seeding time, the verification time, entries per second and peak memory.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sessionEventContent } from "../src/domain/ledger/entry.ts";
import { GENESIS, sealEntries, verifyChain } from "../src/domain/ledger/hash.ts";
import type { Member } from "../src/domain/roster/member.ts";
import {
  decide,
  fold,
  initialState,
  type SessionCommand,
  type SessionEvent,
} from "../src/domain/session/index.ts";
import { sessionProjection } from "../src/domain/session/projection.ts";
import { createLogger } from "../src/logger.ts";
import { startEmbeddedPostgres } from "../src/store/embedded-postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { Database } from "../src/store/db.ts";
import { SessionStore } from "../src/store/session-store.ts";
import { isIntact, verifyTeamLedger } from "../src/usecases/ledger.ts";
import { postgresCpuMs, postmasterPid } from "./lib/proc.ts";
import { insertLedgerEntries } from "./lib/seed.ts";

const SESSIONS = Number(process.argv[2] ?? 10_000);
const ENTRIES = Number(process.argv[3] ?? 20);
const TEAM = { workspaceId: "T0BENCH001", channelId: "C0BENCH001" };
/** Rows per INSERT: big enough to amortise round trips, small enough to keep each statement quick. */
const BATCH_SESSIONS = 250;

const log = createLogger("warn");

/** A realistic session's first ENTRIES events, from the real decider (any prefix of a ledger is a ledger). */
function templateEvents(): SessionEvent[] {
  const roster: Member[] = [1, 2, 3, 4, 5, 6, 7].map((rank) => ({
    userId: `U0MEMBER0${rank}`,
    rank,
    title: rank === 1 ? "Secretary" : "Deputy",
    powers: [],
    roles: [],
  }));
  const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();
  let state = initialState;
  const events: SessionEvent[] = [];
  let s = 0;
  const run = (command: SessionCommand) => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`${command.type}: ${d.error.code}`);
    events.push(...d.events);
    state = fold(d.events, state);
  };
  run({
    type: "start",
    at: at(s++),
    matter: "Renovate the county hospital",
    category: "project",
    proposerId: "U0MEMBER04",
    chairId: "U0MEMBER02",
    roster,
    absent: [],
    recused: [],
    turnSeconds: 600,
  });
  while (events.length < ENTRIES && state.current) {
    const speaker = state.current.userId;
    run({
      type: "reply",
      at: at(s++),
      userId: speaker,
      messageTs: `1740819600.${String(s).padStart(6, "0")}`,
      text: `${speaker}: a statement of a few sentences about the matter, as people write them. `.repeat(3),
    });
    run({ type: "finish", at: at(s++), userId: speaker });
  }
  if (events.length < ENTRIES) throw new Error(`the template session has only ${events.length} events`);
  return events.slice(0, ENTRIES);
}

/**
 * The team, its sessions and their ledgers, as SessionStore.create and append leave them: each
 * session's first entry links to the newest entry of the session before it (the team's chain),
 * each row holds what its ledger folds to, and the team counts its sessions.
 */
async function seed(
  client: pg.Client,
  events: SessionEvent[],
): Promise<{ sealMs: number; insertMs: number }> {
  const insertStart = performance.now();
  const p = sessionProjection(fold(events));
  await client.query(
    `INSERT INTO team (workspace_id, channel_id, created_by, session_count, updated_at) VALUES ($1, $2, 'U0BENCH001', $3, now())`,
    [TEAM.workspaceId, TEAM.channelId, SESSIONS],
  );
  const ids = Array.from({ length: SESSIONS }, () => randomUUID());
  await client.query(
    `INSERT INTO session (workspace_id, channel_id, id, number, phase, current_speaker_id, outcome, last_seq, announced_seq, updated_at)
     SELECT $1, $2, id, number, $5, $6, $7, $8, $8, now() FROM unnest($3::uuid[], $4::int[]) AS s(id, number)`,
    [
      TEAM.workspaceId,
      TEAM.channelId,
      ids,
      ids.map((_, i) => i + 1),
      p.phase,
      p.currentSpeakerId,
      p.outcome,
      ENTRIES,
    ],
  );
  // The foreign-key check of each ledger row looks its session up with a plan Postgres caches; made
  // on an unanalysed table it is a sequential scan, and seeding would slow down with every batch.
  await client.query("ANALYZE session");
  let sealMs = 0;
  let insertMs = performance.now() - insertStart;
  let head = GENESIS;
  for (let first = 0; first < SESSIONS; first += BATCH_SESSIONS) {
    const t0 = performance.now();
    const entries = ids.slice(first, first + BATCH_SESSIONS).flatMap((id) => {
      const sealed = sealEntries(
        events.map((e, i) => sessionEventContent(id, i + 1, e)),
        head,
      );
      head = sealed[sealed.length - 1]!.hash;
      return sealed;
    });
    const t1 = performance.now();
    await insertLedgerEntries(client, TEAM.workspaceId, entries);
    sealMs += t1 - t0;
    insertMs += performance.now() - t1;
  }
  const t = performance.now();
  await client.query("ANALYZE");
  insertMs += performance.now() - t;
  return { sealMs, insertMs };
}

/** Peak resident memory while `work` runs, sampled every 10 ms (maxRSS covers the whole process). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

function table(rows: Array<[string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "lastword-bench-"));
  const database = await startEmbeddedPostgres(dir, log);
  const client = new pg.Client({ connectionString: database.url });
  const db = Database.fromUrl(database.url, { max: 4 });
  try {
    await migrate(database.url, log);
    await client.connect();
    const events = templateEvents();

    const seedStart = performance.now();
    const { sealMs, insertMs } = await seed(client, events);
    const seedMs = performance.now() - seedStart;

    // Hashing alone, on entries already in memory: how much of verify is the hash chain itself.
    const sample = sealEntries(events.map((e, i) => sessionEventContent(randomUUID(), i + 1, e)));
    const hashRounds = 2_000;
    const hashStart = performance.now();
    for (let i = 0; i < hashRounds; i++) if (!verifyChain(sample).ok) throw new Error("sample chain broken");
    const hashRate = (hashRounds * sample.length) / ((performance.now() - hashStart) / 1000);

    // CPU time beside the wall time: on a shared machine the wall time says as much about the
    // neighbours as about verify.
    const pg = await postmasterPid(dir);
    const load = os.loadavg()[0]!;
    const pg0 = await postgresCpuMs(pg);
    const cpu0 = process.cpuUsage();
    const verifyStart = performance.now();
    const { result, peakRss } = await withPeakRss(() => verifyTeamLedger(new SessionStore(db), TEAM));
    const verifyMs = performance.now() - verifyStart;
    const cpu = process.cpuUsage(cpu0);
    const pgMs = (await postgresCpuMs(pg)) - pg0;
    if (!isIntact(result) || result.entries !== SESSIONS * ENTRIES)
      throw new Error(`unexpected result: ${JSON.stringify(result)}`);

    console.log(
      table([
        ["sessions", SESSIONS.toLocaleString("en")],
        ["entries", result.entries.toLocaleString("en")],
        ["seed (total)", seconds(seedMs)],
        ["  sealing (sha256)", seconds(sealMs)],
        ["  inserting", seconds(insertMs)],
        ["verify", seconds(verifyMs)],
        ["  CPU: Node / Postgres", `${seconds((cpu.user + cpu.system) / 1000)} / ${seconds(pgMs)}`],
        ["  load average (1 min)", load.toFixed(2)],
        ["verify rate", `${Math.round(result.entries / (verifyMs / 1000)).toLocaleString("en")} entries/s`],
        ["hash-only rate", `${Math.round(hashRate).toLocaleString("en")} entries/s`],
        ["peak RSS during verify", mib(peakRss)],
        ["peak RSS (process)", mib(process.resourceUsage().maxRSS * 1024)],
        ["result", isIntact(result) ? "intact" : "BROKEN"],
      ]),
    );
  } finally {
    await client.end().catch(() => undefined);
    await db.close();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
