import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("settings", () => {
  it("reports every missing or malformed setting at once, each with its variable", () => {
    const found = problems({
      SLACK_APP_TOKEN: "not-an-app-token",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      LASTWORD_DEFAULT_TIMEZONE: "Mars/Olympus",
      SLACK_API_URL: "not a url",
    });
    expect(found.map((p) => p.split(":")[0]).sort()).toEqual(
      [
        "LASTWORD_DEFAULT_TIMEZONE",
        "LOG_LEVEL",
        "PORT",
        "SLACK_API_URL",
        "SLACK_APP_TOKEN",
        "SLACK_BOT_TOKEN",
      ].sort(),
    );
  });

  it("asks for the signing secret when only a bot token is set (HTTP mode)", () => {
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required in HTTP mode/),
    ]);
  });

  it("asks for the bot token when only a signing secret is set", () => {
    expect(problems({ SLACK_SIGNING_SECRET: "secret123" })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: /),
    ]);
  });

  it("runs the playground when no Slack credential is set at all, with a fresh signing secret each time", () => {
    const first = loadConfig({ SLACK_BOT_TOKEN: " ", PORT: "4000" });
    const second = loadConfig({});
    expect(first.playground).toBe(true);
    expect(first.port).toBe(4000);
    expect(first.slack.signingSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(second.slack.signingSecret).not.toBe(first.slack.signingSecret);
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret123" }).playground).toBe(
      false,
    );
  });

  it("says how long a signing secret must be when it is too short", () => {
    const found = problems({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "made-up" });
    expect(found).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: too short: at least 8 characters/)]);
  });

  it("needs no signing secret in Socket Mode", () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(c.slack.appToken).toBe("xapp-1");
    expect(c.databaseUrl).toBeUndefined();
    expect(c.port).toBe(3000);
  });

  it("takes a DATABASE_URL and treats empty values as unset", () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "secret123",
      DATABASE_URL: "postgresql://u@h/db",
      LASTWORD_BALLOT_KEY: KEY,
      SLACK_API_URL: "",
    });
    expect(c.databaseUrl).toBe("postgresql://u@h/db");
    expect(c.ballotKey?.toString("base64")).toBe(KEY);
    expect(c.slack.apiUrl).toBeUndefined();
  });

  it("needs a ballot key with a shared database, and refuses one that is not 32 bytes of base64", () => {
    const base = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "secret123" };
    expect(problems({ ...base, DATABASE_URL: "postgresql://u@h/db" })).toEqual([
      expect.stringMatching(/^LASTWORD_BALLOT_KEY: required with DATABASE_URL/),
    ]);
    expect(problems({ ...base, LASTWORD_BALLOT_KEY: "c2hvcnQ=" })).toEqual([
      expect.stringMatching(/^LASTWORD_BALLOT_KEY: expected 32 random bytes in base64/),
    ]);
    // The embedded database keeps its key in a file in the data directory instead.
    expect(loadConfig(base).ballotKey).toBeUndefined();
  });
});

describe("one workspace or many", () => {
  const oauth = {
    SLACK_CLIENT_ID: "1111111111.2222222222",
    SLACK_CLIENT_SECRET: "oauth-client-secret",
    SLACK_STATE_SECRET: "state-secret-0123456789abcdef",
    SLACK_SIGNING_SECRET: "secret123",
  };

  it("installs through OAuth with the client ID, client secret and state secret, and no bot token", () => {
    const c = loadConfig(oauth);
    expect(c.slack.botToken).toBeUndefined();
    expect(c.slack.oauth).toMatchObject({ clientId: "1111111111.2222222222", redirectUri: undefined });
    expect(c.tokenKey).toBeUndefined();
    expect(c.retentionDays).toBe(30);
  });

  it("names what is missing when only part of the OAuth settings is given, or a bot token beside them", () => {
    expect(problems({ SLACK_CLIENT_ID: oauth.SLACK_CLIENT_ID, SLACK_SIGNING_SECRET: "secret123" })).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET: required with SLACK_CLIENT_ID/),
      expect.stringMatching(/^SLACK_STATE_SECRET: required with SLACK_CLIENT_ID/),
    ]);
    expect(problems({ ...oauth, SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: set it for one workspace, or .* for many, not both/),
    ]);
  });

  it("needs the token key from the setting when replicas share a database", () => {
    const shared = {
      ...oauth,
      DATABASE_URL: "postgresql://u@h/db",
      LASTWORD_BALLOT_KEY: Buffer.alloc(32, 4).toString("base64"),
    };
    expect(problems(shared)).toEqual([
      expect.stringMatching(/^LASTWORD_TOKEN_KEY: required with DATABASE_URL/),
    ]);
    const key = Buffer.alloc(32, 3).toString("base64");
    expect(loadConfig({ ...shared, LASTWORD_TOKEN_KEY: key }).tokenKey).toEqual(Buffer.alloc(32, 3));
    expect(problems({ ...oauth, LASTWORD_TOKEN_KEY: "short" })).toEqual([
      expect.stringMatching(/^LASTWORD_TOKEN_KEY: expected 32 random bytes in base64/),
    ]);
  });

  it("takes the retention in whole days", () => {
    expect(loadConfig({ ...oauth, LASTWORD_RETENTION_DAYS: "90" }).retentionDays).toBe(90);
    expect(problems({ ...oauth, LASTWORD_RETENTION_DAYS: "0" })).toEqual([
      expect.stringMatching(/^LASTWORD_RETENTION_DAYS: at least 1 day/),
    ]);
  });
});
