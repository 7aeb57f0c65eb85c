import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.ts";
import { describeSocketModeFailure, SocketModeStatus } from "../../../src/slack/socket-mode-status.ts";

// The lines below are what @slack/socket-mode 3 and @slack/web-api 8 log, word for word.
describe("Socket Mode failures", () => {
  it("names apps.connections.open and the setting to check", () => {
    expect(
      describeSocketModeFailure(
        "Failed to retrieve a new WSS URL (error: Error: An API error occurred: invalid_auth)",
      ),
    ).toBe(
      "apps.connections.open failed: invalid_auth — check SLACK_APP_TOKEN (the app-level token, xapp-…, with the connections:write scope, from the app's Basic Information page)",
    );
    expect(describeSocketModeFailure("http request failed fetch failed")).toMatch(
      /^apps\.connections\.open failed: fetch failed — check that this host reaches Slack over HTTPS .* SLACK_API_URL/,
    );
    expect(
      describeSocketModeFailure("WebSocket error! Error: getaddrinfo ENOTFOUND wss-primary.slack.com"),
    ).toMatch(/^the Socket Mode WebSocket failed: Error: getaddrinfo ENOTFOUND/);
    expect(describeSocketModeFailure("Going to retrieve a new WSS URL ...")).toBeUndefined();
  });

  it("logs each distinct failure once until the socket connects, then again if it recurs", () => {
    const lines: string[] = [];
    const status = new SocketModeStatus(createLogger("debug", (l) => lines.push(l)));
    const client = new EventEmitter();
    status.watch(client);
    const refused = "Failed to retrieve a new WSS URL (error: Error: An API error occurred: internal_error)";
    for (let attempt = 0; attempt < 50; attempt++) {
      expect(status.failure(refused)).toBe(true);
      expect(status.failure("http request failed fetch failed")).toBe(true);
    }
    expect(status.failure("Going to retrieve a new WSS URL ...")).toBe(false);
    expect(lines).toHaveLength(2);
    expect(status.connected).toBe(false);
    client.emit("connected");
    expect(status.connected).toBe(true);
    client.emit("close");
    expect(status.connected).toBe(false);
    status.failure(refused);
    const msgs = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs).toEqual([
      expect.stringMatching(/^apps\.connections\.open failed: internal_error — /),
      expect.stringMatching(/^apps\.connections\.open failed: fetch failed — /),
      "Socket Mode connected",
      expect.stringMatching(/^apps\.connections\.open failed: internal_error — /),
    ]);
  });
});
