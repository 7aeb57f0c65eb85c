import { Database, sql } from "./db.ts";

export interface InboxRow {
  workspaceId: string;
  eventId: string;
  body: unknown;
}

/**
 * Slack deliveries kept until they are recorded (see InboxEvent in schema.prisma): thread replies,
 * and the presses and commands that change a session. A row's event_id is the delivery's own id:
 * Slack's event id for a reply, the press's or the command's for the others. Keeping one
 * happens before Bolt answers Slack, so it has its own two connections and one statement: it
 * must not queue behind the ledger's transactions, or under load the answer would miss Slack's
 * 3 seconds.
 */
export class InboxStore {
  private readonly db: Database;

  constructor(databaseUrl: string) {
    this.db = Database.fromUrl(databaseUrl, { max: 2 });
  }

  /** Keeps a reply if its thread is a session's; a redelivery is kept once. */
  async keepIfSessionReply(
    workspaceId: string,
    eventId: string,
    channelId: string,
    threadTs: string,
    body: unknown,
  ): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO inbox_event (workspace_id, event_id, body)
      SELECT ${workspaceId}, ${eventId}, ${JSON.stringify(body)}::jsonb
      WHERE EXISTS (SELECT 1 FROM session WHERE workspace_id = ${workspaceId} AND channel_id = ${channelId} AND thread_ts = ${threadTs})
      ON CONFLICT DO NOTHING`);
  }

  /** Keeps a press or a command; the same delivery kept twice is one row. */
  async keep(workspaceId: string, deliveryId: string, body: unknown): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO inbox_event (workspace_id, event_id, body)
      VALUES (${workspaceId}, ${deliveryId}, ${JSON.stringify(body)}::jsonb)
      ON CONFLICT DO NOTHING`);
  }

  async done(workspaceId: string, eventId: string): Promise<void> {
    await this.db.execute(
      sql`DELETE FROM inbox_event WHERE workspace_id = ${workspaceId} AND event_id = ${eventId}`,
    );
  }

  /**
   * Deliveries still here after `olderThanMs` by the database's clock (the one that stamped them):
   * their first handling failed or never ran.
   */
  async stale(olderThanMs: number, limit: number): Promise<InboxRow[]> {
    const rows = await this.db.query<{ workspace_id: string; event_id: string; body: unknown }>(sql`
      SELECT workspace_id, event_id, body FROM inbox_event
      WHERE received_at < now() - ${olderThanMs}::float8 * interval '1 millisecond' ORDER BY received_at LIMIT ${limit}`);
    return rows.map((r) => ({ workspaceId: r.workspace_id, eventId: r.event_id, body: r.body }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
