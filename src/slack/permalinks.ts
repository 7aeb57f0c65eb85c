/*
 * Links to messages. Slack builds every message's permalink the same way from the workspace's
 * address, so one chat.getPermalink gives the address, and the links to any other message of the
 * workspace follow without asking Slack once per message.
 */

/** "https://acme.slack.com" from any permalink Slack gave; null when it is not one. */
export function workspaceAddress(permalink: string | undefined): string | null {
  return permalink?.match(/^(https:\/\/[^/]+)\/archives\//)?.[1] ?? null;
}

/** A link to a message, opened in its thread when it is a reply. */
export function messageLink(address: string, channelId: string, ts: string, threadTs?: string): string {
  const link = `${address}/archives/${channelId}/p${ts.replace(".", "")}`;
  return threadTs && threadTs !== ts ? `${link}?thread_ts=${threadTs}&cid=${channelId}` : link;
}
