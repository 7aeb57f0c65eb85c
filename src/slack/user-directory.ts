import type { WorkspaceClients } from "./workspace-clients.ts";
import { z } from "zod";

export interface SlackUser {
  id: string;
  isBot: boolean;
  deleted: boolean;
  locale: string | null;
  timezone: string | null;
}

const usersInfoAnswer = z.object({
  ok: z.boolean(),
  user: z
    .object({
      id: z.string(),
      is_bot: z.boolean().optional(),
      deleted: z.boolean().optional(),
      locale: z.string().optional(),
      tz: z.string().nullish(),
    })
    .optional(),
});

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Who a Slack user is (their locale picks the language we answer in). Answers are cached for ten
 * minutes: every command needs the caller's locale, and users.info is rate limited (Tier 4).
 */
export class UserDirectory {
  private readonly cache = new Map<string, { user: SlackUser | null; until: number }>();

  constructor(
    private readonly clients: WorkspaceClients,
    private readonly now: () => number = Date.now,
  ) {}

  /** null when the workspace has no such user. */
  async find(workspaceId: string, userId: string): Promise<SlackUser | null> {
    const key = `${workspaceId}/${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.user;
    const user = await this.fetch(workspaceId, userId);
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { user, until: this.now() + TTL_MS });
    return user;
  }

  private async fetch(workspaceId: string, userId: string): Promise<SlackUser | null> {
    let raw: unknown;
    try {
      raw = await (await this.clients.for(workspaceId)).users.info({ user: userId, include_locale: true });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code === "user_not_found" || code === "users_not_found") return null;
      throw err;
    }
    const answer = usersInfoAnswer.parse(raw);
    if (!answer.user) return null;
    return {
      id: answer.user.id,
      isBot: answer.user.is_bot ?? false,
      deleted: answer.user.deleted ?? false,
      locale: answer.user.locale ?? null,
      timezone: answer.user.tz ?? null,
    };
  }
}
