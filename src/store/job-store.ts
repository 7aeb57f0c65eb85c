import { type Database, type Queryable, sql } from "./db.ts";

export interface JobRow {
  workspaceId: string;
  key: string;
  kind: string;
  dueAt: Date;
  payload: unknown;
  attempts: number;
}

export interface NewJob {
  workspaceId: string;
  /** Unique per unit of work (say `session:<id>:turn:3:remind`): scheduling it twice is a no-op. */
  key: string;
  kind: string;
  dueAt: Date;
  /** Stored as JSON. */
  payload: unknown;
}

/**
 * Scheduled units of work, claimed in the database: every replica polls, exactly one gets each
 * unit, and a unit whose replica died is claimed again when its lease runs out. Work that fell
 * due while every process was down is simply found due at the next poll.
 */
export class JobStore {
  constructor(private readonly db: Database) {}

  async schedule(jobs: NewJob[], tx: Queryable = this.db): Promise<void> {
    await scheduleJobs(tx, jobs);
  }

  /** The workspaces with jobs of `kinds` due and unclaimed, the longest waiting first. */
  async workspacesWithDue(now: Date, kinds: string[], limit: number): Promise<string[]> {
    const rows = await this.db.query<{ workspace_id: string }>(sql`
      SELECT workspace_id FROM job
      WHERE done_at IS NULL AND due_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now}) AND kind = ANY(${kinds})
      GROUP BY workspace_id ORDER BY min(due_at) LIMIT ${limit}`);
    return rows.map((r) => r.workspace_id);
  }

  /**
   * Claims up to `limit` due jobs for `leaseMs`; SKIP LOCKED keeps replicas off each other's rows.
   * `kinds` picks which: only those kinds (`in`), or every kind but those (`notIn`), and
   * optionally of one workspace only.
   */
  async claimDue(
    owner: string,
    now: Date,
    leaseMs: number,
    limit: number,
    kinds?: { in?: string[]; notIn?: string[]; workspaceId?: string },
  ): Promise<JobRow[]> {
    if (limit <= 0) return [];
    const until = new Date(now.getTime() + leaseMs);
    const kindFilter = sql`${
      kinds?.in
        ? sql`AND kind = ANY(${kinds.in})`
        : kinds?.notIn && kinds.notIn.length > 0
          ? sql`AND NOT (kind = ANY(${kinds.notIn}))`
          : sql.empty
    } ${kinds?.workspaceId === undefined ? sql.empty : sql`AND workspace_id = ${kinds.workspaceId}`}`;
    const rows = await this.db.query<{
      workspace_id: string;
      key: string;
      kind: string;
      due_at: Date;
      payload: unknown;
      attempts: number;
    }>(sql`
      UPDATE job SET claimed_by = ${owner}, claimed_until = ${until}, attempts = attempts + 1
      WHERE (workspace_id, key) IN (
        SELECT workspace_id, key FROM job
        WHERE done_at IS NULL AND due_at <= ${now} AND (claimed_until IS NULL OR claimed_until < ${now}) ${kindFilter}
        ORDER BY due_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING workspace_id, key, kind, due_at, payload, attempts`);
    return rows.map((r) => ({
      workspaceId: r.workspace_id,
      key: r.key,
      kind: r.kind,
      dueAt: r.due_at,
      payload: r.payload,
      attempts: r.attempts,
    }));
  }

  /**
   * Extends this owner's claim on a job to `now + leaseMs`; false when the claim has run out or
   * passed to another replica. Called when a job starts (its lease is its own, not its batch's)
   * and by long jobs as they go.
   */
  async renew(workspaceId: string, key: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const n = await this.db.execute(sql`
      UPDATE job SET claimed_until = ${new Date(now.getTime() + leaseMs)}
      WHERE workspace_id = ${workspaceId} AND key = ${key} AND claimed_by = ${owner} AND done_at IS NULL
        AND claimed_until >= ${now}`);
    return n === 1;
  }

  /** Marks a claimed job done; false when the claim had been lost to another replica. */
  async complete(workspaceId: string, key: string, owner: string, now: Date): Promise<boolean> {
    const n = await this.db.execute(sql`
      UPDATE job SET done_at = ${now}
      WHERE workspace_id = ${workspaceId} AND key = ${key} AND claimed_by = ${owner} AND done_at IS NULL`);
    return n === 1;
  }

  /**
   * Gives a claimed job back to be tried again at `retryAt`: after a failure, or when Slack asked
   * us to wait (then the claim does not count as an attempt, so it does not lengthen later backoffs).
   */
  async release(
    workspaceId: string,
    key: string,
    owner: string,
    retryAt: Date,
    options: { countAttempt?: boolean } = {},
  ): Promise<void> {
    const uncount = options.countAttempt === false ? 1 : 0;
    await this.db.execute(sql`
      UPDATE job SET claimed_by = NULL, claimed_until = NULL, due_at = ${retryAt}, attempts = attempts - ${uncount}::int
      WHERE workspace_id = ${workspaceId} AND key = ${key} AND claimed_by = ${owner} AND done_at IS NULL`);
  }

  /** The workspace uninstalled Lastword: its pending jobs are finished unrun. */
  async finishAll(workspaceId: string, now: Date): Promise<number> {
    return this.db.execute(sql`
      UPDATE job SET done_at = ${now} WHERE workspace_id = ${workspaceId} AND done_at IS NULL`);
  }

  /** Makes pending jobs due at `now` (an operator's "run it now"); done ones stay done. */
  async bringForward(workspaceId: string, keys: string[], now: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.db.execute(sql`
      UPDATE job SET due_at = ${now}
      WHERE workspace_id = ${workspaceId} AND key = ANY(${keys}) AND done_at IS NULL AND due_at > ${now}`);
  }

  async find(workspaceId: string, key: string): Promise<{ doneAt: Date | null; dueAt: Date } | null> {
    const [row] = await this.db.query<{ doneAt: Date | null; dueAt: Date }>(sql`
      SELECT done_at AS "doneAt", due_at AS "dueAt" FROM job WHERE workspace_id = ${workspaceId} AND key = ${key}`);
    return row ?? null;
  }
}

/** Schedules jobs on `db` (often an open transaction); a key already scheduled stays as it is. */
export async function scheduleJobs(db: Queryable, jobs: readonly NewJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await db.execute(sql`
    INSERT INTO job (workspace_id, key, kind, due_at, payload)
    SELECT j.workspace_id, j.key, j.kind, j.due_at, j.payload
    FROM jsonb_to_recordset(${JSON.stringify(jobRows(jobs))}::jsonb)
      AS j(workspace_id text, key text, kind text, due_at timestamptz, payload jsonb)
    ON CONFLICT DO NOTHING`);
}

/** Jobs as the rows of a `jsonb_to_recordset(…) AS j(workspace_id, key, kind, due_at, payload)`. */
export function jobRows(jobs: readonly NewJob[]): object[] {
  return jobs.map((j) => ({
    workspace_id: j.workspaceId,
    key: j.key,
    kind: j.kind,
    due_at: j.dueAt.toISOString(),
    payload: j.payload,
  }));
}
