import type { Logger } from "../logger.ts";
import type { Sender } from "./inbox/durable.ts";
import type { WorkspaceClients } from "./workspace-clients.ts";

/**
 * A private word to one person outside any request (there is no response_url to answer on): an
 * ephemeral message where they acted, or a DM when Slack will not show one there (the bot is not
 * in the channel, the channel is archived). A DM needs only chat:write.
 */
export class PrivateNotices {
  constructor(
    private readonly clients: WorkspaceClients,
    private readonly log: Logger,
  ) {}

  async tell(workspaceId: string, to: Partial<Sender> & { userId: string }, text: string): Promise<void> {
    const client = await this.clients.for(workspaceId);
    if (to.channelId) {
      try {
        await client.chat.postEphemeral({
          channel: to.channelId,
          user: to.userId,
          text,
          ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        });
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== "slack_webapi_platform_error") throw err;
        this.log.info("ephemeral refused; sending a DM instead", {
          error: (err as { data?: { error?: string } }).data?.error,
        });
      }
    }
    await client.chat.postMessage({ channel: to.userId, text });
  }
}
