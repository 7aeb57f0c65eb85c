import pg from "pg";

export interface InboxRow {
  workspaceId: string;
  eventId: string;
  body: unknown;
}

/**
 * Slack deliveries kept until they are recorded (see InboxEvent in schema.prisma). Keeping one
 * happens before Bolt answers Slack, so it has its own two connections and one statement: it
 * must not queue behind the ledger's transactions, or under load the answer would miss Slack's
 * 3 seconds.
 */
export class InboxStore {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // An idle connection dropped by a database restart must not crash the process.
    this.pool.on("error", () => undefined);
  }

  /** Keeps a reply if its thread is a session's; a redelivery is kept once. */
  async keepIfSessionReply(
    workspaceId: string,
    eventId: string,
    channelId: string,
    threadTs: string,
    body: unknown,
  ): Promise<void> {
    await this.pool.query(
      `INSERT INTO inbox_event (workspace_id, event_id, body)
       SELECT $1, $2, $5 WHERE EXISTS (SELECT 1 FROM session WHERE workspace_id = $1 AND channel_id = $3 AND thread_ts = $4)
       ON CONFLICT DO NOTHING`,
      [workspaceId, eventId, channelId, threadTs, JSON.stringify(body)],
    );
  }

  async done(workspaceId: string, eventId: string): Promise<void> {
    await this.pool.query("DELETE FROM inbox_event WHERE workspace_id = $1 AND event_id = $2", [
      workspaceId,
      eventId,
    ]);
  }

  /**
   * Deliveries still here after `olderThanMs` by the database's clock (the one that stamped them):
   * their first handling failed or never ran.
   */
  async stale(olderThanMs: number, limit: number): Promise<InboxRow[]> {
    const result = await this.pool.query<{ workspace_id: string; event_id: string; body: unknown }>(
      `SELECT workspace_id, event_id, body FROM inbox_event
       WHERE received_at < now() - $1 * interval '1 millisecond' ORDER BY received_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return result.rows.map((r) => ({ workspaceId: r.workspace_id, eventId: r.event_id, body: r.body }));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
