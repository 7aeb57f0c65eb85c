import type { Logger } from "../logger.ts";

/**
 * Whether the Socket Mode connection is up (for /readyz), and what went wrong when it is not, in
 * words an operator can act on. The Socket Mode client retries for ever and says only "Failed to
 * retrieve a new WSS URL (error: …)" or "http request failed fetch failed", once per attempt; here
 * each distinct failure is named once, with what to check, until the connection is up again.
 */
export class SocketModeStatus {
  private up = false;
  private readonly reported = new Set<string>();

  constructor(private readonly log: Logger) {}

  get connected(): boolean {
    return this.up;
  }

  /** Follows the Socket Mode client's states (the events of @slack/socket-mode's client). */
  watch(client: { on(state: string, listener: () => void): unknown }): void {
    client.on("connected", () => {
      if (!this.up) this.log.info("Socket Mode connected");
      this.up = true;
      this.reported.clear();
    });
    for (const state of ["connecting", "reconnecting", "disconnecting", "disconnected", "close"])
      client.on(state, () => {
        this.up = false;
      });
  }

  /**
   * Takes a line the Socket Mode client (or its own Web API client) logged; true when it was a
   * connection failure, which is then reported here (once) instead of as it came.
   */
  failure(line: string): boolean {
    const failure = describeSocketModeFailure(line);
    if (!failure) return false;
    if (!this.reported.has(failure)) {
      // A long outage meets few distinct failures; the bound only guards against a flood of them.
      if (this.reported.size >= 100) this.reported.clear();
      this.reported.add(failure);
      this.log.error(failure, { source: "socket-mode" });
    }
    return true;
  }
}

const CHECK_APP_TOKEN =
  "check SLACK_APP_TOKEN (the app-level token, xapp-…, with the connections:write scope, from the app's Basic Information page)";
const CHECK_NETWORK =
  "check that this host reaches Slack over HTTPS (a proxy or firewall), and SLACK_API_URL if it is set";

const HINTS: Record<string, string> = {
  invalid_auth: CHECK_APP_TOKEN,
  not_authed: CHECK_APP_TOKEN,
  not_allowed_token_type: `${CHECK_APP_TOKEN}; a bot token (xoxb-) does not open sockets`,
  token_revoked: `${CHECK_APP_TOKEN}; this one was revoked`,
  token_expired: `${CHECK_APP_TOKEN}; this one has expired`,
  account_inactive: "the app's owner or workspace is no longer active; check the app's settings in Slack",
  team_disabled: "the workspace is disabled; check the app's settings in Slack",
  user_removed_from_team: "the app's owner left the workspace; check the app's settings in Slack",
  ratelimited: "Slack is limiting connection attempts; the client keeps retrying more slowly",
};

/** The operator's sentence for a Socket Mode client's log line, or undefined when it is not a failure to connect. */
export function describeSocketModeFailure(line: string): string | undefined {
  const open = /^Failed to retrieve a new WSS URL \(error: (?:Error: )?(.*)\)$/s.exec(line);
  if (open) {
    const code = /An API error occurred: (\w+)/.exec(open[1]!)?.[1];
    if (code)
      return `apps.connections.open failed: ${code} — ${HINTS[code] ?? `${CHECK_APP_TOKEN}, and that Socket Mode is on in the app's settings`}`;
    return `apps.connections.open failed: ${open[1]} — ${CHECK_NETWORK}`;
  }
  // The Socket Mode client's own Web API client calls only apps.connections.open, and logs each
  // attempt that got no answer at all (no DNS, refused, TLS) before retrying it.
  const request = /^http request failed\s*(.*)$/s.exec(line);
  if (request) return `apps.connections.open failed: ${request[1] || "no answer"} — ${CHECK_NETWORK}`;
  if (/^apps\.connections\.open did not return a URL/.test(line))
    return `apps.connections.open answered without a WebSocket URL — ${CHECK_NETWORK}`;
  const socket = /^WebSocket error(?:!| occurred:)\s*(.*)$/s.exec(line);
  if (socket)
    return `the Socket Mode WebSocket failed: ${socket[1] || "no reason given"} — check that this host may open wss:// connections to Slack (a proxy or firewall)`;
  return undefined;
}
