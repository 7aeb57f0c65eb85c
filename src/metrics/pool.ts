import type { PoolStats } from "./metrics.ts";

/** The counters every `pg.Pool` keeps. */
export interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** The pool gauges' source: `pool()` returns the store's `pg.Pool`, asked at each scrape. */
export function poolStats(pool: () => PgPoolCounts | undefined): () => PoolStats | undefined {
  return () => {
    const p = pool();
    return p ? { total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount } : undefined;
  };
}
