import type { Query } from "../metrics/database-sources.ts";

/** Rows deleted per statement: a large backlog goes in several short statements, not one long lock. */
const BATCH = 5_000;

export interface Pruned {
  jobs: number;
  deliveries: number;
  inbox: number;
}

/**
 * Deletes what is only kept to run the bot, once it is older than the retention: finished jobs,
 * sent DMs' delivery records, and inbox rows. The ledger, the sessions, the rosters and the
 * check-in answers are the record and are never deleted here.
 */
export class RetentionStore {
  constructor(private readonly query: Query) {}

  async pruneBefore(cutoff: Date): Promise<Pruned> {
    return {
      // Done jobs only: a pending one is work still to do, however old.
      jobs: await this.inBatches(
        `DELETE FROM job WHERE (workspace_id, key) IN (
           SELECT workspace_id, key FROM job WHERE done_at < $1 LIMIT ${BATCH})`,
        cutoff,
      ),
      // Sent ones only: a "posting" record is what stops a DM being sent twice.
      deliveries: await this.inBatches(
        `DELETE FROM delivery WHERE (workspace_id, key) IN (
           SELECT workspace_id, key FROM delivery WHERE state = 'sent' AND sent_at < $1 LIMIT ${BATCH})`,
        cutoff,
      ),
      inbox: await this.inBatches(
        `DELETE FROM inbox_event WHERE (workspace_id, event_id) IN (
           SELECT workspace_id, event_id FROM inbox_event WHERE received_at < $1 LIMIT ${BATCH})`,
        cutoff,
      ),
    };
  }

  private async inBatches(sql: string, cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [row] = await this.query(
        `WITH gone AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [cutoff],
      );
      const n = Number(row?.n ?? 0);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
