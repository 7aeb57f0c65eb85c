import { WebClient, type WebClientOptions } from "@slack/web-api";
import { JobObsolete } from "../jobs/scheduler.ts";

/** The workspace has no bot token any more: the app was uninstalled or its tokens revoked. */
export class WorkspaceNotInstalled extends JobObsolete {
  constructor(readonly workspaceId: string) {
    super(`Lastword is not installed in workspace ${workspaceId}`);
  }
}

/** A workspace's bot token: the one of SLACK_BOT_TOKEN, or its installation's (see installer.ts). */
export type BotTokenOf = (workspaceId: string) => Promise<string>;

const MAX_CLIENTS = 1_000;

/**
 * Web API clients per workspace, each with that workspace's bot token, for the work that runs
 * outside a request (the announcer, scheduled jobs, the directory). A client is kept per token, so
 * a rotated or reinstalled token gets a new one; the token itself is asked for every time, since
 * the installation may have been removed or its token refreshed by another replica.
 */
export class WorkspaceClients {
  private readonly clients = new Map<string, WebClient>();

  constructor(
    private readonly botTokenOf: BotTokenOf,
    private readonly options: WebClientOptions,
  ) {}

  async for(workspaceId: string): Promise<WebClient> {
    const token = await this.botTokenOf(workspaceId);
    let client = this.clients.get(token);
    if (!client) {
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
      client = new WebClient(token, this.options);
      this.onCreated?.(client);
      this.clients.set(token, client);
    }
    return client;
  }

  /** Called with every client made (the metrics count its 429s). */
  onCreated?: (client: WebClient) => void;
}
