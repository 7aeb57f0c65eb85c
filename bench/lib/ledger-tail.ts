/**
 * Follows the ledgers of the sessions a benchmark is waiting on, for hundreds of sessions at
 * once, with one query per poll for everything still pending. Finding an entry by its content
 * (a statement by its message ts, say) would scan the whole ledger_entry table at every poll and,
 * at 500 sessions and a growing table, put the watcher's own load on Postgres next to the bot's;
 * so this remembers the last seq it has seen per session and asks only for newer entries, through
 * the table's primary key (workspace, session, seq).
 *
 * Expectations must be registered before the request is sent: the entry may be in the ledger
 * before the ack is back, and once a poll has gone past it, it is not looked at again. Each
 * resolves with when the entry became visible to another connection (`seenAt`,
 * performance.now(): late by at most one poll interval plus one query) and the entry's own `at`
 * (the bot's clock when it decided, before the insert).
 */
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { sleep } from "./pool.ts";

export interface Landed {
  seenAt: number;
  at: Date;
}

interface Row {
  session_id: string;
  seq: number;
  type: string;
  actor_id: string | null;
  ts: string | null;
  turn: number | null;
  at: Date;
}

/**
 * The key an entry is expected under: a statement by its message ts, a named vote by session and
 * voter, the end of a turn (done, pass or the principal's conclusion) by session and turn.
 */
export const statementKey = (messageTs: string) => `statement:${messageTs}`;
export const voteKey = (sessionId: string, userId: string) => `vote:${sessionId}:${userId}`;
export const turnEndKey = (sessionId: string, turnIndex: number) => `turn-end:${sessionId}:${turnIndex}`;

const TURN_ENDS = ["turn_finished", "passed", "principal_concluded"];

function keyOf(row: Row): string | undefined {
  if (row.type === "statement" && row.ts) return statementKey(row.ts);
  if (row.type === "vote_cast" && row.actor_id) return voteKey(row.session_id, row.actor_id);
  if (TURN_ENDS.includes(row.type) && row.turn !== null) return turnEndKey(row.session_id, row.turn);
  return undefined;
}

export class LedgerTail {
  /** Last seq seen per session. */
  private readonly known = new Map<string, number>();
  /** key → its waiter, and the session it is in. */
  private readonly waiting = new Map<string, { sessionId: string; resolve: (l: Landed) => void }>();
  private running = false;
  private loop: Promise<void> | undefined;
  polls = 0;
  errors = 0;
  lastError: string | undefined;
  pollMs: number[] = [];

  constructor(
    private readonly sql: pg.Pool,
    private readonly workspaceId: string,
    readonly everyMs = 10,
  ) {}

  /** Takes the sessions' ledgers as they are now as the starting point (call while nothing is in flight). */
  async sync(sessionIds: string[]): Promise<void> {
    const { rows } = await this.sql.query<{ id: string; seq: number }>(
      `SELECT k.id, coalesce(max(e.seq), 0)::int AS seq FROM unnest($2::uuid[]) AS k(id)
         LEFT JOIN ledger_entry e ON e.workspace_id = $1 AND e.session_id = k.id GROUP BY k.id`,
      [this.workspaceId, sessionIds],
    );
    for (const r of rows) this.known.set(r.id, r.seq);
  }

  get pending(): number {
    return this.waiting.size;
  }

  /** Resolves when an entry with `key` appears in session `sessionId`'s ledger after its synced seq. */
  expect(sessionId: string, key: string): Promise<Landed> {
    if (!this.known.has(sessionId)) throw new Error(`LedgerTail: session ${sessionId} was not synced`);
    return new Promise((resolve) => this.waiting.set(key, { sessionId, resolve }));
  }

  /** Stops waiting for what is still pending (those promises never settle); returns how many. */
  forget(): number {
    const n = this.waiting.size;
    this.waiting.clear();
    return n;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.waiting.size === 0) {
        await sleep(this.everyMs);
        continue;
      }
      const sessions = [...new Set([...this.waiting.values()].map((w) => w.sessionId))];
      const t0 = performance.now();
      let rows: Row[];
      try {
        const result = await this.sql.query<Row>(
          `SELECT e.session_id, e.seq, e.type, e.actor_id, e.payload->>'messageTs' AS ts, (e.payload->>'turnIndex')::int AS turn, e.at
             FROM unnest($2::uuid[], $3::int[]) AS k(id, seq)
             JOIN ledger_entry e ON e.workspace_id = $1 AND e.session_id = k.id AND e.seq > k.seq`,
          [this.workspaceId, sessions, sessions.map((s) => this.known.get(s) ?? 0)],
        );
        rows = result.rows;
      } catch (err) {
        // The database going away ends the run elsewhere; here it only must not throw.
        this.errors++;
        this.lastError = String(err);
        await sleep(this.everyMs * 10);
        continue;
      }
      const now = performance.now();
      this.polls++;
      this.pollMs.push(now - t0);
      for (const row of rows) {
        if (row.seq > (this.known.get(row.session_id) ?? 0)) this.known.set(row.session_id, row.seq);
        const key = keyOf(row);
        const waiter = key === undefined ? undefined : this.waiting.get(key);
        if (!waiter || key === undefined) continue;
        this.waiting.delete(key);
        waiter.resolve({ seenAt: now, at: row.at });
      }
      await sleep(this.everyMs);
    }
  }
}
