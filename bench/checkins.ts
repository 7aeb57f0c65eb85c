/**
 * Quarterly duty check-ins at workspace scale:
 *
 *   npm run bench:checkins            (tsx bench/checkins.ts)
 *
 * 10,000 leaders (200 teams × 50 members, every one a distinct Slack user with a timezone and a
 * locale) get the quarter's check-in DM through a fake Slack that rate-limits chat.postMessage
 * the way Slack does, and the run measures how close the bot gets to the limit and whether every
 * leader gets exactly one DM.
 *
 * - Slack: bench/lib/rate-limited-slack.ts, in a child process (so that this process's memory and
 *   CPU are the bot's): chat.postMessage at most 1 per second per channel (each user's DM is its
 *   own channel) AND a workspace-wide token bucket of BENCH_CAP messages a second (bucket size
 *   BENCH_BURST, one second's worth by default); beyond either, HTTP 429 with Retry-After (whole
 *   seconds, at least 1) and the message is not delivered. users.list 20 a minute (Tier 2) and
 *   users.info 100 a minute (Tier 4), also answered 429 beyond; auth.test unlimited.
 * - Database: an embedded Postgres in a temp folder. The rosters are written straight into the
 *   team, member and team_admin tables (not through /lastword roster add), to keep setup fast.
 * - Bot: BENCH_REPLICAS (2) real Lastword instances (src/lastword.ts, Bolt's HTTP receiver on a
 *   free port) in this process, on the same database, `autoTick: false`, with a clock that starts
 *   a minute after the quarter's send time (09:00 on the first working day) in the last of the
 *   zones used and then runs at real speed (leases of a minute expire as they would). Their DM
 *   budget (LASTWORD_DM_PER_SECOND) is BENCH_DM_RATE, the cap by default.
 * - Plan: every replica ticks once; one claims the hour's planning job, reads the workspace's
 *   users with users.list (pages of 200, waiting out 429s) and plans the quarter from the stored
 *   timezones. Send: each replica runs its scheduler as in production (BENCH_TICK=cron: its own
 *   one-second timer starts a pass, a second that comes while a pass is still claiming
 *   is skipped, and jobs run in the background), or with passes back to back, each waiting for the
 *   jobs it started (BENCH_TICK=tight), until every leader has a `checkin` row or the budget runs
 *   out.
 *
 * Prints a table and writes bench/results/checkins.json. Knobs: BENCH_TEAMS (200),
 * BENCH_MEMBERS (50), BENCH_CAP (50 messages/s), BENCH_BURST (= cap), BENCH_REPLICAS (2),
 * BENCH_TICK (cron|tight), BENCH_SEND_BUDGET_S (240), BENCH_HARD_LIMIT_S (480), BENCH_DM_RATE (= cap),
 * BENCH_USERS_INFO_PER_MIN (100), BENCH_USERS_LIST_PER_MIN (20), BENCH_PROBE=1 (a meeting's
 * post every 2 s during the send phase, timed: what the backlog does to the announcer),
 * BENCH_FAKE_IN_PROCESS=1 (fake Slack in this process), BENCH_PROFILE=1 (CPU profile of the send
 * phase, written to the temp dir and its path printed). Every loop is bounded; every process and
 * the temp folder are cleaned up, also on error or Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Session as InspectorSession } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { WebClient } from "@slack/web-api";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { parseQuarter, quarterKey, readCheckinSettings, sendAt } from "../src/domain/checkin/index.ts";
import { KEY_POWERS } from "../src/domain/roster/powers.ts";
import type { JobHandler, SchedulerOptions } from "../src/jobs/scheduler.ts";
import { startLastword, type RunningLastword } from "../src/lastword.ts";
import { createLogger } from "../src/logger.ts";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../src/store/embedded-postgres.ts";
import { migrate } from "../src/store/migrate.ts";
import { CHECKIN_JOB_KINDS } from "../src/usecases/checkins.ts";
import { sleep } from "./lib/pool.ts";
import { postgresCpuMs, postmasterPid } from "./lib/proc.ts";
import {
  startRateLimitedSlack,
  startRateLimitedSlackChild,
  WORKSPACE_ID,
  type FakeUser,
  type RateLimitedSlack,
  type SlackStats,
} from "./lib/rate-limited-slack.ts";
import { startRunGuard, writeResults } from "./lib/run-guard.ts";
import { summarize, table, type Summary } from "./lib/stats.ts";

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const TEAMS = int("BENCH_TEAMS", 200);
const MEMBERS = int("BENCH_MEMBERS", 50);
const LEADERS = TEAMS * MEMBERS;
const CAP = int("BENCH_CAP", 50);
const BURST = int("BENCH_BURST", CAP);
const REPLICAS = int("BENCH_REPLICAS", 2);
const TICK: "cron" | "tight" = process.env.BENCH_TICK === "tight" ? "tight" : "cron";
const SEND_BUDGET_MS = int("BENCH_SEND_BUDGET_S", 240) * 1000;
const HARD_LIMIT_MS = int("BENCH_HARD_LIMIT_S", 480) * 1000;
/** users.info per minute (Slack: Tier 4, 100+ per minute). */
const USERS_INFO_PER_MIN = int("BENCH_USERS_INFO_PER_MIN", 100);
/** users.list per minute (Slack: Tier 2, 20+ per minute). */
const USERS_LIST_PER_MIN = int("BENCH_USERS_LIST_PER_MIN", 20);
/** The bot's own DM budget (LASTWORD_DM_PER_SECOND), shared by the replicas. */
const DM_RATE = int("BENCH_DM_RATE", CAP);
const FAKE_IN_PROCESS = process.env.BENCH_FAKE_IN_PROCESS === "1";
const PROFILE = process.env.BENCH_PROFILE === "1";
/** Post to a meeting channel every 2 s during the send phase, as the announcer would, and time it. */
const PROBE = process.env.BENCH_PROBE === "1";
const PROBE_CHANNEL = "C0MEETING01";
const OUT = path.resolve(import.meta.dirname, "results/checkins.json");

const QUARTER = parseQuarter("2027-Q1")!; // first working day: Friday 1 January 2027
const ZONES = [
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
];
const LOCALES = ["en-US", "zh-CN", "en-GB", "zh-TW"];
const DEFAULT_TIMEZONE = "Asia/Shanghai";
const SETTINGS = readCheckinSettings({});
/** A minute after the last zone's 09:00: every leader's check-in is due when the clock starts. */
const CLOCK_START = Math.max(...ZONES.map((z) => sendAt(QUARTER, SETTINGS, z).getTime())) + 60_000;
const SEND_KIND = CHECKIN_JOB_KINDS.send;

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
const MiB = (bytes: number) => round1(bytes / 1024 / 1024);

// Every replica, the fake, Postgres and the temp folder are stopped in reverse order, once, also on
// error, Ctrl-C or at the hard limit.
const guard = startRunGuard({ hardLimitMs: HARD_LIMIT_MS });
const { note, started, stopping } = guard;

// ---------------------------------------------------------------------------------------------------
// Memory: this process's RSS every 100 ms (the bot replicas; the fake Slack is a child unless
// BENCH_FAKE_IN_PROCESS=1).

const memory = { peakRss: 0, peakHeapUsed: 0, sendPeakRss: 0, samples: 0 };
let inSendPhase = false;
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  memory.samples++;
  memory.peakRss = Math.max(memory.peakRss, m.rss);
  memory.peakHeapUsed = Math.max(memory.peakHeapUsed, m.heapUsed);
  if (inSendPhase) memory.sendPeakRss = Math.max(memory.sendPeakRss, m.rss);
}, 100);
sampler.unref();
guard.onCleanup("memory sampler", async () => clearInterval(sampler));

// ---------------------------------------------------------------------------------------------------
// The workspace

const teamChannel = (t: number) => `C0TEAM${String(t + 1).padStart(4, "0")}`;
const leaderId = (t: number, rank: number) => `U0LW${String(t * MEMBERS + rank).padStart(6, "0")}`;

function leaders(): Array<FakeUser & { channelId: string; rank: number }> {
  const out: Array<FakeUser & { channelId: string; rank: number }> = [];
  for (let t = 0; t < TEAMS; t++) {
    for (let rank = 1; rank <= MEMBERS; rank++) {
      const i = t * MEMBERS + rank - 1;
      out.push({
        id: leaderId(t, rank),
        name: `leader${i + 1}`,
        tz: ZONES[i % ZONES.length]!,
        // Zones and locales vary independently of each other.
        locale: LOCALES[Math.floor(i / ZONES.length) % LOCALES.length]!,
        channelId: teamChannel(t),
        rank,
      });
    }
  }
  return out;
}

/** Teams, members and each team's principal as its admin, straight into the tables (in batches). */
async function seedRosters(sql: pg.Pool, people: ReturnType<typeof leaders>): Promise<void> {
  const channels = Array.from({ length: TEAMS }, (_, t) => teamChannel(t));
  await sql.query(
    `INSERT INTO team (workspace_id, channel_id, created_by, updated_at) SELECT $1, c, a, now() FROM unnest($2::text[], $3::text[]) AS x(c, a)`,
    [WORKSPACE_ID, channels, channels.map((_, t) => leaderId(t, 1))],
  );
  const BATCH = 5_000;
  for (let first = 0; first < people.length; first += BATCH) {
    const rows = people.slice(first, first + BATCH);
    await sql.query(
      `INSERT INTO member (workspace_id, channel_id, user_id, rank, title, powers, roles, updated_at)
       SELECT $1, c, u, r, t, CASE WHEN p = '' THEN '{}'::text[] ELSE ARRAY[p] END, CASE WHEN r = 2 THEN ARRAY['discipline'] ELSE '{}'::text[] END, now()
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[]) AS x(c, u, r, t, p)`,
      [
        WORKSPACE_ID,
        rows.map((p) => p.channelId),
        rows.map((p) => p.id),
        rows.map((p) => p.rank),
        rows.map((p) => (p.rank === 1 ? "Secretary" : "Deputy Secretary")),
        rows.map((p) => (p.rank === 1 ? "" : KEY_POWERS[p.rank % KEY_POWERS.length]!)),
      ],
    );
  }
  await sql.query(
    `INSERT INTO team_admin (workspace_id, channel_id, user_id, granted_by) SELECT $1, c, a, a FROM unnest($2::text[], $3::text[]) AS x(c, a)`,
    [WORKSPACE_ID, channels, channels.map((_, t) => leaderId(t, 1))],
  );
  await sql.query("ANALYZE team, member, team_admin");
}

// ---------------------------------------------------------------------------------------------------
// Replicas, with counters around their job store and the check-in handler (instance-level wrappers
// set by this benchmark; nothing in src/ is changed).

interface Replica {
  name: string;
  running: RunningLastword;
  log: { lines: number; byMsg: Record<string, number>; errors: string[] };
  claims: { calls: number; rows: number; perTick: number[] };
  lostCompletes: number;
  sendMs: number[];
  /** Send jobs that ended in a 429 (the jobs' client rejects rate-limited calls; the scheduler puts them back). */
  sendRateLimited: number;
  /** Send jobs that failed otherwise. */
  sendFailures: number;
  /** Send jobs started while the same job was running on another replica (a claim lost mid-run). */
  concurrentRuns: number;
  ticks: number;
  tickMs: number[];
}

/** Keys claimed, and by which scheduler, across replicas (a key is claimed again after a 429 put it back, or a lease ran out). */
const claimedBy = new Map<string, string[]>();
/** Send jobs running right now, in any replica (all replicas are in this process). */
const runningSends = new Set<string>();

async function startReplica(
  name: string,
  databaseUrl: string,
  apiUrl: string,
  clock: () => Date,
): Promise<Replica> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token",
    SLACK_SIGNING_SECRET: "bench-signing-secret-0123456789",
    SLACK_API_URL: apiUrl,
    DATABASE_URL: databaseUrl,
    PORT: "0",
    LOG_LEVEL: "warn",
    LASTWORD_DEFAULT_TIMEZONE: DEFAULT_TIMEZONE,
    LASTWORD_DM_PER_SECOND: String(DM_RATE),
  });
  const log: Replica["log"] = { lines: 0, byMsg: {}, errors: [] };
  const logger = createLogger(config.logLevel, (line) => {
    log.lines++;
    let msg = "?";
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg).slice(0, 80);
    } catch {
      // not JSON
    }
    log.byMsg[msg] = (log.byMsg[msg] ?? 0) + 1;
    if (line.includes('"level":"error"') && log.errors.length < 10) log.errors.push(line.slice(0, 600));
  });
  const running = await startLastword(config, logger, { clock, autoTick: false });
  const replica: Replica = {
    name,
    running,
    log,
    claims: { calls: 0, rows: 0, perTick: [] },
    lostCompletes: 0,
    sendMs: [],
    sendRateLimited: 0,
    sendFailures: 0,
    concurrentRuns: 0,
    ticks: 0,
    tickMs: [],
  };

  const jobs = running.deps.jobs;
  const claimDue = jobs.claimDue.bind(jobs);
  jobs.claimDue = async (owner, now, leaseMs, limit, kinds) => {
    const rows = await claimDue(owner, now, leaseMs, limit, kinds);
    if (rows.length === 0) return rows;
    replica.claims.calls++;
    replica.claims.rows += rows.length;
    replica.claims.perTick.push(rows.length);
    for (const r of rows) {
      const owners = claimedBy.get(r.key) ?? [];
      owners.push(owner);
      claimedBy.set(r.key, owners);
    }
    return rows;
  };
  const complete = jobs.complete.bind(jobs);
  jobs.complete = async (...args) => {
    const ok = await complete(...args);
    if (!ok) replica.lostCompletes++;
    return ok;
  };
  const handlers = (running.scheduler as unknown as { options: SchedulerOptions }).options.handlers;
  const send: JobHandler = handlers[SEND_KIND]!;
  handlers[SEND_KIND] = async (job, context) => {
    const t0 = performance.now();
    const mine = !runningSends.has(job.key);
    if (mine) runningSends.add(job.key);
    else replica.concurrentRuns++;
    try {
      await send(job, context);
    } catch (err) {
      if ((err as { code?: string }).code === "slack_webapi_rate_limited_error") replica.sendRateLimited++;
      else {
        replica.sendFailures++;
        if (replica.log.errors.length < 10)
          replica.log.errors.push(`send ${job.key}: ${String(err).slice(0, 300)}`);
      }
      throw err;
    } finally {
      if (mine) runningSends.delete(job.key);
      replica.sendMs.push(performance.now() - t0);
    }
  };
  return replica;
}

async function tick(r: Replica): Promise<void> {
  const t0 = performance.now();
  await r.running.scheduler.tick();
  r.ticks++;
  r.tickMs.push(performance.now() - t0);
}

/**
 * Runs `r`'s scheduler until `done()`: as in production (BENCH_TICK=cron: the replica's own
 * one-second timer starts a pass and jobs run in the background), or with passes back
 * to back, each waiting for the jobs it started (pausing 50 ms after one that claimed nothing).
 * Bounded by `deadline` (performance.now()); jobs still running at the end are awaited.
 */
async function tickLoop(r: Replica, done: () => boolean, deadline: number): Promise<void> {
  if (TICK === "cron") {
    r.running.scheduler.start();
    while (!done() && performance.now() < deadline) await sleep(100);
    await r.running.scheduler.stop();
    return;
  }
  while (!done() && performance.now() < deadline) {
    const before = r.claims.rows;
    await tick(r);
    if (done()) return;
    if (r.claims.rows === before) await sleep(50);
  }
}

// ---------------------------------------------------------------------------------------------------
// The run

/** The commit measured, and whether src/ differed from it (others edit the tree while benchmarks run). */
function codeVersion(): { commit: string | null; srcChanged: boolean | null } {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: path.resolve(import.meta.dirname, ".."), encoding: "utf8" }).trim();
  try {
    return {
      commit: git("rev-parse", "HEAD"),
      srcChanged: git("status", "--porcelain", "--", "src").length > 0,
    };
  } catch {
    return { commit: null, srcChanged: null };
  }
}

interface Result {
  when: string;
  code: ReturnType<typeof codeVersion>;
  setup: Record<string, unknown>;
  plan: Record<string, unknown>;
  send: Record<string, unknown>;
  delivery: Record<string, unknown>;
  database: Record<string, unknown>;
  memory: Record<string, unknown>;
  replicas: Array<Record<string, unknown>>;
  verdict: { allDeliveredOnce: boolean; allRecorded: boolean; withinBudget: boolean };
  profile?: string;
}

async function main(): Promise<Result> {
  const quarter = quarterKey(QUARTER);
  const code = codeVersion();
  note(`code: ${code.commit ?? "?"}${code.srcChanged ? " with uncommitted changes in src/" : ""}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), "lastword-bench-checkins-"));
  guard.onCleanup("temp folder", () => rm(dir, { recursive: true, force: true }));

  note(
    `${TEAMS} teams × ${MEMBERS} members = ${LEADERS} leaders; cap ${CAP}/s (burst ${BURST}), 1/s per channel; ${REPLICAS} replica(s), ${TICK} ticks`,
  );
  const postgres: EmbeddedDatabase = await startEmbeddedPostgres(dir, createLogger("warn"));
  guard.onCleanup("postgres", () => postgres.stop());
  const pgPid = await postmasterPid(dir);

  const limits = {
    perChannelPerSecond: 1,
    workspacePerSecond: CAP,
    workspaceBurst: BURST,
    usersInfoPerSecond: USERS_INFO_PER_MIN / 60,
    usersListPerMinute: USERS_LIST_PER_MIN,
  };
  const fake: RateLimitedSlack = FAKE_IN_PROCESS
    ? await startRateLimitedSlack(limits)
    : await startRateLimitedSlackChild(limits, HARD_LIMIT_MS + 60_000);
  guard.onCleanup("fake Slack", () => fake.close());
  const people = leaders();
  await fake.addUsers(people.map(({ id, name, tz, locale }) => ({ id, name, tz, locale })));

  const setupStart = performance.now();
  await migrate(postgres.url, createLogger("warn"));
  const sql = new pg.Pool({ connectionString: postgres.url, max: 2 });
  sql.on("error", (err) => process.stderr.write(`bench pool: ${String(err)}\n`));
  guard.onCleanup("bench pool", () => sql.end());
  await seedRosters(sql, people);
  const seedMs = performance.now() - setupStart;
  note(`rosters written straight into team/member/team_admin in ${Math.round(seedMs)} ms`);

  // The clock starts a minute after the last zone's send time and runs at real speed.
  let clockBase = performance.now();
  const clock = () => new Date(CLOCK_START + (performance.now() - clockBase));
  const replicas: Replica[] = [];
  for (let i = 0; i < REPLICAS; i++) {
    const r = await startReplica(String.fromCharCode(65 + i), postgres.url, fake.apiUrl, clock);
    replicas.push(r);
    guard.onCleanup(`replica ${r.name}`, () => r.running.stop());
  }
  clockBase = performance.now();
  note(`${REPLICAS} replica(s) up; clock at ${new Date(CLOCK_START).toISOString()}`);

  // Plan: the first tick of each replica schedules the hour's planning job; one replica claims
  // it, reads the workspace's users (users.list, paged) and plans the quarter.
  const planStart = performance.now();
  const usersInfo0 = (await fake.stats()).calls["users.info"] ?? 0;
  await Promise.all(replicas.map((r) => tick(r)));
  const planMs = performance.now() - planStart;
  const planStats = await fake.stats();
  const sendJobs = Number(
    (await sql.query<{ n: string }>("SELECT count(*) AS n FROM job WHERE kind = $1", [SEND_KIND])).rows[0]!.n,
  );
  const dueJobs = Number(
    (
      await sql.query<{ n: string }>("SELECT count(*) AS n FROM job WHERE kind = $1 AND due_at <= $2", [
        SEND_KIND,
        clock(),
      ])
    ).rows[0]!.n,
  );
  const allJobs = Number((await sql.query<{ n: string }>("SELECT count(*) AS n FROM job")).rows[0]!.n);
  note(
    `planned in ${Math.round(planMs)} ms: ${sendJobs} send jobs (${dueJobs} due), ${allJobs} jobs in all; ${planStats.calls["users.list"] ?? 0} users.list calls (${planStats.rateLimited.usersList} answered 429), ${(planStats.calls["users.info"] ?? 0) - usersInfo0} users.info calls`,
  );
  if (sendJobs !== LEADERS)
    throw new Error(`expected ${LEADERS} send jobs after planning, found ${sendJobs}`);

  // Send: tick until every leader has a checkin row, or the budget runs out.
  let inspector: InspectorSession | undefined;
  if (PROFILE) {
    inspector = new InspectorSession();
    inspector.connect();
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.start");
  }
  // What is left of the hard limit, less time for the report and cleanup; none left: no send phase.
  const budget = Math.max(
    0,
    Math.min(SEND_BUDGET_MS, HARD_LIMIT_MS - (performance.now() - started) - 45_000),
  );
  if (budget < 10_000) note(`only ${Math.round(budget / 1000)} s left for the send phase`);
  const sendStartEpoch = Date.now();
  const sendStart = performance.now();
  const deadline = sendStart + budget;
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const pg0 = await postgresCpuMs(pgPid);
  const fakeCpu0 = fake.inProcess ? 0 : await postgresCpuMs(fake.pid);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  inSendPhase = true;

  let rows = 0;
  let allRecordedAt: number | undefined;
  const progress: Array<{ s: number; rows: number }> = [];
  const done = () => allRecordedAt !== undefined || performance.now() >= deadline || stopping();
  const monitor = (async () => {
    let lastNote = 0;
    while (!done()) {
      rows = Number(
        (await sql.query<{ n: string }>("SELECT count(*) AS n FROM checkin WHERE quarter = $1", [quarter]))
          .rows[0]!.n,
      );
      const s = (performance.now() - sendStart) / 1000;
      progress.push({ s: round1(s), rows });
      if (rows >= LEADERS) allRecordedAt = performance.now();
      else if (s - lastNote >= 10) {
        lastNote = s;
        note(`send: ${rows}/${LEADERS} recorded after ${s.toFixed(0)} s (${Math.round(rows / s)}/s)`);
      }
      await sleep(200);
    }
  })();
  const loops = replicas.map((r) => tickLoop(r, done, deadline));
  // The meeting probe: a session's thread post made during the send window by a client set up as
  // the announcer's is (the Web API client's defaults: it waits out a 429 and tries again).
  const probes: Array<Promise<void>> = [];
  const probeMs: number[] = [];
  let probesUnfinished = 0;
  if (PROBE) {
    const meeting = new WebClient("xoxb-bench-token", {
      slackApiUrl: fake.apiUrl,
      logger: {
        debug() {},
        info() {},
        warn() {},
        error() {},
        setLevel() {},
        getLevel: () => "error" as never,
        setName() {},
      },
    });
    probes.push(
      (async () => {
        while (!done()) {
          const t0 = performance.now();
          probesUnfinished++;
          probes.push(
            meeting.chat
              .postMessage({ channel: PROBE_CHANNEL, text: "A statement in a running meeting." })
              .then(
                () => {
                  probesUnfinished--;
                  probeMs.push(performance.now() - t0);
                },
                () => undefined,
              ),
          );
          await sleep(2_000);
        }
      })(),
    );
  }
  await monitor;
  const sendMs = (allRecordedAt ?? performance.now()) - sendStart;
  // Let the ticks in flight finish (they hold jobs claimed before the end), bounded.
  const settled = await Promise.race([Promise.all(loops).then(() => true), sleep(60_000).then(() => false)]);
  if (!settled) note("some ticks were still running 60 s after the end of the send phase");
  if (PROBE) await Promise.race([Promise.all(probes), sleep(30_000)]);
  inSendPhase = false;
  loopDelay.disable();
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const pgCpuMs = (await postgresCpuMs(pgPid)) - pg0;
  const fakeCpuMs = fake.inProcess ? null : (await postgresCpuMs(fake.pid)) - fakeCpu0;
  const phaseWallMs = performance.now() - sendStart;
  let profile: string | undefined;
  if (inspector) {
    const { profile: p } = await inspector.post("Profiler.stop");
    profile = path.join(os.tmpdir(), `lastword-checkins-${process.pid}.cpuprofile`);
    await writeFile(profile, JSON.stringify(p));
    inspector.disconnect();
    note(`CPU profile of the send phase: ${profile}`);
  }
  note(
    allRecordedAt
      ? `all ${LEADERS} recorded after ${(sendMs / 1000).toFixed(1)} s`
      : `budget ran out: ${rows}/${LEADERS} recorded after ${(sendMs / 1000).toFixed(1)} s`,
  );

  // What Slack saw, and what the database holds.
  const stats: SlackStats = await fake.stats();
  const counts = people.map((p) => stats.perRecipient[p.id] ?? 0);
  const zero = counts.filter((c) => c === 0).length;
  const multi = counts.filter((c) => c > 1).length;
  const extra = counts.reduce((s, c) => s + Math.max(0, c - 1), 0);
  const db = {
    checkinRows: Number(
      (await sql.query<{ n: string }>("SELECT count(*) AS n FROM checkin WHERE quarter = $1", [quarter]))
        .rows[0]!.n,
    ),
    checkinLeaders: Number(
      (
        await sql.query<{ n: string }>(
          "SELECT count(DISTINCT (channel_id, user_id)) AS n FROM checkin WHERE quarter = $1",
          [quarter],
        )
      ).rows[0]!.n,
    ),
    sendJobsDone: Number(
      (
        await sql.query<{ n: string }>(
          "SELECT count(*) AS n FROM job WHERE kind = $1 AND done_at IS NOT NULL",
          [SEND_KIND],
        )
      ).rows[0]!.n,
    ),
    sendJobsClaimedAgain: Number(
      (
        await sql.query<{ n: string }>("SELECT count(*) AS n FROM job WHERE kind = $1 AND attempts > 1", [
          SEND_KIND,
        ])
      ).rows[0]!.n,
    ),
    maxAttempts: Number(
      (
        await sql.query<{ n: string | null }>("SELECT max(attempts) AS n FROM job WHERE kind = $1", [
          SEND_KIND,
        ])
      ).rows[0]!.n ?? 0,
    ),
    otherJobsDone: Number(
      (
        await sql.query<{ n: string }>(
          "SELECT count(*) AS n FROM job WHERE kind <> $1 AND done_at IS NOT NULL",
          [SEND_KIND],
        )
      ).rows[0]!.n,
    ),
  };
  const reclaimed = [...claimedBy.values()].filter((owners) => new Set(owners).size > 1).length;

  // Deliveries per second of the send phase (from the fake's own timestamps).
  const firstDelivery = stats.deliveredAt.find((t) => t >= sendStartEpoch);
  const lastDelivery = stats.deliveredAt.at(-1);
  const seconds = Math.ceil(((lastDelivery ?? sendStartEpoch) - sendStartEpoch) / 1000) + 1;
  const perSecond = new Array<number>(Math.max(0, seconds)).fill(0);
  for (const t of stats.deliveredAt)
    if (t >= sendStartEpoch) perSecond[Math.floor((t - sendStartEpoch) / 1000)]!++;
  const limitedPerSecond = new Array<number>(Math.max(0, seconds)).fill(0);
  for (const t of stats.limitedAt)
    if (t >= sendStartEpoch && t - sendStartEpoch < seconds * 1000)
      limitedPerSecond[Math.floor((t - sendStartEpoch) / 1000)]!++;
  const busySeconds = perSecond.slice(0, -1); // the last second is partial
  const minimumMs = (LEADERS / CAP) * 1000;
  const minimumWithBurstMs = (Math.max(0, LEADERS - BURST) / CAP) * 1000;
  const deliveredCount = stats.delivered;
  const throughput = round1(deliveredCount / (sendMs / 1000));
  const sendJobMs: Summary = summarize(replicas.flatMap((r) => r.sendMs));
  const nodeCores = round2((cpu.user + cpu.system) / 1000 / phaseWallMs);

  const result: Result = {
    when: new Date().toISOString(),
    code,
    setup: {
      teams: TEAMS,
      membersPerTeam: MEMBERS,
      leaders: LEADERS,
      zones: ZONES,
      locales: LOCALES,
      quarter,
      clockStart: new Date(CLOCK_START).toISOString(),
      clock: "starts a minute after the last zone's 09:00 send time, then runs at real speed",
      rosters: "written straight into team, member and team_admin (not through /lastword roster add)",
      seedMs: Math.round(seedMs),
      replicas: REPLICAS,
      replicasIn: "this process (one event loop shared by all replicas)",
      tick:
        TICK === "cron"
          ? "as in production: each replica's one-second timer starts a pass, jobs run in the background"
          : "back to back, each pass waiting for its jobs",
      fakeSlack: fake.inProcess ? "in this process" : `child process (pid ${fake.pid})`,
      limits: {
        chatPostMessage: `1 per second per channel AND ${CAP} per second workspace-wide (token bucket of ${BURST}); 429 + Retry-After (whole seconds, >= 1), message not delivered; refused calls take no token`,
        usersInfo: `${USERS_INFO_PER_MIN} per minute (token bucket of one second's worth)`,
        usersList: `${USERS_LIST_PER_MIN} per minute (token bucket of one minute's worth)`,
        botDmBudget: `LASTWORD_DM_PER_SECOND=${DM_RATE} (burst ${DM_RATE}), shared by the replicas through the send_budget row`,
        authTest: "unlimited",
      },
      machine: { cpus: os.cpus().length, node: process.version },
    },
    plan: {
      ms: Math.round(planMs),
      usersInfo429s: planStats.rateLimited.usersInfo,
      usersInfoCalls: (planStats.calls["users.info"] ?? 0) - usersInfo0,
      usersListCalls: planStats.calls["users.list"] ?? 0,
      usersList429s: planStats.rateLimited.usersList,
      sendJobs,
      jobs: allJobs,
      note: "the hourly planning job (one per hour, claimed by one replica): users.list read in pages of 200 (once a day), then planCurrentQuarters from the stored timezones",
    },
    send: {
      ms: Math.round(sendMs),
      allRecorded: allRecordedAt !== undefined,
      minimumMs,
      minimumWithBurstMs,
      ratio: round2(sendMs / minimumMs),
      delivered: deliveredCount,
      perSecondMean: throughput,
      perSecond: {
        p50: percentileOf(busySeconds, 50),
        max: Math.max(0, ...busySeconds),
        secondsWithNone: busySeconds.filter((n) => n === 0).length,
        seconds: busySeconds.length,
      },
      firstDeliveryAfterMs: firstDelivery !== undefined ? firstDelivery - sendStartEpoch : null,
      lastDeliveryAfterMs: lastDelivery !== undefined ? lastDelivery - sendStartEpoch : null,
      http429: stats.rateLimited.perChannel + stats.rateLimited.workspace,
      http429ByLimit: stats.rateLimited,
      deliveredEachSecond: perSecond,
      http429EachSecond: limitedPerSecond,
      sendJobMs,
      sendJobsEndedIn429: replicas.reduce((s, r) => s + r.sendRateLimited, 0),
      sendJobFailures: replicas.reduce((s, r) => s + r.sendFailures, 0),
      sendJobsRunTwiceAtOnce: replicas.reduce((s, r) => s + r.concurrentRuns, 0),
      postMessageCallsPerDelivered: round2(
        (stats.calls["chat.postMessage"] ?? 0) / Math.max(1, deliveredCount),
      ),
      http429PerSecondMax: Math.max(0, ...limitedPerSecond),
      ...(PROBE
        ? {
            meetingProbe: {
              what: `chat.postMessage to ${PROBE_CHANNEL} every 2 s during the send phase, with the Web API client's defaults (as the announcer's)`,
              ms: summarize(probeMs),
              unfinished: probesUnfinished,
            },
          }
        : {}),
      nodeCores,
      eventLoopUtilization: round2(elu.utilization),
      eventLoopDelayMs: {
        p50: round1(loopDelay.percentile(50) / 1e6),
        p99: round1(loopDelay.percentile(99) / 1e6),
        max: round1(loopDelay.max / 1e6),
      },
      postgresCores: round2(pgCpuMs / phaseWallMs),
      fakeSlackCores: fakeCpuMs === null ? null : round2(fakeCpuMs / phaseWallMs),
      progress: progress.filter((_, i) => i % 5 === 0),
      slackCalls: stats.calls,
      slackRefusals: { count: stats.refusedCount, first: stats.refusals },
    },
    delivery: {
      perLeader: { min: Math.min(...counts), max: Math.max(...counts) },
      leadersWithNone: zero,
      leadersWithMoreThanOne: multi,
      extraMessages: extra,
      duplicates: Object.entries(stats.perRecipient)
        .filter(([, n]) => n > 1)
        .slice(0, 20),
    },
    database: { ...db, keysClaimedByTwoReplicas: reclaimed },
    memory: {
      peakRssMiB: MiB(memory.peakRss),
      sendPhasePeakRssMiB: MiB(memory.sendPeakRss),
      peakHeapUsedMiB: MiB(memory.peakHeapUsed),
      samples: memory.samples,
      what: `process.memoryUsage().rss every 100 ms of this process: ${REPLICAS} bot replica(s) and the benchmark driver${fake.inProcess ? " and the fake Slack" : "; the fake Slack runs in a child process and is not counted"}`,
    },
    replicas: replicas.map((r) => ({
      name: r.name,
      ticks: r.ticks,
      tickMs: summarize(r.tickMs),
      claimed: r.claims.rows,
      claimedPerTick: summarize(r.claims.perTick.filter((n) => n > 0)),
      sendRuns: r.sendMs.length,
      sendRateLimited: r.sendRateLimited,
      sendFailures: r.sendFailures,
      concurrentRuns: r.concurrentRuns,
      lostCompletes: r.lostCompletes,
      logLines: r.log.lines,
      logByMessage: r.log.byMsg,
      errors: r.log.errors,
    })),
    verdict: {
      allDeliveredOnce: zero === 0 && multi === 0,
      allRecorded: db.checkinLeaders === LEADERS,
      withinBudget: allRecordedAt !== undefined,
    },
    ...(profile ? { profile } : {}),
  };
  return result;
}

function percentileOf(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

function print(r: Result): void {
  const s = r.send as {
    ms: number;
    minimumMs: number;
    minimumWithBurstMs: number;
    ratio: number;
    delivered: number;
    perSecondMean: number;
    http429: number;
    http429ByLimit: SlackStats["rateLimited"];
    perSecond: { p50: number | null; max: number; secondsWithNone: number };
    sendJobMs: Summary;
    nodeCores: number;
    postgresCores: number;
    fakeSlackCores: number | null;
    eventLoopUtilization: number;
    allRecorded: boolean;
    sendJobsEndedIn429: number;
    sendJobFailures: number;
    sendJobsRunTwiceAtOnce: number;
    postMessageCallsPerDelivered: number;
    http429PerSecondMax: number;
    meetingProbe?: { ms: Summary; unfinished: number };
  };
  const d = r.delivery as {
    perLeader: { min: number; max: number };
    leadersWithNone: number;
    leadersWithMoreThanOne: number;
  };
  const db = r.database as {
    checkinRows: number;
    checkinLeaders: number;
    sendJobsDone: number;
    sendJobsClaimedAgain: number;
    maxAttempts: number;
    keysClaimedByTwoReplicas: number;
  };
  const m = r.memory as { peakRssMiB: number; sendPhasePeakRssMiB: number };
  const p = r.plan as { ms: number; usersInfoCalls: number };
  const rows: Array<[string, string | number | null]> = [
    ["leaders (teams × members)", `${LEADERS} (${TEAMS} × ${MEMBERS})`],
    ["replicas / ticks", `${REPLICAS} / ${TICK}`],
    ["rate limit", `1/s per channel + ${CAP}/s workspace (burst ${BURST})`],
    ["plan (first tick): ms", p.ms],
    ["plan: users.info calls", p.usersInfoCalls],
    ["send: time to all recorded, s", `${round1(s.ms / 1000)}${s.allRecorded ? "" : " (budget ran out)"}`],
    ["plan + send, s", round1((p.ms + s.ms) / 1000)],
    [
      "send: minimum the cap allows, s",
      `${round1(s.minimumMs / 1000)} (${round1(s.minimumWithBurstMs / 1000)} with the burst)`,
    ],
    ["send: ratio to the minimum", s.ratio],
    ["send: delivered / mean per s", `${s.delivered} / ${s.perSecondMean}`],
    [
      "send: per second p50 / max / seconds with none",
      `${s.perSecond.p50} / ${s.perSecond.max} / ${s.perSecond.secondsWithNone}`,
    ],
    [
      "HTTP 429s (workspace / per channel)",
      `${s.http429} (${s.http429ByLimit.workspace} / ${s.http429ByLimit.perChannel})`,
    ],
    [
      "chat.postMessage calls per delivered / max 429s in a second",
      `${s.postMessageCallsPerDelivered} / ${s.http429PerSecondMax}`,
    ],
    ...(s.meetingProbe
      ? [
          [
            "meeting post during sends ms p50 / p99 / max",
            `${s.meetingProbe.ms.p50} / ${s.meetingProbe.ms.p99} / ${s.meetingProbe.ms.max} (${s.meetingProbe.ms.count} probes)`,
          ] as [string, string],
        ]
      : []),
    ["send job ms p50 / p99 / max", `${s.sendJobMs.p50} / ${s.sendJobMs.p99} / ${s.sendJobMs.max}`],
    ["DMs per leader min / max", `${d.perLeader.min} / ${d.perLeader.max}`],
    ["leaders with 0 / with >1 DMs", `${d.leadersWithNone} / ${d.leadersWithMoreThanOne}`],
    ["checkin rows (distinct leaders)", `${db.checkinRows} (${db.checkinLeaders})`],
    [
      "send jobs done / claimed again / max attempts",
      `${db.sendJobsDone} / ${db.sendJobsClaimedAgain} / ${db.maxAttempts}`,
    ],
    [
      "send runs ended in 429 / failed / run twice at once",
      `${s.sendJobsEndedIn429} / ${s.sendJobFailures} / ${s.sendJobsRunTwiceAtOnce}`,
    ],
    ["peak RSS MiB (whole run / send phase)", `${m.peakRssMiB} / ${m.sendPhasePeakRssMiB}`],
    [
      "cores: node / postgres / fake Slack",
      `${s.nodeCores} / ${s.postgresCores} / ${s.fakeSlackCores ?? "in-process"}`,
    ],
    ["event loop utilisation (send)", s.eventLoopUtilization],
  ];
  process.stdout.write(
    `\nQuarterly check-ins, ${r.when}, commit ${r.code.commit?.slice(0, 7) ?? "?"}${r.code.srcChanged ? " (src/ changed)" : ""}\n\n${table(["measure", "value"], rows)}\n\n`,
  );
  process.stdout.write(`verdict: ${JSON.stringify(r.verdict)}\n`);
}

await guard.finish(
  async () => {
    const result = await main();
    print(result);
    note(`wrote ${await writeResults(OUT, result)}`);
    return result.verdict.allDeliveredOnce && result.verdict.allRecorded ? 0 : 1;
  },
  // The exit code says whether every leader got exactly one DM; a cleanup step that fails is
  // reported, not counted in it.
  { label: "bench", cleanupFailureFails: false },
);
