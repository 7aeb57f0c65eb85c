import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { createSlackApp } from "./slack/app.ts";
import { UserDirectory } from "./slack/user-directory.ts";
import { startEmbeddedPostgres } from "./store/embedded-postgres.ts";
import { migrate } from "./store/migrate.ts";
import { createPrismaClient, type Db } from "./store/prisma-client.ts";
import { JobStore } from "./store/job-store.ts";
import { SessionStore } from "./store/session-store.ts";
import { TeamStore } from "./store/team-store.ts";

export interface RunningLastword {
  port: number;
  db: Db;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts everything in order: the database (embedded when DATABASE_URL is unset), the pending
 * migrations, then Slack. No request is accepted before the schema is current.
 */
export async function startLastword(config: Config, log: Logger): Promise<RunningLastword> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  try {
    await migrate(databaseUrl, log);
    const db = createPrismaClient(databaseUrl);
    const databaseAnswers = () =>
      withTimeout(db.$queryRaw`SELECT 1`.then(() => true), 2_000).catch(() => false);
    const slack = createSlackApp(config, log, databaseAnswers, (client) => ({
      teams: new TeamStore(db),
      sessions: new SessionStore(db),
      jobs: new JobStore(db),
      users: new UserDirectory(client),
      log,
      defaultLocale: config.defaultLocale,
      clock: () => new Date(),
    }));
    const { port } = await slack.start();
    log.info("Lastword is listening", { port, mode: config.slack.appToken ? "socket" : "http" });
    let stopping: Promise<void> | undefined;
    return {
      port,
      db,
      databaseUrl,
      stop: () =>
        (stopping ??= (async () => {
          await slack.stop().catch((err: unknown) => log.warn("stopping Slack failed", { err }));
          await db.$disconnect();
          await embedded?.stop();
        })()),
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref())]);
}
