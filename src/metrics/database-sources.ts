import { type Queryable, sql } from "../store/db.ts";
import { LATE_AFTER_MS, type MetricSources } from "./metrics.ts";

/** The backlog gauges, read from the database; `pool` reports its connections (see lastword.ts). */
export function databaseSources(
  db: Queryable,
  pool: MetricSources["pool"],
  clock: () => Date,
): MetricSources {
  return {
    clock,
    pool,
    async inboxDepth() {
      const [row] = await db.query<{ n: number }>(sql`SELECT count(*)::int AS n FROM inbox_event`);
      return Number(row?.n ?? 0);
    },
    async jobBacklog(now) {
      const late = new Date(now.getTime() - LATE_AFTER_MS);
      const [row] = await db.query<{ due: number; late: number }>(sql`
        SELECT count(*) FILTER (WHERE due_at <= ${now})::int AS due,
               count(*) FILTER (WHERE due_at <= ${late})::int AS late
          FROM job WHERE done_at IS NULL AND due_at <= ${now}`);
      return { due: Number(row?.due ?? 0), late: Number(row?.late ?? 0) };
    },
  };
}
