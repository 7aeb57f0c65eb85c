import { z } from "zod";
import type { Logger } from "../logger.ts";
import type { SlackUserStore, StoredProfile } from "../store/slack-user-store.ts";
import type { UserDirectory } from "./user-directory.ts";
import type { WorkspaceClients } from "./workspace-clients.ts";

const usersListPage = z.object({
  members: z
    .array(
      z.object({
        id: z.string(),
        deleted: z.boolean().optional(),
        tz: z.string().nullish(),
        locale: z.string().nullish(),
      }),
    )
    .default([]),
  response_metadata: z.object({ next_cursor: z.string().optional() }).optional(),
});

/** Stored profiles older than this are read again before a quarter is planned. */
export const DIRECTORY_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Timezones and locales of a workspace's users for scheduled work. Read in bulk with users.list
 * (a page of 200 users per call) and kept in the database, shared by every replica: planning a
 * quarter for 10,000 leaders costs ~50 calls a day instead of 10,000 users.info calls, and a
 * check-in DM finds its leader's language without calling Slack.
 */
export class WorkspaceDirectory {
  constructor(
    private readonly clients: WorkspaceClients,
    private readonly store: SlackUserStore,
    private readonly users: UserDirectory,
    private readonly clock: () => Date,
    private readonly log: Logger,
  ) {}

  /**
   * The stored profiles of `userIds`. Anyone not stored yet (added to a roster since the last
   * bulk read) is looked up on their own with users.info and stored.
   */
  async profiles(workspaceId: string, userIds: readonly string[]): Promise<Map<string, StoredProfile>> {
    const found = await this.store.get(workspaceId, userIds);
    const missing = userIds.filter((id) => !found.has(id));
    const fetched: StoredProfile[] = [];
    for (const userId of missing) {
      const user = await this.users.find(workspaceId, userId).catch((err: unknown) => {
        this.log.warn("could not read a user's profile", { userId, err });
        return undefined;
      });
      if (user === undefined) continue; // Slack did not answer: try again at the next planning
      const profile = {
        userId,
        timezone: user?.timezone ?? null,
        locale: user?.locale ?? null,
        deleted: user === null || user.deleted,
      };
      fetched.push(profile);
      found.set(userId, profile);
    }
    await this.store.save(workspaceId, fetched, this.clock());
    return found;
  }

  /**
   * Reads every user of the workspace again if the last full read is older than a day. The
   * client waits out Slack's 429s (users.list is Tier 2); `keepAlive` is called between pages so
   * the job doing this keeps its claim, and the read stops when it answers false.
   * Whether the stored profiles are now at most a day old (false: the read was stopped).
   */
  async refreshIfStale(workspaceId: string, keepAlive: () => Promise<boolean>): Promise<boolean> {
    const last = await this.store.lastSync(workspaceId);
    if (last && this.clock().getTime() - last.getTime() < DIRECTORY_MAX_AGE_MS) return true;
    const client = await this.clients.for(workspaceId);
    let cursor: string | undefined;
    let read = 0;
    do {
      const page = usersListPage.parse(
        await client.users.list({ limit: 200, include_locale: true, ...(cursor ? { cursor } : {}) }),
      );
      const profiles = page.members.map((m) => ({
        userId: m.id,
        timezone: m.tz ?? null,
        locale: m.locale ?? null,
        deleted: m.deleted ?? false,
      }));
      await this.store.save(workspaceId, profiles, this.clock());
      read += profiles.length;
      cursor = page.response_metadata?.next_cursor || undefined;
      if (cursor && !(await keepAlive())) return false;
    } while (cursor);
    await this.store.markSynced(workspaceId, this.clock());
    this.log.info("workspace directory read", { workspaceId, users: read });
    return true;
  }
}
