/*
 * What one decision costs the bot as a session grows: a thread reply decided and recorded at 10,
 * 200 and 1,000 entries per session, in a fresh embedded Postgres. Run with
 *
 *   npm run bench:decision [decisionsPerSize]
 *
 * Three ways are measured on the same sessions, one decision at a time (no concurrency, so the
 * figures are the cost of a decision, not of waiting):
 *   - whole ledger: the path before issue 11 item 2 (lock the row, read and fold the whole
 *     ledger, append, update the projection), rebuilt here statement for statement;
 *   - live: `actOnSession` on a session this process knows (one conditional statement);
 *   - other replica: two stores taking turns, so every decision first reads the one entry the
 *     other wrote.
 * It prints the bot's CPU milliseconds per decision (this process: decide, fold, hash, the pg
 * driver) and the statements per decision (BEGIN and COMMIT count), beside wall time.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { sessionEventContent } from "../src/domain/ledger/entry.ts";
import { sealEntries } from "../src/domain/ledger/hash.ts";
import {
  decide,
  evolve,
  fold,
  initialState,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
} from "../src/domain/session/index.ts";
import { sessionProjection } from "../src/domain/session/projection.ts";
import { createLogger } from "../src/logger.ts";
import { Database, sql } from "../src/store/db.ts";
import { startEmbeddedPostgres } from "../src/store/embedded-postgres.ts";
import { JobStore } from "../src/store/job-store.ts";
import { migrate } from "../src/store/migrate.ts";
import { SessionStore } from "../src/store/session-store.ts";
import { TeamStore } from "../src/store/team-store.ts";
import { actOnSession, type SessionDeps } from "../src/usecases/run-session.ts";
import { insertLedgerEntries, memberId, PROPOSER, ROSTER } from "./lib/seed.ts";

const DECISIONS = Number(process.argv[2] ?? 300);
const SIZES = [10, 200, 1_000];
const SESSIONS_PER_SIZE = 10;
const WORKSPACE = "T0DECISION";
const log = createLogger("warn");

/** Every statement goes through pg.Client#query (the pool's too): count them there. */
let statements = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const at = (s: number) => new Date(Date.parse("2026-03-01T09:00:00.000Z") + s * 1000).toISOString();
let clock = 0;
let messages = 0;

/** A reply by whoever holds the floor: a statement, the commonest decision there is. */
function reply(state: SessionState): (at: string) => SessionCommand {
  const userId = state.current!.userId;
  const messageTs = `1772355600.${String(++messages).padStart(6, "0")}`;
  return (when) => ({
    type: "reply",
    at: when,
    userId,
    messageTs,
    text: "A statement of a sentence or two.",
  });
}

/** A session in its speaking round with `size` entries, written as the store writes them. */
async function seedSession(db: Database, sessions: SessionStore, channelId: string, size: number) {
  const start = decide(initialState, {
    type: "start",
    at: at(clock++),
    matter: "Renovate the county hospital",
    category: "project",
    proposerId: PROPOSER,
    chairId: memberId(2),
    roster: ROSTER,
    absent: [],
    recused: [],
    turnSeconds: 86_400,
  });
  if (!start.ok) throw new Error(start.error.code);
  let state = fold(start.events);
  const { row, entries } = await sessions.create({ workspaceId: WORKSPACE, channelId }, start.events, state);
  const more: SessionEvent[] = [];
  while (entries.length + more.length < size) {
    const d = decide(state, reply(state)(at(clock++)));
    if (!d.ok) throw new Error(d.error.code);
    more.push(...d.events);
    state = fold(d.events, state);
  }
  const sealed = sealEntries(
    more.map((e, i) => sessionEventContent(row.id, entries.length + 1 + i, e)),
    entries.at(-1)!.hash,
  );
  await insertLedgerEntries(db.pool, WORKSPACE, sealed);
  await db.execute(sql`UPDATE session SET last_seq = ${size}::int, announced_seq = ${size}::int
    WHERE workspace_id = ${WORKSPACE} AND id = ${row.id}::uuid`);
  return row.id;
}

/** The decision as it was made before: under the row lock, on the whole ledger read and folded. */
async function wholeLedgerDecision(db: Database, sessionId: string): Promise<void> {
  await db.tx(async (tx) => {
    await tx.query(
      sql`SELECT last_seq FROM session WHERE workspace_id = ${WORKSPACE} AND id = ${sessionId}::uuid FOR UPDATE`,
    );
    const rows = await tx.query<{
      seq: number;
      payload: SessionEvent;
      hash: string;
      dedupe_key: string | null;
    }>(sql`
      SELECT session_id, seq, type, actor_id, at, payload, slack_ref, dedupe_key, prev_hash, hash FROM ledger_entry
      WHERE workspace_id = ${WORKSPACE} AND session_id = ${sessionId}::uuid ORDER BY seq`);
    const state = fold(rows.map((r) => r.payload));
    const d = decide(state, reply(state)(at(clock++)));
    if (!d.ok) throw new Error(d.error.code);
    const last = rows.at(-1)!;
    const entries = sealEntries(
      d.events.map((e, i) => sessionEventContent(sessionId, last.seq + 1 + i, e)),
      last.hash,
    );
    const json = entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() }));
    await tx.execute(sql`
      INSERT INTO ledger_entry (workspace_id, session_id, seq, type, actor_id, at, payload, slack_ref, prev_hash, hash)
      SELECT ${WORKSPACE}, ${sessionId}::uuid, e.seq, e.type, e."actorId", e.at, e.payload, e."slackRef", e."prevHash", e.hash
      FROM jsonb_to_recordset(${JSON.stringify(json)}::jsonb) AS e(seq int, type text, "actorId" text, at timestamptz,
        payload jsonb, "slackRef" text, "prevHash" text, hash text)`);
    const p = sessionProjection(d.events.reduce(evolve, state));
    await tx.execute(sql`UPDATE session SET phase = ${p.phase}, current_speaker_id = ${p.currentSpeakerId}::text,
      last_seq = ${entries.at(-1)!.seq}::int, announced_seq = ${entries.at(-1)!.seq}::int, updated_at = now()
      WHERE workspace_id = ${WORKSPACE} AND id = ${sessionId}::uuid`);
  });
}

function depsOf(db: Database, sessions: SessionStore): SessionDeps {
  return {
    teams: new TeamStore(db),
    sessions,
    jobs: new JobStore(db),
    clock: () => new Date(at(clock++)),
    ballotKey: Buffer.alloc(32, 7),
    isQuiet: (events) => events.every((e) => e.type === "statement"),
  };
}

async function liveDecision(deps: SessionDeps, sessionId: string): Promise<void> {
  const live = (await deps.sessions.current(WORKSPACE, sessionId))!;
  const command = reply(live.state);
  const outcome = await actOnSession(deps, WORKSPACE, sessionId, command, {
    dedupeKey: `bench:${messages}`,
  });
  if (!outcome.ok || outcome.events.length === 0) throw new Error(`not recorded: ${JSON.stringify(outcome)}`);
}

interface Cost {
  cpuMs: number;
  wallMs: number;
  statements: number;
}

/** `decisions` decisions spread over `ids`, after a warm-up round that is not counted. */
async function measure(ids: string[], decisions: number, one: (id: string, i: number) => Promise<void>) {
  for (const [i, id] of ids.entries()) await one(id, i);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const statements0 = statements;
  for (let i = 0; i < decisions; i++) await one(ids[i % ids.length]!, i);
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuMs: (cpu.user + cpu.system) / 1000 / decisions,
    wallMs: (performance.now() - wall0) / decisions,
    statements: (statements - statements0) / decisions,
  } satisfies Cost;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "lastword-bench-"));
  const database = await startEmbeddedPostgres(dir, log);
  const db = Database.fromUrl(database.url, { max: 4 });
  const results: Array<{ size: number; before: Cost; live: Cost; replica: Cost }> = [];
  try {
    await migrate(database.url, log);
    const sessions = new SessionStore(db);
    const other = new SessionStore(db);
    const replicas = [depsOf(db, sessions), depsOf(db, other)];
    for (const size of SIZES) {
      const channels = Array.from({ length: SESSIONS_PER_SIZE }, (_, i) => `C${size}X${i}`);
      for (const channelId of channels) {
        await db.execute(sql`INSERT INTO team (workspace_id, channel_id, created_by, updated_at)
          VALUES (${WORKSPACE}, ${channelId}, 'U0BENCH001', now())`);
      }
      const seeded = async () => {
        const ids: string[] = [];
        for (const c of channels) ids.push(await seedSession(db, sessions, c, size));
        await db.execute(sql`ANALYZE`);
        return ids;
      };
      // Each way gets sessions of its own, so each starts at `size` entries.
      const before = await measure(await seeded(), DECISIONS, (id) => wholeLedgerDecision(db, id));
      const live = await measure(await seeded(), DECISIONS, (id) => liveDecision(replicas[0]!, id));
      const replica = await measure(await seeded(), DECISIONS, (id, i) =>
        liveDecision(replicas[Math.floor(i / SESSIONS_PER_SIZE) % 2]!, id),
      );
      results.push({ size, before, live, replica });
    }
  } finally {
    await db.close();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const cell = (c: Cost) =>
    `${c.cpuMs.toFixed(2)} ms CPU, ${c.statements.toFixed(1)} stmt, ${c.wallMs.toFixed(2)} ms wall`;
  console.log(`${DECISIONS} decisions per size, ${SESSIONS_PER_SIZE} sessions each, one at a time`);
  console.log(
    "entries | whole ledger (before)              | live (after)                       | other replica wrote the last entry",
  );
  for (const r of results)
    console.log(
      `${String(r.size).padStart(7)} | ${cell(r.before).padEnd(34)} | ${cell(r.live).padEnd(34)} | ${cell(r.replica)}`,
    );
  console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
}

await main();
