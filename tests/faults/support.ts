/**
 * Shared pieces of the fault tests: the bot as a real child process (so it can be killed with
 * SIGKILL), ledger reads, and the integrity checks every fault test ends with.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { expect } from "vitest";
import { GENESIS, verifyChain, type LedgerEntry } from "../../src/domain/ledger/hash.ts";
import { fold, type SessionEvent } from "../../src/domain/session/index.ts";
import type { SessionState } from "../../src/domain/session/state.ts";
import type { FakeSlack } from "../harness/fake-slack.ts";
import { SlackDriver, type DriverResponse } from "../harness/signed-requests.ts";
import { CHANNEL, SIGNING_SECRET, WORKSPACE, type TestBot, type World } from "../support/bot.ts";
import { ballotKeyFor, type TestDatabase } from "../support/database.ts";
import type { Meeting } from "../support/meeting.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export type Sql = <R extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  values?: unknown[],
) => Promise<R[]>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until)
      throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ""}`);
    await sleep(everyMs);
  }
}

// ---------------------------------------------------------------------------------------------------
// The bot as its own process

/** `node --import tsx src/main.ts`, as `npm start` runs it, with its output kept for failures. */
export class BotProcess {
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly exited: Promise<number | null>,
    private readonly out: { text: string },
  ) {}

  static all = new Set<BotProcess>();

  static async start(env: Record<string, string>, port: number): Promise<BotProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", ...env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = { text: "" };
    child.stdout!.on("data", (d) => (out.text += d));
    child.stderr!.on("data", (d) => (out.text += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))),
    );
    const bot = new BotProcess(child, port, exited, out);
    BotProcess.all.add(bot);
    void exited.then(() => BotProcess.all.delete(bot));
    await bot.waitReady();
    return bot;
  }

  get output(): string {
    return this.out.text;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitReady(timeoutMs = 60_000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (!this.alive) throw new Error(`the bot exited before it was ready:\n${this.output}`);
      const res = await fetch(`http://127.0.0.1:${this.port}/readyz`).catch(() => undefined);
      if (res?.status === 200) return;
      await sleep(100);
    }
    throw new Error(`the bot was not ready on ${this.port} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** kill -9: no shutdown handler runs, open transactions and sockets are simply cut. */
  async kill9(): Promise<void> {
    if (this.alive) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM and wait; SIGKILL if it does not exit within 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  static async stopAll(): Promise<void> {
    await Promise.all([...BotProcess.all].map((b) => b.kill9()));
  }
}

/** The environment `src/main.ts` needs to run against the fake Slack and a test database. */
export function botEnv(
  fake: FakeSlack,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: "xoxb-fault-tests",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
    LASTWORD_BALLOT_KEY: ballotKeyFor(databaseUrl),
    LOG_LEVEL: "warn",
    ...extra,
  };
}

export function driverFor(fake: FakeSlack, port: number): SlackDriver {
  return new SlackDriver({
    url: `http://127.0.0.1:${port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: WORKSPACE,
    fake,
  });
}

/** A `World` whose bot is only a driver (for a bot in another process), so `Meeting` can drive it. */
export function worldOf(fake: FakeSlack, database: TestDatabase, driver: SlackDriver): World {
  return { fake, database, bot: { driver } as unknown as TestBot, close: async () => undefined };
}

// ---------------------------------------------------------------------------------------------------
// Requests whose outcome is kept

export interface Sent<T = unknown> {
  what: T;
  /** The HTTP status, or undefined when no answer came (connection refused or cut). */
  status: number | undefined;
  response?: DriverResponse;
  error?: string;
  ms: number;
}

export async function track<T>(what: T, request: () => Promise<DriverResponse>): Promise<Sent<T>> {
  const started = Date.now();
  try {
    const response = await request();
    return { what, status: response.status, response, ms: Date.now() - started };
  } catch (err) {
    return {
      what,
      status: undefined,
      error: String((err as { cause?: unknown }).cause ?? err),
      ms: Date.now() - started,
    };
  }
}

/** A thread reply with a known event id, so that Slack's redelivery of it can be sent too. */
export function replyEvent(
  driver: SlackDriver,
  fake: FakeSlack,
  threadTs: string,
  userId: string,
  text: string,
  ts = fake.nextTs(),
) {
  const event = driver.message({ userId, channelId: CHANNEL, text, threadTs, ts });
  return { ts, eventId: `Ev${ts.replace(".", "")}`, event };
}

// ---------------------------------------------------------------------------------------------------
// The ledger and its checks

export async function readLedger(
  sql: Sql,
  sessionId: string,
): Promise<Array<LedgerEntry & { dedupeKey: string | null }>> {
  const rows = await sql<{
    session_id: string;
    seq: number;
    type: string;
    actor_id: string | null;
    at: Date;
    payload: unknown;
    slack_ref: string | null;
    dedupe_key: string | null;
    prev_hash: string;
    hash: string;
  }>(
    "SELECT session_id, seq, type, actor_id, at, payload, slack_ref, dedupe_key, prev_hash, hash FROM ledger_entry WHERE session_id = $1 ORDER BY seq",
    [sessionId],
  );
  return rows.map((r) => ({
    sessionId: r.session_id,
    seq: r.seq,
    type: r.type,
    actorId: r.actor_id,
    at: r.at,
    payload: r.payload,
    slackRef: r.slack_ref,
    dedupeKey: r.dedupe_key,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export interface Integrity {
  entries: Array<LedgerEntry & { dedupeKey: string | null }>;
  events: SessionEvent[];
  state: SessionState;
  row: {
    phase: string;
    current_speaker_id: string | null;
    last_seq: number;
    announced_seq: number;
    outcome: string | null;
  };
}

/**
 * What must hold for a session whatever happened to the process or the database: the chain
 * verifies from the first entry, the session row's last_seq is the newest entry (no append was
 * half written), and the projection kept beside the ledger is what folding the ledger gives.
 */
export async function checkIntegrity(sql: Sql, sessionId: string, label = sessionId): Promise<Integrity> {
  const entries = await readLedger(sql, sessionId);
  expect(entries.length, `${label}: ledger is empty`).toBeGreaterThan(0);
  // A session's first entry links to the team's head when it started (GENESIS for the first
  // session): an entry of another session of the same team, whichever replica wrote it.
  const first = entries[0]!;
  expect(verifyChain(entries, { from: { seq: 1, prevHash: first.prevHash } }), `${label}: chain`).toEqual({
    ok: true,
  });
  if (first.prevHash !== GENESIS) {
    const linked = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM ledger_entry e JOIN session s ON s.id = e.session_id
       JOIN session mine ON mine.id = $2
       WHERE e.hash = $1 AND s.id <> mine.id AND s.workspace_id = mine.workspace_id AND s.channel_id = mine.channel_id`,
      [first.prevHash, sessionId],
    );
    expect(linked[0]!.n, `${label}: first entry links to an earlier session of the team`).toBe(1);
  }
  const [row] = await sql<Integrity["row"]>(
    "SELECT phase, current_speaker_id, last_seq, announced_seq, outcome FROM session WHERE id = $1",
    [sessionId],
  );
  expect(row, `${label}: session row`).toBeDefined();
  expect(row!.last_seq, `${label}: last_seq vs newest entry`).toBe(entries.at(-1)!.seq);
  expect(row!.announced_seq, `${label}: announced_seq`).toBeLessThanOrEqual(row!.last_seq);
  const events = entries.map((e) => e.payload as SessionEvent);
  const state = fold(events);
  expect(
    { phase: row!.phase, currentSpeakerId: row!.current_speaker_id },
    `${label}: projection vs fold`,
  ).toEqual({
    phase: state.phase,
    currentSpeakerId: state.current?.userId ?? null,
  });
  return { entries, events, state, row: row! };
}

/** No session anywhere whose last_seq is not its newest entry's seq (a half-written append). */
export async function halfWrittenSessions(sql: Sql): Promise<unknown[]> {
  return sql(`
    SELECT s.id, s.last_seq, l.max_seq FROM session s
    LEFT JOIN (SELECT session_id, max(seq) AS max_seq, count(*) AS n FROM ledger_entry GROUP BY session_id) l ON l.session_id = s.id
    WHERE s.last_seq <> coalesce(l.max_seq, 0) OR coalesce(l.n, 0) <> coalesce(l.max_seq, 0)`);
}

export const TURN_ENDS = new Set([
  "turn_finished",
  "passed",
  "principal_concluded",
  "skipped",
  "marked_absent",
]);

/** How many entries ended each turn index: every value must be at most 1. */
export function turnEnds(events: readonly SessionEvent[]): Map<number, number> {
  const ends = new Map<number, number>();
  for (const e of events) {
    if (!TURN_ENDS.has(e.type)) continue;
    const index = (e as { turnIndex?: number }).turnIndex;
    if (typeof index === "number") ends.set(index, (ends.get(index) ?? 0) + 1);
  }
  return ends;
}

/** Statement entries per Slack message ts: every value must be 1. */
export function statementsPerTs(events: readonly SessionEvent[]): Map<string, number> {
  const per = new Map<string, number>();
  for (const e of events) {
    if (e.type !== "statement" && e.type !== "out_of_turn") continue;
    const ts = (e as { messageTs: string }).messageTs;
    per.set(ts, (per.get(ts) ?? 0) + 1);
  }
  return per;
}

/**
 * Takes a session from wherever its round is to the vote, as people would: each remaining speaker
 * passes (or presses Done if they have already spoken); the proposer presents and the principal
 * concludes, each in one line.
 */
export async function finishRound(meeting: Meeting, sql: Sql): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    const { state } = await checkIntegrity(sql, meeting.sessionId);
    if (state.phase !== "speaking") return;
    const current = state.current!;
    await meeting.waitForTurnCall(current.userId, current.index);
    const spoken = state.statements.some((s) => s.turnIndex === current.index && s.deletedAt === null);
    if (current.kind !== "statement" && !spoken) {
      await meeting.say(
        current.userId,
        current.kind === "proposal" ? "The proposal." : "Concluding statement.",
      );
      await meeting.waitForEntry(
        (e) =>
          e.type === "statement" && e.actor_id === current.userId && e.payload.turnIndex === current.index,
      );
      await meeting.press("turn_done", current.userId, current.index);
    } else {
      await meeting.press(spoken ? "turn_done" : "turn_pass", current.userId, current.index);
    }
    await meeting.waitForEntry((e) => TURN_ENDS.has(e.type) && e.payload.turnIndex === current.index);
  }
  throw new Error("finishRound: the round did not end");
}

/**
 * Takes a row lock (`statement`, e.g. SELECT … FOR UPDATE) in a transaction of its own and holds
 * it until the returned function is called, as a long writer would: the bot's work that needs the
 * row waits meanwhile.
 */
export async function holdLock(
  url: string,
  statement: string,
  values: unknown[],
): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(statement, values);
  return async () => {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  };
}

export function sqlOn(url: string): Sql {
  return async (text, values) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text, values)).rows;
    } finally {
      await client.end();
    }
  };
}
