import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** What Slack sent, as the metrics name it. */
export type RequestKind = "command" | "event" | "action" | "view" | "options" | "other";

/** The pool's connections right now: `pg.Pool`'s totalCount, idleCount and waitingCount. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Read from the database when Prometheus scrapes, so every replica reports the same backlog. */
export interface MetricSources {
  /** Replies, presses and commands kept in the inbox and not yet recorded. */
  inboxDepth(): Promise<number>;
  /** Jobs due now and not done; `late`: those due for longer than LATE_AFTER_MS. */
  jobBacklog(now: Date): Promise<{ due: number; late: number }>;
  /** The database pool (undefined while there is none, say during a reconnect). */
  pool(): PoolStats | undefined;
  clock: () => Date;
}

/** A job still not done a minute after its due time waits for a replica, the budget or a retry. */
export const LATE_AFTER_MS = 60_000;

/**
 * Lastword's Prometheus metrics, in a registry of its own (not prom-client's global one), so that
 * two bots in one process (the tests' replicas) do not count into each other.
 */
export class Metrics {
  readonly registry = new Registry();

  /** Requests from Slack by kind; the histogram's count is the number of requests. */
  readonly ackSeconds = new Histogram({
    name: "lastword_slack_ack_seconds",
    help: "Time from a request's arrival to its acknowledgement, by kind (Slack retries after 3 s)",
    labelNames: ["kind"] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [this.registry],
  });

  readonly requests = new Counter({
    name: "lastword_slack_requests_total",
    help: "Requests received from Slack (HTTP or Socket Mode), by kind",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });

  readonly ledgerEntries = new Counter({
    name: "lastword_ledger_entries_total",
    help: "Entries appended to session ledgers by this replica, by type (statement, vote_cast, outcome, …)",
    labelNames: ["type"] as const,
    registers: [this.registry],
  });

  readonly dmsSent = new Counter({
    name: "lastword_dms_sent_total",
    help: "Scheduled DMs (check-ins, reminders, escalations) Slack accepted",
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: "lastword_slack_rate_limited_total",
    help: "Web API calls Slack answered with HTTP 429",
    labelNames: ["client"] as const,
    registers: [this.registry],
  });

  readonly sendBudgetLag = new Gauge({
    name: "lastword_send_budget_lag_seconds",
    help: "How far after now the last scheduled DM claimed was given its slot in the shared send budget",
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: "lastword_" });
    // The pool is read before the gauges below query the database: a scrape reports the pool as it
    // found it, not its own queries queued for a connection.
    const pool = (name: string, help: string, read: (p: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const stats = sources.pool();
          if (stats) this.set(read(stats));
        },
      });
    pool("lastword_db_pool_waiting", "Queries waiting for a database connection", (p) => p.waiting);
    pool("lastword_db_pool_connections", "Database connections open in the pool", (p) => p.total);
    pool("lastword_db_pool_idle", "Database connections open and idle", (p) => p.idle);
    new Gauge({
      name: "lastword_inbox_depth",
      help: "Session replies, presses and commands acknowledged to Slack and not yet recorded in the ledger",
      registers: [this.registry],
      async collect() {
        this.set(await sources.inboxDepth());
      },
    });
    const backlog = (name: string, help: string, read: (b: { due: number; late: number }) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          this.set(read(await sources.jobBacklog(sources.clock())));
        },
      });
    backlog("lastword_jobs_due", "Scheduled jobs due and not done (all replicas)", (b) => b.due);
    backlog(
      "lastword_jobs_late",
      `Scheduled jobs still not done ${LATE_AFTER_MS / 1000} s after their due time (all replicas)`,
      (b) => b.late,
    );
  }

  /** The text Prometheus scrapes. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
