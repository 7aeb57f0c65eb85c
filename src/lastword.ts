import type { Config } from "./config.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import { turnTimerHandlers } from "./jobs/turn-timers.ts";
import type { Logger } from "./logger.ts";
import { Announcer, isQuiet } from "./slack/announce/announcer.ts";
import { createSlackApp } from "./slack/app.ts";
import { sweepInbox } from "./slack/events/inbox.ts";
import type { SlackDeps } from "./slack/deps.ts";
import { UserDirectory } from "./slack/user-directory.ts";
import { startEmbeddedPostgres } from "./store/embedded-postgres.ts";
import { checkinJobHandlers } from "./slack/checkins/jobs.ts";
import { CHECKIN_JOB_KINDS, schedulePlanning } from "./usecases/checkins.ts";
import { WorkspaceDirectory } from "./slack/workspace-directory.ts";
import { DeliveryStore } from "./store/delivery-store.ts";
import { SendBudgetStore } from "./store/send-budget-store.ts";
import { SlackUserStore } from "./store/slack-user-store.ts";
import { CheckinStore } from "./store/checkin-store.ts";
import { InboxStore } from "./store/inbox-store.ts";
import { JobStore } from "./store/job-store.ts";
import { migrate } from "./store/migrate.ts";
import { HealingDb, type Db } from "./store/prisma-client.ts";
import { SessionStore } from "./store/session-store.ts";
import { TeamStore } from "./store/team-store.ts";

export interface RunningLastword {
  port: number;
  db: Db;
  databaseUrl: string;
  deps: SlackDeps;
  scheduler: Scheduler;
  announcer: Announcer;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The time now; tests move it. */
  clock?: () => Date;
  /** Tick the scheduler once a second (default); tests may tick it by hand instead. */
  autoTick?: boolean;
}

/**
 * Starts everything in order: the database (embedded when DATABASE_URL is unset), the pending
 * migrations, Slack, then the scheduler. No request is accepted before the schema is current.
 */
export async function startLastword(
  config: Config,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningLastword> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const clock = options.clock ?? (() => new Date());
  try {
    await migrate(databaseUrl, log);
    const healing = new HealingDb(databaseUrl, log);
    const db = healing.db;
    // Checks the pool every few seconds and replaces a stuck one (see HealingDb).
    const healer = setInterval(() => void healing.heal(), 5_000);
    healer.unref();
    const inbox = new InboxStore(databaseUrl);
    const databaseAnswers = () => healing.heal();
    let announcer!: Announcer;
    let deps!: SlackDeps;
    const slack = createSlackApp(config, log, databaseAnswers, (client) => {
      const users = new UserDirectory(client);
      const directory = new WorkspaceDirectory(client, new SlackUserStore(db), users, clock, log);
      deps = {
        teams: new TeamStore(db),
        sessions: new SessionStore(db),
        jobs: new JobStore(db),
        inbox,
        checkins: new CheckinStore(db),
        deliveries: new DeliveryStore(db),
        timezonesOf: async (workspaceId, userIds) =>
          new Map([...(await directory.profiles(workspaceId, userIds))].map(([id, p]) => [id, p.timezone])),
        users,
        directory,
        log,
        defaultLocale: config.defaultLocale,
        defaultTimezone: config.defaultTimezone,
        clock,
        onAppended: (workspaceId, sessionId) => announcer.kick(workspaceId, sessionId),
        isQuiet,
      };
      announcer = new Announcer(deps, client);
      return deps;
    });
    const scheduler = new Scheduler({
      jobs: deps.jobs,
      log,
      clock,
      handlers: { ...turnTimerHandlers(deps, log), ...checkinJobHandlers(deps, slack.jobsClient) },
      pacing: { kinds: PACED_JOB_KINDS, budget: new SendBudgetStore(db, "slack-dm", config.dmRate) },
      sweeps: [() => sweepInbox(deps), () => announcer.sweep(), hourly(clock, () => schedulePlanning(deps))],
    });
    const { port } = await slack.start();
    if (options.autoTick !== false) scheduler.start();
    log.info("Lastword is listening", { port, mode: config.slack.appToken ? "socket" : "http" });
    let stopping: Promise<void> | undefined;
    return {
      port,
      db,
      databaseUrl,
      deps,
      scheduler,
      announcer,
      stop: () =>
        (stopping ??= (async () => {
          await slack.stop().catch((err: unknown) => log.warn("stopping Slack failed", { err }));
          await scheduler.stop();
          await announcer.idle();
          clearInterval(healer);
          await healing.close();
          await inbox.close();
          await embedded?.stop();
        })()),
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/** The jobs that DM leaders in bulk: they share the workspace's send budget. */
const PACED_JOB_KINDS = [
  CHECKIN_JOB_KINDS.send,
  CHECKIN_JOB_KINDS.remind,
  CHECKIN_JOB_KINDS.snooze,
  CHECKIN_JOB_KINDS.escalate,
];

/** Runs `work` on the first call and then at most once an hour (by `clock`). */
function hourly(clock: () => Date, work: () => Promise<unknown>): () => Promise<unknown> {
  let last = -Infinity;
  return async () => {
    const now = clock().getTime();
    if (now - last < 3_600_000) return;
    last = now;
    await work();
  };
}
