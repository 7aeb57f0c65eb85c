/**
 * What the benchmark provides around the bot under test, all in the benchmark's own process: an
 * embedded Postgres in a temp folder (a fresh database, migrated as the bot would migrate it),
 * the local Slack the playground runs on (src/playground/local-slack.ts) as the Web API, and its
 * signed-request builders. Without the tests' check of every call against Slack's API
 * description (that is the tests' job): it would spend more CPU than the bot, on the same cores.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createLogger } from "../../src/logger.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/store/embedded-postgres.ts";
import { migrate } from "../../src/store/migrate.ts";
import { LocalSlack } from "../../src/playground/local-slack.ts";
import { SlackDriver } from "../../src/playground/signed-requests.ts";
import { CleanupSteps } from "./run-guard.ts";

export const SIGNING_SECRET = "bench-signing-secret-0123456789";
export const WORKSPACE = "T0LASTWORD";
/** The benchmark's own connections say so, so that their Postgres CPU is not counted as the bot's. */
export const BENCH_APPLICATION = "lastword-bench";
const POOL_SIZE = 3;

export interface BenchWorld {
  dir: string;
  postgres: EmbeddedDatabase;
  /** The bot's database (migrated), for its DATABASE_URL. */
  databaseUrl: string;
  fake: LocalSlack;
  driver: SlackDriver;
  /** A pool of the benchmark's own on the bot's database (seeding, following the ledger). */
  sql: pg.Pool;
  close(): Promise<void>;
}

export interface BenchWorldOptions {
  users?: Array<{ id: string; name: string; locale?: string }>;
  channels?: Array<{ id: string; name: string }>;
}

/** Starts everything; if any step fails, what was started is stopped again before the error is thrown. */
export async function startBenchWorld(options: BenchWorldOptions = {}): Promise<BenchWorld> {
  // Each step is bounded, so that one that hangs does not keep the next ones, and the temp
  // folder's removal last of all, from running.
  const cleanups = new CleanupSteps(15_000);
  const closeAll = async () => void (await cleanups.run());
  try {
    const dir = await mkdtemp(path.join(tmpdir(), "lastword-bench-"));
    cleanups.add("temp folder", () => rm(dir, { recursive: true, force: true }));
    const log = createLogger("warn");
    const postgres = await startEmbeddedPostgres(dir, log);
    cleanups.add("postgres", () => postgres.stop());
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query("CREATE DATABASE bench");
    await admin.end();
    const url = new URL(postgres.url);
    url.pathname = "/bench";
    const databaseUrl = url.toString();
    await migrate(databaseUrl, log);

    const fake = await LocalSlack.start({ team: { id: WORKSPACE } });
    cleanups.add("fake Slack", () => fake.close());
    for (const u of options.users ?? []) fake.addUser(u);
    for (const c of options.channels ?? []) fake.addChannel(c);
    // The driver only builds signed bodies here; the benchmark posts them itself.
    const driver = new SlackDriver({
      url: "http://127.0.0.1:9/unused",
      signingSecret: SIGNING_SECRET,
      teamId: WORKSPACE,
      slack: fake,
    });

    // Connections are kept open (no idle timeout), so that their backends' CPU, left out of
    // Postgres's figure by pid, is not folded back in when one closes.
    const sql = new pg.Pool({
      connectionString: databaseUrl,
      application_name: BENCH_APPLICATION,
      max: POOL_SIZE,
      idleTimeoutMillis: 0,
    });
    // An idle client whose server goes away emits 'error'; unhandled, that would crash the run.
    sql.on("error", (err) => process.stderr.write(`bench pool: ${String(err)}\n`));
    cleanups.add("bench pool", () => sql.end());
    // All of them open now, so that none starts during a phase, uncounted as ours.
    const clients = await Promise.all(Array.from({ length: POOL_SIZE }, () => sql.connect()));
    for (const c of clients) c.release();

    return { dir, postgres, databaseUrl, fake, driver, sql, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/** The pids of the benchmark's own backends (see BENCH_APPLICATION). */
export async function benchBackends(sql: pg.Pool): Promise<Set<number>> {
  const { rows } = await sql.query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1",
    [BENCH_APPLICATION],
  );
  return new Set(rows.map((r) => r.pid));
}
