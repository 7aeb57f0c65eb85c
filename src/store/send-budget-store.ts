import { type Database, sql } from "./db.ts";

export interface BudgetRate {
  /** Messages per second, over all replicas. */
  perSecond: number;
  /** Messages that may go at once after a quiet spell. */
  burst: number;
}

/**
 * The budgets for scheduled DMs, one per workspace (a generic cell rate algorithm on one row each;
 * see the SendBudget model). Slack limits each workspace's calls on its own, so one workspace's
 * quarter of check-ins never delays another's. Every replica reserves its slots here before it
 * sends, so together they stay under the rate however many there are, instead of each finding
 * the limit by being refused.
 */
export class SendBudgetStore {
  constructor(
    private readonly db: Database,
    private readonly prefix: string,
    private readonly rate: BudgetRate,
  ) {}

  private name(workspaceId: string): string {
    return `${this.prefix}:${workspaceId}`;
  }

  private get intervalMs(): number {
    return 1000 / this.rate.perSecond;
  }

  /** How many slots start before `now + horizonMs` (no reservation is made). */
  async available(workspaceId: string, now: Date, horizonMs: number): Promise<number> {
    const [row] = await this.db.query<{ next_at: Date }>(
      sql`SELECT next_at FROM send_budget WHERE name = ${this.name(workspaceId)}`,
    );
    const base = Math.max(row?.next_at.getTime() ?? -Infinity, this.floor(now));
    return Math.max(0, Math.floor((now.getTime() + horizonMs - base) / this.intervalMs));
  }

  /** Reserves `n` consecutive slots; returns when each may go (some may be already past). */
  async reserve(workspaceId: string, now: Date, n: number): Promise<Date[]> {
    if (n <= 0) return [];
    const span = n * this.intervalMs;
    const floor = new Date(this.floor(now));
    const [row] = await this.db.query<{ next_at: Date }>(sql`
      INSERT INTO send_budget (name, next_at) VALUES (${this.name(workspaceId)}, ${new Date(floor.getTime() + span)})
      ON CONFLICT (name) DO UPDATE
        SET next_at = GREATEST(send_budget.next_at, ${floor}::timestamptz) + ${span}::float8 * interval '1 millisecond'
      RETURNING next_at`);
    const first = row!.next_at.getTime() - span;
    return Array.from({ length: n }, (_, i) => new Date(first + i * this.intervalMs));
  }

  /** Slack said to wait (to this workspace): no replica's slot for it starts before `until`. */
  async holdUntil(workspaceId: string, until: Date): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO send_budget (name, next_at) VALUES (${this.name(workspaceId)}, ${until})
      ON CONFLICT (name) DO UPDATE SET next_at = GREATEST(send_budget.next_at, ${until}::timestamptz)`);
  }

  /** Unused credit does not pile up beyond the burst. */
  private floor(now: Date): number {
    return now.getTime() - this.rate.burst * this.intervalMs;
  }
}
