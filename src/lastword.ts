import type { Config } from "./config.ts";
import { retentionSweep } from "./jobs/retention.ts";
import { loadBallotKey } from "./seal/ballot-key.ts";
import { Scheduler } from "./jobs/scheduler.ts";
import { turnTimerHandlers } from "./jobs/turn-timers.ts";
import type { Logger } from "./logger.ts";
import { databaseSources } from "./metrics/database-sources.ts";
import { loadKey } from "./secrets/key-file.ts";
import { TokenCipher } from "./secrets/token-cipher.ts";
import { InstallationStore } from "./store/installation-store.ts";
import { RetentionStore } from "./store/retention-store.ts";
import { Metrics } from "./metrics/metrics.ts";
import { poolStats } from "./metrics/pool.ts";
import { Announcer, isQuiet } from "./slack/announce/announcer.ts";
import { createSlackApp } from "./slack/app.ts";
import { sweepInbox } from "./slack/inbox/keep-before-ack.ts";
import { PrivateNotices } from "./slack/private-notice.ts";
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
import { Database } from "./store/db.ts";
import { SessionStore } from "./store/session-store.ts";
import { TeamStore } from "./store/team-store.ts";

export interface RunningLastword {
  port: number;
  db: Database;
  databaseUrl: string;
  deps: SlackDeps;
  scheduler: Scheduler;
  announcer: Announcer;
  metrics: Metrics;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The time now; tests move it. */
  clock?: () => Date;
  /** Tick the scheduler once a second (default); tests may tick it by hand instead. */
  autoTick?: boolean;
  /**
   * Aborted when the operator stops the process during start-up: what has started is stopped
   * again (the embedded Postgres too) and startLastword rejects with StartAborted.
   */
  signal?: AbortSignal;
}

/** The start-up was stopped on request (see StartOptions.signal); everything started was stopped. */
export class StartAborted extends Error {
  constructor() {
    super("stopped during start-up");
  }
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
  const { signal } = options;
  // Each step waits for the one before to finish (a half-started Postgres cannot be stopped
  // cleanly) and then checks whether a stop was asked for meanwhile; only Slack's start is left
  // running, since Socket Mode may retry for ever.
  const proceed = () => {
    if (signal?.aborted) throw new StartAborted();
  };
  const started: Array<() => Promise<unknown>> = [];
  const stopStarted = async () => {
    for (const stop of started.reverse())
      await stop().catch((err: unknown) => log.warn("stop failed", { err }));
  };
  try {
    proceed();
    const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(config.dataDir, log);
    if (embedded) started.push(() => embedded.stop());
    proceed();
    const databaseUrl = config.databaseUrl ?? embedded!.url;
    const clock = options.clock ?? (() => new Date());
    const ballotKey = loadBallotKey(config.ballotKey, config.dataDir);
    await migrate(databaseUrl, log);
    proceed();
    const db = Database.fromUrl(databaseUrl);
    started.push(() => db.close());
    const inbox = new InboxStore(databaseUrl);
    started.push(() => inbox.close());
    const databaseAnswers = () => db.answers();
    // Metrics: the gauges read the database with plain SQL and the pool's counts.
    const metrics = new Metrics(
      databaseSources(
        db,
        poolStats(() => db.pool),
        clock,
      ),
    );
    let announcer!: Announcer;
    let deps!: SlackDeps;
    // OAuth: every workspace's tokens, sealed with a key kept outside the database.
    const installations = config.slack.oauth
      ? new InstallationStore(db, new TokenCipher(loadKey(config.tokenKey, config.dataDir, TOKEN_KEY_FILE)))
      : undefined;
    const slack = createSlackApp(config, log, { databaseAnswers, metrics, installations }, (clients) => {
      const users = new UserDirectory(clients);
      const directory = new WorkspaceDirectory(clients, new SlackUserStore(db), users, clock, log);
      deps = {
        teams: new TeamStore(db),
        sessions: new SessionStore(db),
        jobs: new JobStore(db),
        inbox,
        notices: new PrivateNotices(clients, log),
        checkins: new CheckinStore(db),
        deliveries: new DeliveryStore(db),
        installations,
        timezonesOf: async (workspaceId, userIds) =>
          new Map([...(await directory.profiles(workspaceId, userIds))].map(([id, p]) => [id, p.timezone])),
        users,
        directory,
        log,
        defaultLocale: config.defaultLocale,
        defaultTimezone: config.defaultTimezone,
        docsUrl: config.docsUrl,
        clock,
        ballotKey,
        onAppended: (workspaceId, sessionId) => announcer.kick(workspaceId, sessionId),
        isQuiet,
        ...metricsHooks(metrics),
      };
      announcer = new Announcer(deps, clients);
      return deps;
    });
    const scheduler = new Scheduler({
      jobs: deps.jobs,
      log,
      clock,
      handlers: { ...turnTimerHandlers(deps, log), ...checkinJobHandlers(deps, slack.jobClients) },
      pacing: { kinds: PACED_JOB_KINDS, budget: new SendBudgetStore(db, "slack-dm", config.dmRate) },
      sweeps: [
        () => sweepInbox(deps),
        () => announcer.sweep(),
        hourly(clock, () => schedulePlanning(deps)),
        retentionSweep(new RetentionStore(db), config.retentionDays, clock, log),
      ],
      observe: { budgetLag: (ms) => metrics.sendBudgetLag.set(ms / 1000) },
    });
    started.push(() => announcer.idle());
    started.push(() => scheduler.stop());
    started.push(() => slack.stop());
    const { port } = await untilAborted(slack.start(), signal);
    proceed();
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
      metrics,
      // Stops in the reverse order of the start: Slack, the scheduler, the announcer, the database.
      stop: () => (stopping ??= stopStarted()),
    };
  } catch (err) {
    await stopStarted();
    throw err;
  }
}

/** Settles as `work` does, or rejects with StartAborted as soon as `signal` aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(new StartAborted());
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** What the listeners and use cases tell the metrics. */
function metricsHooks(metrics: Metrics): Pick<SlackDeps, "onRecorded" | "onDmSent"> {
  return {
    onRecorded: (events) => {
      for (const e of events) metrics.ledgerEntries.inc({ type: e.type });
    },
    onDmSent: () => metrics.dmsSent.inc(),
  };
}

/** The token key's file in the data directory when LASTWORD_TOKEN_KEY is unset (the embedded setup). */
const TOKEN_KEY_FILE = "token.key";

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
