import { loadConfig } from "../../src/config.ts";
import { startLastword, type RunningLastword, type StartOptions } from "../../src/lastword.ts";
import { createLogger, type LogLevel } from "../../src/logger.ts";
import { startFakeSlack, type FakeSlack } from "../harness/fake-slack.ts";
import { SlackDriver } from "../harness/signed-requests.ts";
import { ballotKeyFor, createTestDatabase, type TestDatabase } from "./database.ts";

export const SIGNING_SECRET = "e2e-signing-secret-0123456789";
export const WORKSPACE = "T0LASTWORD";
export const CHANNEL = "C0DECISIONS";

export interface TestBot {
  running: RunningLastword;
  driver: SlackDriver;
  /** Every log line the bot wrote, for tests that check what reaches the logs. */
  logLines: string[];
  stop(): Promise<void>;
}

/** Starts a real Lastword (Bolt's HTTP receiver on a free port) on `databaseUrl`, talking to `fake`. */
export async function startTestBot(
  fake: FakeSlack,
  databaseUrl: string,
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<TestBot> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-e2e-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DATABASE_URL: databaseUrl,
    LASTWORD_BALLOT_KEY: ballotKeyFor(databaseUrl),
    PORT: "0",
    LASTWORD_DOCS_URL: "https://lastword.example/docs",
    LOG_LEVEL: (process.env.LASTWORD_TEST_LOG_LEVEL as LogLevel | undefined) ?? "debug",
    ...env,
  });
  const logLines: string[] = [];
  const echo = process.env.LASTWORD_TEST_LOG === "1";
  const log = createLogger(config.logLevel, (line) => {
    logLines.push(line);
    if (echo) process.stderr.write(`${line}\n`);
  });
  const running = await startLastword(config, log, options);
  const driver = new SlackDriver({
    url: `http://127.0.0.1:${running.port}/slack/events`,
    signingSecret: SIGNING_SECRET,
    teamId: WORKSPACE,
    fake,
  });
  return { running, driver, logLines, stop: () => running.stop() };
}

export interface World {
  fake: FakeSlack;
  database: TestDatabase;
  bot: TestBot;
  close(): Promise<void>;
}

/** A fake Slack workspace, a fresh database and one bot: what most end-to-end tests start from. */
export async function startWorld(
  users: Array<{ id: string; name: string; locale?: string; tz?: string }> = [],
  options: StartOptions = {},
): Promise<World> {
  const fake = await startFakeSlack({ team: { id: WORKSPACE } } as Parameters<typeof startFakeSlack>[0]);
  fake.addChannel({ id: CHANNEL, name: "leadership" });
  for (const u of users) fake.addUser(u);
  const database = await createTestDatabase();
  const bot = await startTestBot(fake, database.url, {}, options);
  return {
    fake,
    database,
    bot,
    close: async () => {
      await bot.stop();
      await database.drop();
      await fake.close();
    },
  };
}
