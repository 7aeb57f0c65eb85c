import { LATE_AFTER_MS, type MetricSources } from "./metrics.ts";

/** Runs one SQL statement with positional parameters and returns its rows. */
export type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

/**
 * The backlog gauges, read with plain SQL so that they work on whatever client the store uses:
 * point `query` at it, and `pool` at its `pg.Pool` (see lastword.ts).
 */
export function databaseSources(query: Query, pool: MetricSources["pool"], clock: () => Date): MetricSources {
  return {
    clock,
    pool,
    async inboxDepth() {
      const [row] = await query("SELECT count(*)::int AS n FROM inbox_event", []);
      return Number(row?.n ?? 0);
    },
    async jobBacklog(now) {
      const [row] = await query(
        `SELECT count(*) FILTER (WHERE due_at <= $1)::int AS due,
                count(*) FILTER (WHERE due_at <= $2)::int AS late
           FROM job WHERE done_at IS NULL AND due_at <= $1`,
        [now, new Date(now.getTime() - LATE_AFTER_MS)],
      );
      return { due: Number(row?.due ?? 0), late: Number(row?.late ?? 0) };
    },
  };
}
