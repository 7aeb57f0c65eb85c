import { type Queryable, type Sql, sql } from "./db.ts";

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
  constructor(private readonly db: Queryable) {}

  async pruneBefore(cutoff: Date): Promise<Pruned> {
    return {
      // Done jobs only: a pending one is work still to do, however old.
      jobs: await this.inBatches(sql`
        DELETE FROM job WHERE (workspace_id, key) IN (
          SELECT workspace_id, key FROM job WHERE done_at < ${cutoff} LIMIT ${BATCH})`),
      // Sent ones only: a "posting" record is what stops a DM being sent twice.
      deliveries: await this.inBatches(sql`
        DELETE FROM delivery WHERE (workspace_id, key) IN (
          SELECT workspace_id, key FROM delivery WHERE state = 'sent' AND sent_at < ${cutoff} LIMIT ${BATCH})`),
      inbox: await this.inBatches(sql`
        DELETE FROM inbox_event WHERE (workspace_id, event_id) IN (
          SELECT workspace_id, event_id FROM inbox_event WHERE received_at < ${cutoff} LIMIT ${BATCH})`),
    };
  }

  private async inBatches(statement: Sql): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.db.execute(statement);
      total += n;
      if (n < BATCH) return total;
    }
  }
}
