/**
 * Watches the ledger_entry table for entries the benchmark caused, polling every `everyMs` with
 * one query for everything still pending. `seenMs` (request → the entry is visible to another
 * connection) is therefore an upper bound, late by at most one poll interval plus one query;
 * `decidedMs` (request → the entry's own `at`, the bot's clock when it decided, before the
 * insert) is a lower bound, to the millisecond.
 */
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { sleep } from "./pool.ts";

export interface Seen {
  seenMs: number;
  decidedMs: number;
}

interface Pending {
  sentAt: number; // performance.now()
  resolve: (seen: Seen) => void;
}

const ENDS = ["turn_finished", "passed", "principal_concluded"];

export class LedgerWatch {
  private readonly statements = new Map<string, Pending>();
  /** `${sessionId}|${turnIndex}` → the press that should end that turn. */
  private readonly ends = new Map<string, Pending>();
  private running = false;
  private loop: Promise<void> | undefined;
  polls = 0;
  errors = 0;
  lastError: string | undefined;
  pollMs: number[] = [];

  constructor(
    private readonly sql: pg.Pool,
    readonly everyMs = 10,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get pending(): number {
    return this.statements.size + this.ends.size;
  }

  /** Resolves when the statement with this message ts is in the ledger. */
  statement(messageTs: string, sentAt: number): Promise<Seen> {
    return new Promise((resolve) => this.statements.set(messageTs, { sentAt, resolve }));
  }

  /** Stops waiting for the statements still pending (their promises never settle); returns how many. */
  forgetStatements(): number {
    const n = this.statements.size;
    this.statements.clear();
    return n;
  }

  /** Resolves when turn `turnIndex` of the session has ended in the ledger (done, pass or conclusion). */
  turnEnd(sessionId: string, turnIndex: number, sentAt: number): Promise<Seen> {
    return new Promise((resolve) => this.ends.set(`${sessionId}|${turnIndex}`, { sentAt, resolve }));
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.pending === 0) {
        await sleep(this.everyMs);
        continue;
      }
      const t0 = performance.now();
      const sessions = [...new Set([...this.ends.keys()].map((k) => k.split("|")[0]!))];
      type Row = { type: string; session_id: string; ts: string | null; turn: number | null; at: Date };
      let rows: Row[];
      try {
        const result = await this.sql.query<Row>(
          `SELECT type, session_id, payload->>'messageTs' AS ts, (payload->>'turnIndex')::int AS turn, at
             FROM ledger_entry
            WHERE (type = 'statement' AND payload->>'messageTs' = ANY($1::text[]))
               OR (type = ANY($3::text[]) AND session_id = ANY($2::uuid[]))`,
          [[...this.statements.keys()], sessions, ENDS],
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
        const key = row.type === "statement" ? row.ts : `${row.session_id}|${row.turn}`;
        const map = row.type === "statement" ? this.statements : this.ends;
        const pending = key === null ? undefined : map.get(key);
        if (!pending || key === null) continue;
        map.delete(key);
        const decidedMs = row.at.getTime() - (performance.timeOrigin + pending.sentAt);
        pending.resolve({ seenMs: now - pending.sentAt, decidedMs });
      }
      await sleep(this.everyMs);
    }
  }
}
