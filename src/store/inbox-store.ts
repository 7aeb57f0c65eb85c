import type { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./prisma-client.ts";

export interface InboxRow {
  workspaceId: string;
  eventId: string;
  body: unknown;
}

/** Slack deliveries kept until they are recorded (see InboxEvent in schema.prisma). */
export class InboxStore {
  constructor(private readonly db: Db) {}

  /** Keeps a delivery; a redelivery of the same event is kept once. */
  async keep(workspaceId: string, eventId: string, body: unknown): Promise<void> {
    await this.db.inboxEvent.createMany({ data: [{ workspaceId, eventId, body: body as Prisma.InputJsonValue }], skipDuplicates: true });
  }

  async done(workspaceId: string, eventId: string): Promise<void> {
    await this.db.inboxEvent.deleteMany({ where: { workspaceId, eventId } });
  }

  /**
   * Deliveries still here after `olderThanMs` by the database's clock (the one that stamped them):
   * their first handling failed or never ran.
   */
  async stale(olderThanMs: number, limit: number): Promise<InboxRow[]> {
    const rows = await this.db.$queryRaw<Array<{ workspace_id: string; event_id: string; body: unknown }>>`
      SELECT workspace_id, event_id, body FROM inbox_event
      WHERE received_at < now() - ${olderThanMs} * interval '1 millisecond'
      ORDER BY received_at LIMIT ${limit}`;
    return rows.map((r) => ({ workspaceId: r.workspace_id, eventId: r.event_id, body: r.body }));
  }
}
