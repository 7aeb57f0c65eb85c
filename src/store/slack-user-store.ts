import { type Database, sql } from "./db.ts";

export interface StoredProfile {
  userId: string;
  timezone: string | null;
  locale: string | null;
  deleted: boolean;
}

/** What Slack said about users, kept for scheduled work (see the SlackUser model). */
export class SlackUserStore {
  constructor(private readonly db: Database) {}

  async get(workspaceId: string, userIds: readonly string[]): Promise<Map<string, StoredProfile>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.query<StoredProfile>(sql`
      SELECT user_id AS "userId", timezone, locale, deleted FROM slack_user
      WHERE workspace_id = ${workspaceId} AND user_id = ANY(${[...userIds]})`);
    return new Map(rows.map((r) => [r.userId, r]));
  }

  /** Writes one page of users in one statement (a page of users.list is up to 1,000). */
  async save(workspaceId: string, profiles: readonly StoredProfile[], at: Date): Promise<void> {
    if (profiles.length === 0) return;
    await this.db.execute(sql`
      INSERT INTO slack_user (workspace_id, user_id, timezone, locale, deleted, refreshed_at)
      SELECT ${workspaceId}, u.user_id, u.timezone, u.locale, u.deleted, ${at}::timestamptz
      FROM jsonb_to_recordset(${JSON.stringify(profiles.map((p) => ({ user_id: p.userId, timezone: p.timezone, locale: p.locale, deleted: p.deleted })))}::jsonb)
        AS u(user_id text, timezone text, locale text, deleted boolean)
      ON CONFLICT (workspace_id, user_id) DO UPDATE
        SET timezone = EXCLUDED.timezone, locale = EXCLUDED.locale, deleted = EXCLUDED.deleted, refreshed_at = EXCLUDED.refreshed_at`);
  }

  /** When the last full read of the workspace's users finished, or null if none has. */
  async lastSync(workspaceId: string): Promise<Date | null> {
    const [row] = await this.db.query<{ finished_at: Date }>(sql`
      SELECT finished_at FROM directory_sync WHERE workspace_id = ${workspaceId}`);
    return row?.finished_at ?? null;
  }

  async markSynced(workspaceId: string, at: Date): Promise<void> {
    await this.db.execute(sql`
      INSERT INTO directory_sync (workspace_id, finished_at) VALUES (${workspaceId}, ${at})
      ON CONFLICT (workspace_id) DO UPDATE SET finished_at = EXCLUDED.finished_at`);
  }
}
