/**
 * A benchmark world without vitest: an embedded Postgres in a temp folder, the fake Slack Web API
 * and one real Lastword (Bolt's HTTP receiver on a free port), all in this process. Mirrors
 * tests/support/bot.ts's startTestBot, which cannot be imported here: its module pulls in
 * tests/support/database.ts, and that one needs vitest's `inject`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../../src/config.ts";
import { startLastword, type RunningLastword } from "../../src/lastword.ts";
import { createLogger, type LogLevel } from "../../src/logger.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/store/embedded-postgres.ts";
import { startFakeSlack, type FakeSlack } from "../../tests/harness/fake-slack.ts";
import { SlackDriver } from "../../tests/harness/signed-requests.ts";
import { CleanupSteps } from "./run-guard.ts";

export const SIGNING_SECRET = "bench-signing-secret-0123456789";
export const WORKSPACE = "T0LASTWORD";

export interface BenchWorld {
  dir: string;
  postgres: EmbeddedDatabase;
  fake: FakeSlack;
  running: RunningLastword;
  driver: SlackDriver;
  /** Where the bot's HTTP receiver listens (POST /slack/events). */
  eventsUrl: string;
  /** Every log line the bot wrote (at the level asked for). */
  logLines: string[];
  /** A pool of our own on the bot's database, for reading the ledger. */
  sql: pg.Pool;
  close(): Promise<void>;
}

export interface BenchWorldOptions {
  logLevel?: LogLevel;
  users?: Array<{ id: string; name: string; locale?: string }>;
  channels?: Array<{ id: string; name: string }>;
  /** Echo the bot's log lines to stderr as they come. */
  echoLog?: boolean;
}

/** Starts everything; if any step fails, what was started is stopped again before the error is thrown. */
export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  // Each step is bounded, so that one that hangs (a bot waiting on a database that is gone) does
  // not keep the next ones, and the temp folder's removal last of all, from running.
  const cleanups = new CleanupSteps(15_000);
  const closeAll = async () => void (await cleanups.run());
  try {
    const dir = await mkdtemp(path.join(tmpdir(), "lastword-bench-"));
    cleanups.add("temp folder", () => rm(dir, { recursive: true, force: true }));
    const postgres = await startEmbeddedPostgres(dir, createLogger("warn"));
    cleanups.add("postgres", () => postgres.stop());

    const fake = await startFakeSlack({ team: { id: WORKSPACE } });
    cleanups.add("fake Slack", () => fake.close());
    for (const u of options.users ?? []) fake.addUser(u);
    for (const c of options.channels ?? []) fake.addChannel(c);

    const logLevel = options.logLevel ?? "warn";
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-bench-token",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DATABASE_URL: postgres.url,
      PORT: "0",
      LOG_LEVEL: logLevel,
    });
    const logLines: string[] = [];
    const log = createLogger(config.logLevel, (line) => {
      if (logLines.length < 10_000) logLines.push(line);
      if (options.echoLog) process.stderr.write(`${line}\n`);
    });
    const running = await startLastword(config, log);
    cleanups.add("bot", () => running.stop());
    const eventsUrl = `http://127.0.0.1:${running.port}/slack/events`;
    const driver = new SlackDriver({
      url: eventsUrl,
      signingSecret: SIGNING_SECRET,
      teamId: WORKSPACE,
      fake,
    });

    const sql = new pg.Pool({ connectionString: postgres.url, max: 2 });
    // An idle client whose server goes away emits 'error'; unhandled, that would crash the run.
    sql.on("error", (err) => process.stderr.write(`bench pool: ${String(err)}\n`));
    cleanups.add("bench pool", () => sql.end());

    return { dir, postgres, fake, running, driver, eventsUrl, logLines, sql, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
