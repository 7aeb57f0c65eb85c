/**
 * Lastword's benchmark: the bot as `npm start` runs it, beside a bare Bolt app, under the same load.
 *
 *   npm run bench                 (about 5–10 minutes on a busy 2-core machine)
 *   npm run bench -- --quick      (a quarter of the requests, about 2 minutes)
 *   npm run bench -- --profile    (also a CPU profile of the bot, broken down by owner)
 *
 * The bot runs as its own process exactly as `npm start` runs it: the compiled build in dist/ (built
 * first if stale, by the same check `npm start` makes) with the start script's Node flags. The bare
 * Bolt app (bench/lib/bare-bolt.mjs) runs with the same flags and only acks. This process holds the
 * load generator, the fake Slack Web API (the bot's calls land there) and an embedded Postgres for
 * the bot (DATABASE_URL). Teams and sessions are written straight into the database before the bot
 * starts (bench/lib/seed.ts: ledgers from the real decider, sealed with the real hash chain); every
 * measured request goes through the receiver, signed as Slack signs it.
 *
 * For each level (50 and 500 concurrent sessions), each session length (short, and 200 entries)
 * and each kind (thread reply, named vote), the bot gets 1,000+ requests (a quarter with --quick):
 * each session is a closed loop that sends its next request once the last one is in the ledger,
 * and delivers a request again, as Slack does, when the answer is not a 200 within 3 s.
 * Right after, the bare app gets the same requests at the same concurrency (each lane sends its
 * next once acked). Around each phase the CPU time of every process is read from /proc: the bot's,
 * Postgres's (postmaster, backends and reaped backends, minus this process's own connections),
 * this process's (load generator and fake Slack), the bare app's, and the machine's. A bot phase
 * lasts until the bot has shown everything in Slack and emptied its inbox, so CPU spent after the
 * ack is counted. CPU per recorded entry, and the bot / bare ratio, hold on a shared machine where
 * wall-clock figures do not; the load average is printed beside them.
 *
 * Prints a table and writes bench/results/bench.json (bench-quick.json with --quick, not
 * committed). Everything started is stopped, and the temp folder removed, also on error or Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { MOTION_QUESTION_ID } from "../src/domain/session/types.ts";
import { translator } from "../src/i18n/translate.ts";
import { sessionHeader } from "../src/slack/blocks/session-header.ts";
import { voteMessage } from "../src/slack/blocks/vote-message.ts";
import { freePort } from "../src/store/embedded-postgres.ts";
import {
  ensureBuild,
  REPO,
  rssMiB,
  spawnBareBolt,
  spawnBot,
  startCommand,
  stopAllChildren,
  stopChild,
  waitForLine,
  waitReady,
  type Child,
} from "./lib/child.ts";
import { LedgerTail, statementKey, voteKey } from "./lib/ledger-tail.ts";
import { sleep, until } from "./lib/pool.ts";
import { machineBusyMs, postgresCpuMs, postmasterPid, processCpuMs } from "./lib/proc.ts";
import { attribute, type CpuProfile } from "./lib/profile.ts";
import { buttonBody, threadReplyBody, timedPost } from "./lib/requests.ts";
import { startRunGuard, writeResults } from "./lib/run-guard.ts";
import {
  CHAIR,
  channelId,
  memberId,
  RANKS,
  seedSessions,
  seedTeams,
  type SeededSession,
  type Stage,
} from "./lib/seed.ts";
import { summarize, table, type Summary } from "./lib/stats.ts";
import { benchBackends, SIGNING_SECRET, startBenchWorld, WORKSPACE, type BenchWorld } from "./lib/world.ts";

const args = new Set(process.argv.slice(2));
for (const a of args)
  if (!["--quick", "--profile"].includes(a)) throw new Error(`unknown argument ${a} (--quick, --profile)`);
const QUICK = args.has("--quick");
const PROFILE = args.has("--profile");

const LEVELS = [50, 500] as const;
type Level = (typeof LEVELS)[number];
const LENGTHS = ["short", "long"] as const;
type Length = (typeof LENGTHS)[number];
/** Entries in a long session's ledger before the phase. */
const LONG_ENTRIES = 200;
const KINDS = ["reply", "vote"] as const;
type Kind = (typeof KINDS)[number];
/** Requests per kind, level and length, at least. */
const REQUESTS = QUICK ? 250 : 1000;
const perLane = (level: Level) => Math.ceil(REQUESTS / level);
/** Named votes per session: six of seven, so that the vote stays open. */
const VOTES_PER_SESSION = 6;
const CHANNELS = 100;
/** A phase sends nothing new after this long (bounds the run on a very busy machine; said if it happens). */
const PHASE_SEND_MS = 90_000;
const WAIT_MS = 30_000;
const SLACK_DEADLINE_MS = 3_000;
/** Slack delivers an event that was not acked in time three times more. */
const MAX_RETRIES = 3;
const OUT = path.resolve(import.meta.dirname, QUICK ? "results/bench-quick.json" : "results/bench.json");

/** Issue 11's targets. */
const TARGETS = {
  replyCpuMs: 1.0,
  voteCpuMs: 1.5,
  botOverBare: 2,
  repliesPerSAt50: 800,
  ackP99At50Ms: 100,
  flatWithin: 0.2,
  rssMB: 150,
};

// Generous: on a shared machine at a load average of 12 the run takes several times as long.
const guard = startRunGuard({ hardLimitMs: (QUICK ? 900 : 1800) * 1000 });
const { note, stopping } = guard;

// ---------------------------------------------------------------------------------------------------
// Requests

interface Req {
  body: string;
  contentType: string;
  /** The ledger entry the bot should record for it. */
  ledger: { sessionId: string; key: string };
}
/** One session's closed loop (a lane may walk over several sessions one after the other). */
type Lane = Array<() => Req>;

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

function replyReq(w: BenchWorld, s: SeededSession, text: string): Req {
  const ts = w.fake.nextTs();
  const body = threadReplyBody(w.driver, {
    userId: s.speakerId!,
    channelId: s.channelId,
    threadTs: s.threadTs,
    ts,
    text,
  });
  return { body, contentType: JSON_TYPE, ledger: { sessionId: s.id, key: statementKey(ts) } };
}

function voteReq(w: BenchWorld, s: SeededSession, userId: string): Req {
  const body = buttonBody(w.fake, {
    teamId: WORKSPACE,
    actionId: "vote_choice_approve",
    value: `${s.id}|${MOTION_QUESTION_ID}|approve`,
    userId,
    channelId: s.channelId,
    messageTs: s.voteTs!,
    threadTs: s.threadTs,
  });
  return { body, contentType: FORM_TYPE, ledger: { sessionId: s.id, key: voteKey(s.id, userId) } };
}

/** Lanes of replies: one per session, `count` statements each by its current speaker. */
function replyLanes(w: BenchWorld, sessions: SeededSession[], count: number): Lane[] {
  return sessions.map((s) =>
    Array.from(
      { length: count },
      (_, k) => () => replyReq(w, s, `Statement part ${k + 1}, a sentence or two of it.`),
    ),
  );
}

/** Lanes of votes: `lanes` lanes of `count` votes, each walking over its own sessions' voters. */
function voteLanes(w: BenchWorld, sessions: SeededSession[], lanes: number, count: number): Lane[] {
  const perLaneSessions = Math.ceil(count / VOTES_PER_SESSION);
  return Array.from({ length: lanes }, (_, lane) =>
    sessions
      .slice(lane * perLaneSessions, (lane + 1) * perLaneSessions)
      .flatMap((s) => s.votersLeft.slice(0, VOTES_PER_SESSION).map((u) => () => voteReq(w, s, u)))
      .slice(0, count),
  );
}

// ---------------------------------------------------------------------------------------------------
// Fixture: seeded teams and sessions

type Pool = { speaking: SeededSession[]; voting: SeededSession[] };
interface Fixture {
  warmup: Pool;
  /** Per level and length: the sessions that level's lanes use (no session is used twice). */
  measured: Record<`${Level}-${Length}`, Pool>;
}

async function seedFixture(w: BenchWorld): Promise<Fixture> {
  const channels = Array.from({ length: CHANNELS }, (_, i) => channelId(i));
  await seedTeams(w.sql, WORKSPACE, channels);
  const numbers = new Map<string, number>();
  const t0 = Date.now() - 600_000;
  let i = 0;
  const seed = async (count: number, stage: Stage) => {
    const specs = Array.from({ length: count }, () => {
      const channel = channels[i % channels.length]!;
      const number = (numbers.get(channel) ?? 0) + 1;
      numbers.set(channel, number);
      return {
        channelId: channel,
        number,
        threadTs: w.fake.nextTs(),
        voteTs: w.fake.nextTs(),
        stage,
        t0: t0 + i++,
      };
    });
    return seedSessions(w.sql, WORKSPACE, specs);
  };
  // A long session: the first speaker has spoken so often that the ledger holds LONG_ENTRIES
  // (a voting one gets its round and its vote on top, about ten entries more).
  const statements = (length: Length) => (length === "long" ? LONG_ENTRIES - 2 : 0);
  const pool = async (lanes: number, votes: number, length: Length): Promise<Pool> => ({
    speaking: await seed(lanes, { kind: "speaking", statements: statements(length) }),
    voting: await seed(lanes * Math.ceil(votes / VOTES_PER_SESSION), {
      kind: "voting",
      votes: 0,
      statements: statements(length),
    }),
  });
  const warmup = await pool(20, 6, "short");
  const measured = {} as Fixture["measured"];
  for (const level of LEVELS)
    for (const length of LENGTHS) {
      measured[`${level}-${length}`] = await pool(level, perLane(level), length);
      note(`seeded ${level} sessions × ${length}`);
    }
  // The fake must know the bot's header and vote messages, so that chat.update finds them and a
  // button payload carries the vote message's real blocks.
  const tr = translator("en");
  for (const s of [warmup, ...Object.values(measured)].flatMap((p) => [...p.speaking, ...p.voting])) {
    w.fake.addMessage({
      channel: s.channelId,
      ts: s.threadTs,
      ...sessionHeader(s.state, s.number, s.id, tr),
    });
    if (s.voteTs)
      w.fake.addMessage({
        channel: s.channelId,
        ts: s.voteTs,
        threadTs: s.threadTs,
        ...voteMessage(s.state, s.id, tr, undefined, "UTC"),
      });
  }
  return { warmup, measured };
}

// ---------------------------------------------------------------------------------------------------
// One phase: lanes against one app, with the CPU of everything around it

interface Cpu {
  app: number;
  postgres: number;
  loadGenerator: number;
  machine: number;
}

async function cpuNow(app: Child, pg: number | undefined, bench: Set<number>): Promise<Cpu> {
  const own = process.cpuUsage();
  return {
    app: await processCpuMs(app.pid),
    postgres: await postgresCpuMs(pg, bench),
    loadGenerator: (own.user + own.system) / 1000,
    machine: await machineBusyMs(),
  };
}

interface Phase {
  requests: number;
  /** Deliveries, redeliveries included. Answers other than 200 (or failed fetches): the first few, and how many. */
  failures: { count: number; samples: string[] };
  ack: Summary;
  acksOver3s: number;
  /** Deliveries again after a late or failed answer (counted in `requests` and `ack`). */
  redelivered: number;
  /** Lanes stopped early by PHASE_SEND_MS. */
  cutShort: number;
  /** Bot only: entries recorded, and how fast. */
  recorded?: { count: number; missing: number; perS: number; requestToEntry: Summary };
  /** CPU milliseconds over the phase; for the bot, until it has shown everything and emptied its inbox. */
  cpuMs: Cpu & { other: number };
  /** CPU ms per recorded entry (bot) or per ack (bare): app, Postgres, load generator. */
  perOp: { app: number; postgres: number; loadGenerator: number };
  wallMs: number;
  loadAverage: number;
  /** Bot only: the highest RSS sampled during the phase, MiB. */
  rssPeakMiB?: number;
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

async function runPhase(
  url: string,
  app: Child,
  lanes: Lane[],
  ctx: { world: BenchWorld; pgPid: number | undefined; tail?: LedgerTail },
): Promise<Phase> {
  const { world: w, pgPid, tail } = ctx;
  const bench = await benchBackends(w.sql);
  const acks: number[] = [];
  const failures = { count: 0, samples: [] as string[] };
  const fail = (what: string) => {
    failures.count++;
    if (failures.samples.length < 5) failures.samples.push(what);
  };
  const entries: Array<{ sentAt: number; seenAt: number }> = [];
  let redelivered = 0;
  let missing = 0;
  let cutShort = 0;
  let firstSent = Infinity;
  let rssPeak = 0;
  const sampler = tail
    ? setInterval(
        () =>
          void rssMiB(app.pid)
            .then((m) => (rssPeak = Math.max(rssPeak, m.rss)))
            .catch(() => undefined),
        200,
      )
    : undefined;
  const loadAverage = os.loadavg()[0]!;
  const before = await cpuNow(app, pgPid, bench);
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (lane) => {
      for (const next of lane) {
        if (stopping()) return;
        if (performance.now() - t0 > PHASE_SEND_MS) {
          cutShort++;
          return;
        }
        const req = next();
        // Registered before the request goes out: the entry may be in before the ack is back.
        const entry = tail?.expect(req.ledger.sessionId, req.ledger.key);
        // As Slack does: an answer other than 200, or one later than 3 s, is delivered again (an
        // event up to three times; a button the member presses again), signed anew.
        let sentAt: number | undefined;
        for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
          try {
            const ack = await timedPost(url, SIGNING_SECRET, req.body, req.contentType, attempt);
            sentAt ??= ack.sentAt;
            firstSent = Math.min(firstSent, ack.sentAt);
            acks.push(ack.ms);
            if (attempt > 0) redelivered++;
            if (ack.status !== 200) fail(`HTTP ${ack.status} ${ack.text.slice(0, 80)}`);
            if (ack.status === 200 && ack.ms <= SLACK_DEADLINE_MS) break;
          } catch (err) {
            fail(`fetch failed: ${String(err)}`);
          }
        }
        if (sentAt === undefined) continue;
        if (!entry) continue;
        const seen = await Promise.race([entry, sleep(WAIT_MS).then(() => undefined)]);
        if (seen) entries.push({ sentAt, seenAt: seen.seenAt });
        else missing++;
      }
    }),
  );
  const lastEntry = Math.max(0, ...entries.map((e) => e.seenAt));
  if (tail) await settle(w);
  const wallMs = Math.max(performance.now() - t0, 1);
  const after = await cpuNow(app, pgPid, bench);
  if (sampler) clearInterval(sampler);
  const d = {
    app: after.app - before.app,
    // A backend of ours that reconnected would be counted: never below 0.
    postgres: Math.max(0, after.postgres - before.postgres),
    loadGenerator: after.loadGenerator - before.loadGenerator,
    machine: after.machine - before.machine,
  };
  const ops = tail ? entries.length : acks.length;
  const per = (ms: number) => (ops ? round(ms / ops, 3) : 0);
  const ackSummary = summarize(acks);
  return {
    requests: acks.length,
    failures,
    ack: ackSummary,
    acksOver3s: acks.filter((a) => a > SLACK_DEADLINE_MS).length,
    redelivered,
    cutShort,
    ...(tail
      ? {
          recorded: {
            count: entries.length,
            missing,
            perS: entries.length
              ? Math.round((entries.length / Math.max(lastEntry - firstSent, 1)) * 1000)
              : 0,
            requestToEntry: summarize(entries.map((e) => e.seenAt - e.sentAt)),
          },
          rssPeakMiB: rssPeak,
        }
      : {}),
    cpuMs: {
      app: Math.round(d.app),
      postgres: Math.round(d.postgres),
      loadGenerator: Math.round(d.loadGenerator),
      machine: Math.round(d.machine),
      other: Math.round(Math.max(0, d.machine - d.app - d.postgres - d.loadGenerator)),
    },
    perOp: { app: per(d.app), postgres: per(d.postgres), loadGenerator: per(d.loadGenerator) },
    wallMs: Math.round(wallMs),
    loadAverage: round(loadAverage),
  };
}

/** Waits until the bot has shown every entry in Slack (the outbox is empty) and its inbox is empty. */
async function settle(w: BenchWorld): Promise<void> {
  await until(
    "outbox and inbox empty",
    async () => {
      const { rows } = await w.sql.query<{ busy: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM session WHERE announced_seq < last_seq) OR EXISTS (SELECT 1 FROM inbox_event) AS busy",
      );
      return rows[0]?.busy ? undefined : true;
    },
    WAIT_MS,
    20,
  ).catch((err: unknown) => note(String(err)));
}

// ---------------------------------------------------------------------------------------------------

interface Row {
  level: Level;
  length: Length;
  kind: Kind;
  bot: Phase;
  bare: Phase;
  /** Bot CPU per recorded entry / bare app's CPU per ack. */
  botOverBare: number | null;
}

function gitDescribe(): string {
  const git = (...a: string[]) => execFileSync("git", a, { cwd: REPO, encoding: "utf8" }).trim();
  try {
    const dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src", "package.json") !== "";
    return `${git("rev-parse", "--short", "HEAD")}${dirty ? " (with uncommitted changes to src/ or package.json)" : ""}`;
  } catch {
    return "unknown";
  }
}

async function main(): Promise<void> {
  const machine = {
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart: os.loadavg().map((v) => round(v)),
  };
  const commit = gitDescribe();
  note(
    `machine: ${machine.nproc} CPUs (${machine.cpu}), load average ${machine.loadAverageAtStart.join(" ")}; commit ${commit}`,
  );
  ensureBuild();
  const start = startCommand();
  note(`the bot runs as npm start does: node ${start.flags.join(" ")} ${start.script}`);

  const users = [
    ...RANKS.map((r) => ({ id: memberId(r), name: `member${r}`, locale: "en-US" })),
    { id: CHAIR, name: "chair", locale: "en-US" },
  ];
  const channels = Array.from({ length: CHANNELS }, (_, i) => ({
    id: channelId(i),
    name: `bench-team-${i + 1}`,
  }));
  const w = await startBenchWorld({ users, channels });
  guard.onCleanup("world", () => w.close(), 60_000);
  guard.onCleanup("child processes", stopAllChildren, 40_000);
  const pgPid = await postmasterPid(w.dir);

  const seedStart = performance.now();
  const fx = await seedFixture(w);
  const allSessions = [fx.warmup, ...Object.values(fx.measured)].flatMap((p) => [...p.speaking, ...p.voting]);
  note(`seeded ${allSessions.length} sessions in ${Math.round((performance.now() - seedStart) / 1000)} s`);

  const profileDir = PROFILE ? await mkdtemp(path.join(os.tmpdir(), "lastword-bench-prof-")) : undefined;
  if (profileDir) guard.onCleanup("profile folder", () => rm(profileDir, { recursive: true, force: true }));
  const [botPort, barePort] = [await freePort(), await freePort()];
  const bot = spawnBot(
    {
      SLACK_BOT_TOKEN: "xoxb-bench",
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: w.fake.apiUrl,
      DATABASE_URL: w.databaseUrl,
      LASTWORD_BALLOT_KEY: randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
    },
    botPort,
    profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
  );
  const bare = spawnBareBolt(SIGNING_SECRET, barePort);
  const readyMs = await waitReady(bot, 60_000);
  await waitForLine(bare, /^listening /, 30_000);
  await sleep(3_000);
  const idle = await rssMiB(bot.pid);
  note(
    `bot (pid ${bot.pid}) ready in ${Math.round(readyMs)} ms, RSS idle ${idle.rss} MiB; bare Bolt pid ${bare.pid}`,
  );
  const botUrl = `http://127.0.0.1:${botPort}/slack/events`;
  const bareUrl = `http://127.0.0.1:${barePort}/slack/events`;

  const tail = new LedgerTail(w.sql, WORKSPACE);
  guard.onCleanup("ledger tail", () => tail.stop().catch(() => undefined));
  await tail.sync(allSessions.map((s) => s.id));
  tail.start();
  const botCtx = { world: w, pgPid, tail };
  const bareCtx = { world: w, pgPid };

  // Warm-up, not counted: JIT, connection pools, the fake's schema checks, the bot's caches.
  const warm = [
    ...replyLanes(w, fx.warmup.speaking, 10),
    ...voteLanes(w, fx.warmup.voting, fx.warmup.voting.length, VOTES_PER_SESSION),
  ];
  await runPhase(botUrl, bot, warm, botCtx);
  await runPhase(bareUrl, bare, warm, bareCtx);
  note("warmed up");

  const rows: Row[] = [];
  for (const level of LEVELS)
    for (const length of LENGTHS)
      for (const kind of KINDS) {
        if (stopping()) throw new Error("stopped");
        const pool = fx.measured[`${level}-${length}`];
        const lanes =
          kind === "reply"
            ? replyLanes(w, pool.speaking, perLane(level))
            : voteLanes(w, pool.voting, level, perLane(level));
        const b = await runPhase(botUrl, bot, lanes, botCtx);
        // The same bodies at the same concurrency; to Bolt a vote is a vote (it records nothing).
        const r = await runPhase(bareUrl, bare, lanes, bareCtx);
        const row: Row = {
          level,
          length,
          kind,
          bot: b,
          bare: r,
          botOverBare: r.perOp.app ? round(b.perOp.app / r.perOp.app, 1) : null,
        };
        rows.push(row);
        note(
          `${kind} × ${level} ${length}: ${b.requests} requests, ${b.recorded?.count} recorded (${b.recorded?.perS}/s), ack p50/p99/max ${b.ack.p50}/${b.ack.p99}/${b.ack.max} ms, ` +
            `CPU/op bot ${b.perOp.app} pg ${b.perOp.postgres} load ${b.perOp.loadGenerator} ms; bare ${r.perOp.app} ms/ack (×${row.botOverBare}); load avg ${b.loadAverage}` +
            (b.cutShort ? `; ${b.cutShort} lanes cut short by the ${PHASE_SEND_MS / 1000} s limit` : ""),
        );
      }
  await tail.stop();
  const end = await rssMiB(bot.pid);
  const warnings = bot.lines.map((l) => l.line).filter((l) => /"level":"(warn|error)"/.test(l));
  await stopChild(bot);
  await stopChild(bare);

  let profile: Array<{ owner: string; share: number }> | undefined;
  if (profileDir) {
    const file = (await readdir(profileDir)).find((f) => f.endsWith(".cpuprofile"));
    if (file)
      profile = attribute(JSON.parse(await readFile(path.join(profileDir, file), "utf8")) as CpuProfile);
    else note("no CPU profile was written");
  }

  // ---- the table
  const ms = (v: number | null | undefined) =>
    v === null || v === undefined ? "-" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  const body = rows.map((r) => [
    `${r.kind === "reply" ? "thread reply" : "vote"}, ${r.level} × ${r.length}`,
    String(r.bot.recorded?.count ?? 0) +
      (r.bot.recorded?.missing ? ` (${r.bot.recorded.missing} MISSING)` : ""),
    `${ms(r.bot.ack.p50)} / ${ms(r.bot.ack.p99)} / ${ms(r.bot.ack.max)}`,
    `${r.bot.acksOver3s} / ${r.bot.failures.count} / ${r.bot.redelivered}`,
    String(r.bot.recorded?.perS ?? "-"),
    ms(r.bot.perOp.app),
    ms(r.bot.perOp.postgres),
    ms(r.bot.perOp.loadGenerator),
    ms(r.bare.perOp.app),
    r.botOverBare === null ? "-" : `${r.botOverBare}×`,
    `${ms(r.bare.ack.p50)} / ${ms(r.bare.ack.p99)}`,
    String(r.bot.loadAverage),
  ]);
  const peak500 = Math.max(0, ...rows.filter((r) => r.level === 500).map((r) => r.bot.rssPeakMiB ?? 0));
  const find = (level: Level, length: Length, kind: Kind) =>
    rows.find((r) => r.level === level && r.length === length && r.kind === kind);
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  const checks: string[] = [];
  for (const r of rows) {
    const limit = r.kind === "reply" ? TARGETS.replyCpuMs : TARGETS.voteCpuMs;
    if (r.bot.perOp.app > limit || (r.kind === "reply" && (r.botOverBare ?? 0) > TARGETS.botOverBare))
      checks.push(
        `${r.kind} ${r.level}×${r.length}: bot CPU ${ms(r.bot.perOp.app)} ms (≤ ${limit}${r.kind === "reply" ? `, ≤ ${TARGETS.botOverBare}× bare` : ""}): MISSED`,
      );
  }
  const replies50 = find(50, "short", "reply")?.bot;
  const target = [
    `bot CPU per reply ≤ ${TARGETS.replyCpuMs} ms and ≤ ${TARGETS.botOverBare}× bare, per vote ≤ ${TARGETS.voteCpuMs} ms: ${checks.length ? checks.join("; ") : "met in every phase"}`,
    `replies recorded at 50 sessions ≥ ${TARGETS.repliesPerSAt50}/s: ${replies50?.recorded?.perS ?? "-"}/s, ${verdict((replies50?.recorded?.perS ?? 0) >= TARGETS.repliesPerSAt50)}`,
    `ack p99 at 50 sessions ≤ ${TARGETS.ackP99At50Ms} ms: ${rows
      .filter((r) => r.level === 50)
      .map((r) => `${r.kind} ${r.length} ${ms(r.bot.ack.p99)}`)
      .join(
        ", ",
      )}; ${verdict(rows.filter((r) => r.level === 50).every((r) => (r.bot.ack.p99 ?? Infinity) <= TARGETS.ackP99At50Ms))}`,
    `no ack past 3 s at 500 sessions: ${rows
      .filter((r) => r.level === 500)
      .reduce(
        (n, r) => n + r.bot.acksOver3s,
        0,
      )} past 3 s, ${verdict(rows.filter((r) => r.level === 500).every((r) => r.bot.acksOver3s === 0))}`,
    ...KINDS.flatMap((kind) =>
      LEVELS.map((level) => {
        const s = find(level, "short", kind)?.bot.perOp.app;
        const l = find(level, "long", kind)?.bot.perOp.app;
        if (!s || !l) return `${kind} cost, short vs long at ${level}: -`;
        return `${kind} CPU at ${level}, ${LONG_ENTRIES}-entry vs short sessions: ${ms(l)} vs ${ms(s)} ms (${round((l / s - 1) * 100, 0)} %), flat within ${TARGETS.flatWithin * 100} %: ${verdict(l / s - 1 <= TARGETS.flatWithin)}`;
      }),
    ),
    `RSS ≤ ${TARGETS.rssMB} MB idle and with 500 sessions: idle ${idle.rss} MiB, peak under 500 sessions ${peak500} MiB (VmHWM ${end.peak} MiB): ${verdict(Math.max(idle.rss, peak500) * 1.048576 <= TARGETS.rssMB)}`,
  ];
  const out = [
    "",
    `Lastword benchmark${QUICK ? " (--quick)" : ""}: commit ${commit}; ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}; load average ${machine.loadAverageAtStart.join(" ")} at the start.`,
    `Bot: node ${start.flags.join(" ")} ${start.script} (as npm start), DATABASE_URL on an embedded Postgres; bare Bolt: node ${start.flags.join(" ")} bench/lib/bare-bolt.mjs.`,
    `CPU columns are milliseconds of CPU per recorded ledger entry (bot, Postgres, load generator incl. fake Slack) and per ack (bare Bolt), same requests and concurrency, same run.`,
    "",
    table(
      [
        "phase (sessions × length)",
        "recorded",
        "ack p50/p99/max ms",
        ">3 s / non-200 / again",
        "recorded/s",
        "bot CPU",
        "pg CPU",
        "load gen",
        "bare CPU",
        "bot/bare",
        "bare ack p50/p99",
        "load avg",
      ],
      body,
    ),
    "",
    `RSS of the bot: ${idle.rss} MiB idle after start, ${peak500} MiB at most under 500 sessions, ${end.rss} MiB at the end (VmHWM ${end.peak} MiB). Start to /readyz: ${Math.round(readyMs)} ms.`,
    ...target.map((t) => `target: ${t}`),
    `failures: bot ${rows.reduce((n, r) => n + r.bot.failures.count, 0)}, bare ${rows.reduce((n, r) => n + r.bare.failures.count, 0)}; bot warnings/errors logged: ${warnings.length}${warnings.length ? ` (first: ${warnings[0]!.slice(0, 200)})` : ""}`,
    ...(profile
      ? [`CPU profile of the bot, by owner: ${profile.map((p) => `${p.owner} ${p.share}%`).join(", ")}`]
      : []),
    "",
  ];
  process.stdout.write(out.join("\n"));
  const report = {
    when: new Date().toISOString(),
    commit,
    quick: QUICK,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((v) => round(v)) },
    command: { bot: [...start.flags, start.script], bare: [...start.flags, "bench/lib/bare-bolt.mjs"] },
    setup: {
      requestsPerPhase: REQUESTS,
      longSessionEntries: LONG_ENTRIES,
      channels: CHANNELS,
      loadModel:
        "closed loop per session: the bot's lanes send the next request once the last one's ledger entry is seen; the bare app's once acked; same bodies, same number of lanes",
      cpu: "from /proc/<pid>/stat before and after each phase; a bot phase ends when its outbox and inbox are empty; Postgres = postmaster + children + reaped children, minus the benchmark's own backends",
    },
    targets: TARGETS,
    verdicts: target,
    memory: {
      idleMiB: idle.rss,
      peakUnder500MiB: peak500,
      endMiB: end.rss,
      vmHwmMiB: end.peak,
      readyMs: Math.round(readyMs),
    },
    rows,
    profile: profile ?? null,
    checks: {
      botLogWarningsOrErrors: warnings.length,
      logSamples: warnings.slice(0, 5),
    },
  };
  process.stdout.write(`written to ${await writeResults(OUT, report)}\n`);
}

await guard.finish(main);
