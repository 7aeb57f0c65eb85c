import { type Database, sql } from "./db.ts";

export type DeliveryRow =
  | { state: "posting"; recipient: string }
  | { state: "sent"; recipient: string; channel: string | null; ts: string | null };

/** DMs posted by scheduled jobs, "posting" before the call and "sent" after (see the Delivery model). */
export class DeliveryStore {
  constructor(private readonly db: Database) {}

  async find(workspaceId: string, key: string): Promise<DeliveryRow | null> {
    const [row] = await this.db.query<{
      state: string;
      recipient: string;
      channel: string | null;
      ts: string | null;
    }>(
      sql`SELECT state, recipient, channel, ts FROM delivery WHERE workspace_id = ${workspaceId} AND key = ${key}`,
    );
    if (!row) return null;
    return row.state === "sent"
      ? { state: "sent", recipient: row.recipient, channel: row.channel, ts: row.ts }
      : { state: "posting", recipient: row.recipient };
  }

  /** About to call Slack; a delivery already sent stays sent. */
  async posting(workspaceId: string, key: string, recipient: string, at: Date): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO delivery (workspace_id, key, recipient, state, attempted_at) VALUES (${workspaceId}, ${key}, ${recipient}, 'posting', ${at})
      ON CONFLICT (workspace_id, key) DO UPDATE SET attempted_at = EXCLUDED.attempted_at WHERE delivery.state = 'posting'`);
  }

  async sent(
    workspaceId: string,
    key: string,
    where: { channel: string | null; ts: string | null },
    at: Date,
  ): Promise<void> {
    await this.db.execute(sql`
      UPDATE delivery SET state = 'sent', channel = ${where.channel}, ts = ${where.ts}, sent_at = ${at}
      WHERE workspace_id = ${workspaceId} AND key = ${key}`);
  }

  /** Slack answered that it posted nothing: the next try needs no look in the DM first. */
  async notPosted(workspaceId: string, key: string): Promise<void> {
    await this.db.execute(sql`
      DELETE FROM delivery WHERE workspace_id = ${workspaceId} AND key = ${key} AND state = 'posting'`);
  }
}
