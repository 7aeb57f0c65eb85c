/**
 * Lastword's benchmark suite, one table:
 *
 *   npm run bench            (tsx bench/run.ts)
 *
 * 1. Ack latency and throughput of a slash command (`/lastword roster`, the roster view), a thread
 *    reply in a running session and a named-vote button (vote_choice_approve on an open vote) at
 *    1, 50 and 500 concurrent sessions. Each session has one request in the bot at a time: it
 *    sends the next one once the last one's effect is seen (its ledger entry, or the slash
 *    command's answer on its response_url). Level 1 walks over several sessions one after the
 *    other. Throughput is requests done per second.
 * 2. How fast replies and votes end up in the ledger, and the time from request to ledger entry
 *    (bench/lib/ledger-tail.ts).
 * 3. The same requests against a bare Bolt app that only acks, in the same run: replayed at the
 *    moments Lastword got them (so both are compared under the same arrivals), then as fast as
 *    it acks them (its capacity). Ratios are Lastword / bare at p50 and p99.
 * 4. Resident memory of the bot after 1,000 finished sessions and with 500 running.
 * 5. Start-up time to /readyz on an existing and on a new embedded database.
 *
 * The bot is measured as it runs in production (`npm start`: node with the start script's heap
 * flags, `--import tsx src/main.ts`), in a child
 * process (bench/lib/child.ts); so is the bare app (bench/lib/bare-bolt-main.ts). This process
 * holds the load generator, the fake Slack Web API and the embedded Postgres
 * (bench/lib/world.ts; the world's own in-process bot is stopped, or measured instead with
 * BENCH_INPROCESS=1, where the client reads an ack only after the bot's synchronous work that
 * follows ack() has yielded). Setup writes teams and sessions straight into the database
 * (bench/lib/seed.ts: ledgers from the real decider; one meeting is also driven through Slack
 * and its ledger compared); every measured request goes through Bolt's HTTP receiver, signed.
 *
 * Prints the table and writes the figures to bench/results/bench.json. Bounded by a time budget
 * (BUDGET below) and a hard limit (BENCH_HARD_LIMIT_S, 345 s); every process and temp folder is
 * cleaned up, also on error or Ctrl-C.
 *
 * Knobs: BENCH_CHANNELS (100), BENCH_SCALE (1: multiplies requests per lane), BENCH_LEVELS and
 * BENCH_KINDS (comma lists, a subset), BENCH_SKIP (ack, memory, startup), BENCH_INPROCESS=1,
 * BENCH_PROFILE=1 (CPU profile of the bot: bench/results/bench-bot.cpuprofile, with a breakdown by
 * owner), BENCH_MEMPROBE=1 (the memory child also reports its JS heap after a forced GC).
 */
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Session as InspectorSession } from "node:inspector/promises";
import pg from "pg";
import { fold, type SessionEvent } from "../src/domain/session/index.ts";
import { MOTION_QUESTION_ID } from "../src/domain/session/types.ts";
import { translator } from "../src/i18n/translate.ts";
import { sessionHeader } from "../src/slack/blocks/session-header.ts";
import { voteMessage } from "../src/slack/blocks/vote-message.ts";
import { freePort } from "../src/store/embedded-postgres.ts";
import { startBareBolt } from "./lib/bare-bolt.ts";
import {
  probeMemory,
  rssByMapping,
  rssMiB,
  spawnBot,
  START_FLAGS,
  spawnNode,
  stopAllBots,
  stopBot,
  tail,
  waitForLine,
  waitReady,
  type BotChild,
} from "./lib/child.ts";
import { LedgerTail, statementKey, voteKey } from "./lib/ledger-tail.ts";
import { sleep, until } from "./lib/pool.ts";
import { attribute, type CpuProfile } from "./lib/profile.ts";
import { machineBusyMs, postgresCpuMs, postmasterPid } from "./lib/proc.ts";
import { buttonBody, threadReplyBody, timedPost, type Timed } from "./lib/requests.ts";
import { startRunGuard, writeResults } from "./lib/run-guard.ts";
import {
  CHAIR,
  channelId,
  meetingEvents,
  memberId,
  PROPOSER,
  RANKS,
  seedSessions,
  seedTeams,
  type SeededSession,
  type Stage,
} from "./lib/seed.ts";
import { summarize, table, type Summary } from "./lib/stats.ts";
import { SIGNING_SECRET, startBenchWorld, WORKSPACE, type BenchWorld } from "./lib/world.ts";

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const CHANNELS = int("BENCH_CHANNELS", 100);
const SCALE = int("BENCH_SCALE", 1);
const SKIP = new Set(
  (process.env.BENCH_SKIP ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
);
const HARD_LIMIT_MS = int("BENCH_HARD_LIMIT_S", 345) * 1000;
const WAIT_MS = 30_000;
/** A phase sends no new request after this long (bounds a phase on a slow or busy machine). */
const PHASE_SEND_MS = 40_000;
/**
 * Time budget, in seconds since the start: no new ack phase after `ackBy`, the memory part only if
 * it can start before `memoryBy`, the start-up part before `startupBy`. What is skipped is said.
 */
const BUDGET = { ackBy: 210, memoryBy: 250, startupBy: 320 };
const skipped: string[] = [];
const OUT = path.resolve(import.meta.dirname, "results/bench.json");

const ALL_LEVELS = [1, 50, 500] as const;
type Level = (typeof ALL_LEVELS)[number];
/** BENCH_LEVELS / BENCH_KINDS (comma lists) run a subset, for a quick look; the default is all. */
const LEVELS = ALL_LEVELS.filter(
  (l) => !process.env.BENCH_LEVELS || process.env.BENCH_LEVELS.split(",").includes(String(l)),
);
/** Requests per lane (one lane = one session's closed loop); level 1 is one lane over several sessions. */
const PLAN: Record<Level, { lanes: number; perLane: number; votesPerLane: number }> = {
  1: { lanes: 1, perLane: 100 * SCALE, votesPerLane: 60 },
  50: { lanes: 50, perLane: 6 * SCALE, votesPerLane: 6 },
  500: { lanes: 500, perLane: 3 * SCALE, votesPerLane: 3 },
};
/** Level 1 walks over this many sessions, one after the other (a session's ledger grows with each reply). */
const LEVEL1_REPLY_SESSIONS = 20;
const ALL_KINDS = ["command", "reply", "vote"] as const;
type Kind = (typeof ALL_KINDS)[number];
const KINDS = ALL_KINDS.filter(
  (k) => !process.env.BENCH_KINDS || process.env.BENCH_KINDS.split(",").includes(k),
);
const KIND_LABEL: Record<Kind, string> = {
  command: "/lastword roster",
  reply: "thread reply",
  vote: "vote_choice_approve",
};
const TARGETS = { ackP99At50Ms: 100, overheadP50: 3, repliesRecordedPerS: 500, memoryMiB: 200 };

// Every process and temp folder is stopped or removed once, in order, also on error, Ctrl-C or at
// the hard limit. Steps run last registered first; the temp folders go last, after the bots and
// Postgres servers that use them.
const guard = startRunGuard({ hardLimitMs: HARD_LIMIT_MS });
const { note, started, stopping } = guard;
let world: BenchWorld | undefined;
let ledgerTail: LedgerTail | undefined;
const tempDirs: string[] = [];
guard.onCleanup("temp folders", async () => {
  for (const dir of tempDirs) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
});

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)),
  );
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------------
// What is measured

/**
 * The bot under test and the bare app. By default each runs as its own process (`node --import
 * tsx src/main.ts`, and bench/lib/bare-bolt-main.ts), as in production, with the load generator and
 * the fake Slack here: an ack is then measured the way Slack would see it. In one process (the
 * world's bot, BENCH_INPROCESS=1) the client reads an ack only once the bot's synchronous work
 * after ack() yields, which adds that work to Lastword's figures and not to the bare app's.
 */
interface Target {
  mode: "child" | "in-process";
  eventsUrl: string;
  bareUrl: string;
  /** The bot's database. */
  sql: pg.Pool;
  /** The bot's and the bare app's processes (child mode), for their CPU time. */
  botPid?: number;
  barePid?: number;
  /** The bot's warn and error log lines so far. */
  warnings: () => string[];
}

// ---------------------------------------------------------------------------------------------------
// Requests

/** One request to send: its body, and (Lastword only) the ledger entry it should produce. */
interface Req {
  body: string;
  contentType: string;
  ledger?: { sessionId: string; key: string };
  /** A slash command's response_url id: its answer lands in the fake. */
  responseUrlId?: string;
}
/** A lane is one session's closed loop: the next request is built and sent when the previous ack is back. */
type Lane = Array<() => Req>;

const JSON_TYPE = "application/json";
const FORM_TYPE = "application/x-www-form-urlencoded";

function commandReq(w: BenchWorld, channel: string, userId: string): Req {
  const { body, responseUrlId } = w.driver.commandBody({
    command: "/lastword",
    text: "roster",
    userId,
    channelId: channel,
  });
  return { body, contentType: FORM_TYPE, responseUrlId };
}

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

interface RunResult {
  acks: number[];
  /** The first few answers other than 200 (or failed fetches), and how many there were. */
  non200: string[];
  non200Count: number;
  /** Lanes stopped early by the phase's time limit. */
  cutShort: number;
  requests: number;
  firstSentAt: number;
  lastAckAt: number;
  /** Lastword: each request's effect (ledger entry, or the slash command's answer) once seen. */
  done: Array<{ sentAt: number; doneAt: number; at: Date }>;
  /** Requests whose effect was not seen within WAIT_MS. */
  missing: number;
  /** When each lane sent each request, ms after the run began: replayed against the bare app. */
  schedule: number[][];
  /** CPU used meanwhile by everything on the machine but this process, the bot and its Postgres, in cores. */
  otherCores: number;
  /** The bot's process (child mode; in-process it is part of nodeCores). */
  botCores: number;
  /** This process: load generator and fake Slack (and the bot, in-process). */
  nodeCores: number;
  postgresCores: number;
  eventLoopUtilization: number;
}

let pgPid: number | undefined;

/**
 * Runs the lanes at once. Without `gate` (the bare app) a lane sends its next request when the ack
 * is back. With it (Lastword) a lane waits until the request's effect is visible: its ledger entry
 * (`gate.tail`), or the slash command's answer on its response_url (`gate.world`'s fake Slack).
 * So a session never has more than one request in the bot, and its next one goes out as soon as
 * the last one is done, which is how fast a session can go without building a backlog.
 */
async function runLanes(
  url: string,
  lanes: Lane[],
  options: {
    gate?: { tail: LedgerTail; world: BenchWorld };
    /** The process answering (child mode), for its CPU time. */
    pid?: number;
    /** Send each request at these times (ms after the start, per lane), as an earlier run did. */
    replay?: number[][];
    /** No request is sent after this many ms (what was sent is still waited for). */
    sendForMs?: number;
  } = {},
): Promise<RunResult> {
  const { gate, pid: botPid, replay, sendForMs = PHASE_SEND_MS } = options;
  const acks: number[] = [];
  const non200: string[] = [];
  let non200Count = 0;
  let cutShort = 0;
  const done: RunResult["done"] = [];
  let missing = 0;
  let firstSentAt = Infinity;
  let lastAckAt = 0;
  const schedule: number[][] = lanes.map(() => []);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const pg0 = await postgresCpuMs(pgPid);
  const bot0 = await postgresCpuMs(botPid); // any process and its children
  const machine0 = await machineBusyMs();
  const t0 = performance.now();
  await Promise.all(
    lanes.map(async (lane, laneIndex) => {
      for (const [k, next] of lane.entries()) {
        if (stopping()) return;
        if (performance.now() - t0 > sendForMs) {
          cutShort++;
          return;
        }
        // Replaying: send when the original run sent it (or as soon as this lane's previous ack is back).
        const due = replay?.[laneIndex]?.[k];
        if (due !== undefined) await sleep(Math.max(0, t0 + due - performance.now()));
        const req = next();
        let effect: Promise<{ doneAt: number; at: Date }> | undefined;
        if (gate && req.ledger)
          effect = gate.tail
            .expect(req.ledger.sessionId, req.ledger.key)
            .then((l) => ({ doneAt: l.seenAt, at: l.at }));
        else if (gate && req.responseUrlId) {
          const id = req.responseUrlId;
          effect = gate.world.fake
            .waitForResponse((r) => r.id === id, WAIT_MS)
            .then((r) => ({ doneAt: performance.now(), at: r.at }));
        }
        effect?.catch(() => undefined);
        let ack: Timed;
        try {
          ack = await timedPost(url, SIGNING_SECRET, req.body, req.contentType);
        } catch (err) {
          non200Count++;
          if (non200.length < 10) non200.push(`fetch failed: ${String(err)}`);
          continue;
        }
        schedule[laneIndex]!.push(ack.sentAt - t0);
        firstSentAt = Math.min(firstSentAt, ack.sentAt);
        lastAckAt = Math.max(lastAckAt, ack.sentAt + ack.ms);
        acks.push(ack.ms);
        if (ack.status !== 200) {
          non200Count++;
          if (non200.length < 10) non200.push(`HTTP ${ack.status} ${ack.text.slice(0, 80)}`);
        }
        if (effect) {
          const seen = await within(effect, WAIT_MS, "effect").catch(() => undefined);
          if (seen) done.push({ sentAt: ack.sentAt, ...seen });
          else missing++;
        }
      }
    }),
  );
  const wallMs = Math.max(performance.now() - t0, 1);
  const cpu = process.cpuUsage(cpu0);
  const pgMs = (await postgresCpuMs(pgPid)) - pg0;
  const botMs = (await postgresCpuMs(botPid)) - bot0;
  const machineMs = (await machineBusyMs()) - machine0;
  const nodeMs = (cpu.user + cpu.system) / 1000;
  const two = (v: number) => Math.round(v * 100) / 100;
  return {
    acks,
    non200,
    non200Count,
    cutShort,
    requests: acks.length,
    otherCores: two(Math.max(0, machineMs - nodeMs - pgMs - botMs) / wallMs),
    botCores: two(botMs / wallMs),
    firstSentAt,
    lastAckAt,
    done,
    missing,
    schedule,
    nodeCores: two((cpu.user + cpu.system) / 1000 / wallMs),
    // A backend that exits during the run takes its CPU time with it: never below 0, may be low.
    postgresCores: two(Math.max(0, pgMs) / wallMs),
    eventLoopUtilization: two(performance.eventLoopUtilization(elu0).utilization),
  };
}

// ---------------------------------------------------------------------------------------------------
// Part 1-3: ack latency, ledger throughput, bare Bolt

interface AckRow {
  kind: Kind;
  level: Level;
  requests: number;
  lastword: {
    p50: number | null;
    p99: number | null;
    max: number | null;
    perS: number | null;
    botCores: number;
    benchProcessCores: number;
    postgresCores: number;
    otherCores: number;
  };
  /** At Lastword's arrival times (replayed); and as fast as it acks, one request in flight per session (capacity). */
  bare: {
    p50: number | null;
    p99: number | null;
    max: number | null;
    capacityPerS: number | null;
    capacityP50: number | null;
    capacityP99: number | null;
  };
  ratio: { p50: number | null; p99: number | null };
  /** What each request led to: a ledger entry (replies, votes) or the slash command's answer. */
  effect: {
    what: "ledger entry" | "answer on response_url";
    seen: number;
    missing: number;
    /** Effects per second: the recorded throughput for replies and votes. */
    perS: number | null;
    /** Request → effect visible (a ledger entry: visible to another connection, at most one poll late). */
    ms: Summary;
    /** Ledger entries: request → the entry's own `at` (the bot's clock when it decided, before the insert). */
    decidedMs?: Summary;
  };
  non200: string[];
  non200Count: { lastword: number; bare: number };
}

interface Fixture {
  speaking: SeededSession[];
  voting: Record<"warmup" | Level, SeededSession[]>;
}

async function seedFixture(w: BenchWorld, sql: pg.Pool): Promise<Fixture> {
  const channels = Array.from({ length: CHANNELS }, (_, i) => channelId(i));
  await seedTeams(sql, WORKSPACE, channels);
  const voteCounts = {
    warmup: 2,
    1: Math.ceil(PLAN[1].votesPerLane / 6),
    50: PLAN[50].lanes,
    500: PLAN[500].lanes,
  };
  const speakingCount = PLAN[500].lanes;
  const numbers = new Map<string, number>();
  const t0 = Date.now() - 60_000;
  const spec = (i: number, stage: Stage) => {
    const channel = channels[i % channels.length]!;
    const number = (numbers.get(channel) ?? 0) + 1;
    numbers.set(channel, number);
    return {
      channelId: channel,
      number,
      threadTs: w.fake.nextTs(),
      voteTs: w.fake.nextTs(),
      stage,
      t0: t0 + i,
    };
  };
  let i = 0;
  const speaking = await seedSessions(
    sql,
    WORKSPACE,
    Array.from({ length: speakingCount }, () => spec(i++, { kind: "speaking" })),
  );
  const votingAll = await seedSessions(
    sql,
    WORKSPACE,
    Array.from({ length: voteCounts.warmup + voteCounts[1] + voteCounts[50] + voteCounts[500] }, () =>
      spec(i++, { kind: "voting", votes: 0 }),
    ),
  );
  // The fake must know the bot's header and vote messages, so that chat.update finds them and a
  // button payload carries the vote message's real blocks.
  const tr = translator("en");
  for (const s of [...speaking, ...votingAll]) {
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
        ...voteMessage(s.state, s.id, tr, undefined),
      });
  }
  let at = 0;
  const take = (n: number) => {
    const slice = votingAll.slice(at, at + n);
    at += n;
    return slice;
  };
  return {
    speaking,
    voting: {
      warmup: take(voteCounts.warmup),
      1: take(voteCounts[1]),
      50: take(voteCounts[50]),
      500: take(voteCounts[500]),
    },
  };
}

/** Lanes for one kind at one level. Votes consume voters: build them once, send them to one app only. */
function lanesFor(w: BenchWorld, fx: Fixture, kind: Kind, level: Level | "warmup"): Lane[] {
  const plan = level === "warmup" ? { lanes: 1, perLane: 10, votesPerLane: 12 } : PLAN[level];
  if (kind === "command") {
    return Array.from({ length: plan.lanes }, (_, lane) =>
      Array.from(
        { length: plan.perLane },
        (_, k) => () =>
          commandReq(w, channelId((lane + k) % CHANNELS), memberId(RANKS[(lane + k) % RANKS.length]!)),
      ),
    );
  }
  if (kind === "reply") {
    if (plan.lanes === 1) {
      const per = Math.ceil(plan.perLane / LEVEL1_REPLY_SESSIONS);
      return [
        Array.from(
          { length: plan.perLane },
          (_, k) => () =>
            replyReq(w, fx.speaking[Math.floor(k / per) % fx.speaking.length]!, `Level 1, part ${k + 1}.`),
        ),
      ];
    }
    return Array.from({ length: plan.lanes }, (_, lane) =>
      Array.from(
        { length: plan.perLane },
        (_, k) => () =>
          replyReq(
            w,
            fx.speaking[lane % fx.speaking.length]!,
            `Statement part ${k + 1}, a sentence or two of it.`,
          ),
      ),
    );
  }
  // Votes: each session's voters from the lowest rank up, never all seven (the vote stays open).
  const sessions = fx.voting[level];
  if (plan.lanes === 1) {
    const votes = sessions
      .flatMap((s) => s.votersLeft.slice(0, 6).map((u) => ({ s, u })))
      .slice(0, plan.votesPerLane);
    return [
      votes.map(
        ({ s, u }) =>
          () =>
            voteReq(w, s, u),
      ),
    ];
  }
  return sessions
    .slice(0, plan.lanes)
    .map((s) => s.votersLeft.slice(0, plan.votesPerLane).map((u) => () => voteReq(w, s, u)));
}

/** Waits until what the last phase started is finished: everything shown in Slack (the outbox empty), the inbox empty. */
async function settle(sql: pg.Pool): Promise<void> {
  await until(
    "outbox and inbox empty",
    async () => {
      const { rows } = await sql.query<{ busy: boolean }>(
        "SELECT EXISTS (SELECT 1 FROM session WHERE announced_seq < last_seq) OR EXISTS (SELECT 1 FROM inbox_event) AS busy",
      );
      return rows[0]?.busy ? undefined : true;
    },
    WAIT_MS,
    50,
  ).catch((err: unknown) => note(String(err)));
  if (ledgerTail?.pending) note(`${ledgerTail.forget()} expected ledger entries never seen`);
  await sleep(200);
}

async function ackPart(
  w: BenchWorld,
  fx: Fixture,
  t: Target,
): Promise<{ rows: AckRow[]; profile?: { file: string; shares: Array<{ owner: string; share: number }> } }> {
  const rows: AckRow[] = [];
  const tail = new LedgerTail(t.sql, WORKSPACE);
  ledgerTail = tail;
  guard.onCleanup("ledger tail", () => tail.stop().catch(() => undefined));
  await tail.sync([...fx.speaking, ...Object.values(fx.voting).flat()].map((s) => s.id));
  tail.start();
  const gate = { tail, world: w };

  // Warm-up, uncounted: JIT, connection pools, the fake's schema checks, the bot's user cache.
  for (const kind of KINDS) {
    await runLanes(t.bareUrl, lanesFor(w, fx, kind, "warmup"), { pid: t.barePid });
    await runLanes(t.eventsUrl, lanesFor(w, fx, kind, "warmup"), { gate, pid: t.botPid });
    await settle(t.sql);
  }
  note("warmed up");

  let inspector: InspectorSession | undefined;
  if (process.env.BENCH_PROFILE === "1" && t.mode === "in-process") {
    inspector = new InspectorSession();
    inspector.connect();
    await inspector.post("Profiler.enable");
    await inspector.post("Profiler.start");
  }

  for (const level of LEVELS) {
    for (const kind of KINDS) {
      if (stopping()) throw new Error("stopped");
      if (performance.now() - started > BUDGET.ackBy * 1000) {
        skipped.push(`${KIND_LABEL[kind]} at ${level} sessions (time budget)`);
        note(`time budget: skipping ${KIND_LABEL[kind]} at ${level}`);
        continue;
      }
      // Lastword first; then the bare app gets the same requests at the same moments (replayed, so
      // that both are compared under the same arrivals), and then as fast as it acks them (its
      // capacity). To Bolt a vote is a vote: the bare app records nothing.
      const lanes = lanesFor(w, fx, kind, level);
      const l = await runLanes(t.eventsUrl, lanes, { gate, pid: t.botPid });
      if (l.cutShort)
        note(
          `${KIND_LABEL[kind]} at ${level}: ${l.cutShort} sessions stopped early by the ${PHASE_SEND_MS / 1000} s phase limit`,
        );
      await settle(t.sql);
      const b = await runLanes(t.bareUrl, lanes, { pid: t.barePid, replay: l.schedule });
      const cap = await runLanes(t.bareUrl, lanes, { pid: t.barePid });
      const bs = summarize(b.acks);
      const ls = summarize(l.acks);
      const ratio = (a: number | null, c: number | null) =>
        a !== null && c ? Math.round((a / c) * 10) / 10 : null;
      const lastDone = l.done.length ? Math.max(...l.done.map((d) => d.doneAt)) : 0;
      const donePerS = l.done.length
        ? Math.round((l.done.length / Math.max(lastDone - l.firstSentAt, 1)) * 1000)
        : null;
      const row: AckRow = {
        kind,
        level,
        requests: l.requests,
        lastword: {
          p50: ls.p50,
          p99: ls.p99,
          max: ls.max,
          perS: donePerS,
          botCores: l.botCores,
          benchProcessCores: l.nodeCores,
          postgresCores: l.postgresCores,
          otherCores: l.otherCores,
        },
        bare: {
          p50: bs.p50,
          p99: bs.p99,
          max: bs.max,
          capacityPerS: cap.requests
            ? Math.round((cap.requests / Math.max(cap.lastAckAt - cap.firstSentAt, 1)) * 1000)
            : null,
          capacityP50: summarize(cap.acks).p50,
          capacityP99: summarize(cap.acks).p99,
        },
        ratio: { p50: ratio(ls.p50, bs.p50), p99: ratio(ls.p99, bs.p99) },
        effect: {
          what: kind === "command" ? "answer on response_url" : "ledger entry",
          seen: l.done.length,
          missing: l.missing,
          perS: donePerS,
          ms: summarize(l.done.map((d) => d.doneAt - d.sentAt)),
          ...(kind === "command"
            ? {}
            : {
                decidedMs: summarize(l.done.map((d) => d.at.getTime() - (performance.timeOrigin + d.sentAt))),
              }),
        },
        non200: [...l.non200, ...[...b.non200, ...cap.non200].map((x) => `bare: ${x}`)],
        non200Count: { lastword: l.non200Count, bare: b.non200Count + cap.non200Count },
      };
      if (l.missing)
        note(`${kind} at ${level}: ${l.missing} acked but their effect not seen within ${WAIT_MS / 1000} s`);
      rows.push(row);
      note(
        `${KIND_LABEL[kind]} × ${level}: ${l.requests} requests, ack p50 ${ls.p50} p99 ${ls.p99} ms, ${donePerS}/s done (bare p50 ${bs.p50} p99 ${bs.p99} ms at the same arrivals; capacity ${row.bare.capacityPerS}/s); ` +
          `→ ${row.effect.what} p50 ${row.effect.ms.p50} p99 ${row.effect.ms.p99} ms; cores: bot ${l.botCores}, bench ${l.nodeCores}, pg ${l.postgresCores}, other ${l.otherCores}`,
      );
    }
  }
  let profile: { file: string; shares: ReturnType<typeof attribute> } | undefined;
  if (inspector) {
    const { profile: p } = await inspector.post("Profiler.stop");
    const file = path.resolve(import.meta.dirname, "results/bench-inprocess.cpuprofile");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(p));
    inspector.disconnect();
    profile = { file, shares: attribute(p as unknown as CpuProfile) };
  }
  await tail.stop();
  return { rows, ...(profile ? { profile } : {}) };
}

/** Drives one meeting through Slack (/decide, passes, a concluding statement, Done) and compares its ledger with a seeded one. */
async function seedCheck(w: BenchWorld, t: Target): Promise<{ ok: boolean; detail: string }> {
  const channel = channelId(0);
  const decide = w.driver.commandBody({
    command: "/decide",
    text: `decision <@${PROPOSER}|member4> Driven matter`,
    userId: CHAIR,
    channelId: channel,
  });
  await timedPost(t.eventsUrl, SIGNING_SECRET, decide.body, FORM_TYPE);
  await w.fake.waitForResponse((r) => r.id === decide.responseUrlId, WAIT_MS);
  const loadEvents = async (id: string) =>
    (
      await t.sql.query<{ payload: SessionEvent }>(
        "SELECT payload FROM ledger_entry WHERE workspace_id = $1 AND session_id = $2 ORDER BY seq",
        [WORKSPACE, id],
      )
    ).rows.map((r) => r.payload);
  const row = await until(
    "the driven session's header",
    async () =>
      (
        await t.sql.query<{ id: string; thread_ts: string | null }>(
          "SELECT id, thread_ts FROM session WHERE channel_id = $1 ORDER BY number DESC LIMIT 1",
          [channel],
        )
      ).rows.find((r) => r.thread_ts),
    WAIT_MS,
  );
  for (let step = 0; step < 20; step++) {
    const state = fold(await loadEvents(row.id));
    if (state.phase !== "speaking" || !state.current) break;
    const { userId, index, kind } = state.current;
    const press = (actionId: string) =>
      timedPost(
        t.eventsUrl,
        SIGNING_SECRET,
        buttonBody(w.fake, {
          teamId: WORKSPACE,
          actionId,
          value: `${row.id}|${index}`,
          userId,
          channelId: channel,
          messageTs: row.thread_ts!,
          threadTs: row.thread_ts!,
        }),
        FORM_TYPE,
      );
    // The proposer presents (their turn cannot be passed) and the principal concludes.
    if (kind !== "statement") {
      const ts = w.fake.nextTs();
      await timedPost(
        t.eventsUrl,
        SIGNING_SECRET,
        threadReplyBody(w.driver, {
          userId,
          channelId: channel,
          threadTs: row.thread_ts!,
          ts,
          text: kind === "proposal" ? "The proposal, in a few words." : "Concluding statement.",
        }),
        JSON_TYPE,
      );
      await until(
        `the statement of turn ${index}`,
        async () =>
          (await loadEvents(row.id)).some((e) => e.type === "statement" && e.turnIndex === index)
            ? true
            : undefined,
        WAIT_MS,
      );
      await press("turn_done");
    } else {
      await press("turn_pass");
    }
    await until(
      `turn ${index} over`,
      async () => (fold(await loadEvents(row.id)).current?.index !== index ? true : undefined),
      WAIT_MS,
    );
  }
  const driven = (await loadEvents(row.id)).map((e) => e.type);
  const seeded = meetingEvents({ kind: "voting", votes: 0 }, Date.now(), "x").events.map((e) => e.type);
  const ok = driven.join() === seeded.join();
  return {
    ok,
    detail: ok
      ? `${driven.length} entries, same types in the same order`
      : `driven: ${driven.join(",")} / seeded: ${seeded.join(",")}`,
  };
}

// ---------------------------------------------------------------------------------------------------
// Part 4: memory of the bot in a child process

interface MemoryResult {
  afterStartMiB: number;
  afterFinishedMiB: number;
  finishedSessions: number;
  finishedHow: string;
  runningPeakMiB: number;
  runningAfterMiB: number;
  runningSessions: number;
  peakMiB: number;
  closeVotesPerS: number | null;
  /** BENCH_MEMPROBE=1: process.memoryUsage() after a forced GC, in MiB. */
  probes?: Record<string, Record<string, number> | undefined>;
}

/** A fresh database on the world's Postgres for a child bot (which migrates it at start), and a pool of ours on it. */
async function createDatabase(w: BenchWorld, name: string): Promise<{ url: string; sql: pg.Pool }> {
  await w.sql.query(`CREATE DATABASE ${name}`);
  const url = new URL(w.postgres.url);
  url.pathname = `/${name}`;
  const sql = new pg.Pool({ connectionString: url.toString(), max: 2 });
  sql.on("error", (err) => process.stderr.write(`bench pool (${name}): ${String(err)}\n`));
  guard.onCleanup(`bench pool (${name})`, () => sql.end().catch(() => undefined));
  return { url: url.toString(), sql };
}

const botEnv = (w: BenchWorld, databaseUrl: string) => ({
  SLACK_BOT_TOKEN: "xoxb-bench-child",
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: w.fake.apiUrl,
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: "warn",
});

async function memoryPart(w: BenchWorld): Promise<MemoryResult> {
  const { url, sql } = await createDatabase(w, "bench_memory");
  const port = await freePort();
  const probing = process.env.BENCH_MEMPROBE === "1";
  const child = spawnBot(
    botEnv(w, url),
    port,
    undefined,
    probing ? ["--expose-gc", "--import", "./bench/lib/memprobe.mjs"] : [],
  );
  const probes: Record<string, Record<string, number> | undefined> = {};
  const probe = async (when: string) => {
    if (!probing) return;
    probes[when] = {
      ...(await probeMemory(child)),
      ...Object.fromEntries(Object.entries(await rssByMapping(child.pid)).map(([k, v]) => [`rss_${k}`, v])),
    };
    note(`memprobe ${when}: ${JSON.stringify(probes[when])}`);
  };
  try {
    await waitReady(child, 60_000);
    await sleep(1_000);
    const afterStart = await rssMiB(child.pid);
    note(`child bot ${child.pid} ready; RSS ${afterStart.rss} MiB`);
    await probe("after start");
    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const channels = Array.from({ length: CHANNELS }, (_, i) => channelId(i));
    await seedTeams(sql, WORKSPACE, channels);
    const tr = translator("en");
    const numbers = new Map<string, number>();
    const t0 = Date.now() - 60_000;
    const specs = (n: number, stage: Stage) =>
      Array.from({ length: n }, (_, i) => {
        const channel = channels[i % channels.length]!;
        const number = (numbers.get(channel) ?? 0) + 1;
        numbers.set(channel, number);
        return {
          channelId: channel,
          number,
          threadTs: w.fake.nextTs(),
          voteTs: w.fake.nextTs(),
          stage,
          t0: t0 + i,
        };
      });

    // 1,000 sessions seeded one vote short of the end; the principal's vote, sent to the child,
    // closes each one (outcome, minutes and header posted to the fake Slack).
    const FINISHED = 1_000;
    const toFinish = await seedSessions(sql, WORKSPACE, specs(FINISHED, { kind: "voting", votes: 6 }));
    for (const s of toFinish) {
      w.fake.addMessage({
        channel: s.channelId,
        ts: s.threadTs,
        ...sessionHeader(s.state, s.number, s.id, tr),
      });
      w.fake.addMessage({
        channel: s.channelId,
        ts: s.voteTs!,
        threadTs: s.threadTs,
        ...voteMessage(s.state, s.id, tr, undefined),
      });
    }
    const t1 = performance.now();
    const childTail = new LedgerTail(sql, WORKSPACE);
    await childTail.sync(toFinish.map((s) => s.id));
    childTail.start();
    let finished = 0;
    try {
      // 50 sessions at a time, each vote sent once the previous one is in the ledger.
      const closing = await runLanes(
        eventsUrl,
        Array.from({ length: 50 }, (_, lane) =>
          toFinish.filter((_, i) => i % 50 === lane).map((s) => () => voteReq(w, s, s.votersLeft[0]!)),
        ),
        { gate: { tail: childTail, world: w }, pid: child.pid, sendForMs: 75_000 },
      );
      if (closing.cutShort) note(`closing votes: stopped after 75 s, ${closing.requests} sent`);
      if (closing.non200.length || closing.missing)
        note(`closing votes: ${closing.missing} not recorded; ${closing.non200.slice(0, 3).join("; ")}`);
      finished = await until(
        "the closed sessions announced",
        async () => {
          const { rows } = await sql.query<{ closed: string; owed: string }>(
            "SELECT count(*) FILTER (WHERE phase = 'closed') AS closed, count(*) FILTER (WHERE announced_seq < last_seq) AS owed FROM session",
          );
          return Number(rows[0]!.closed) >= closing.done.length && Number(rows[0]!.owed) === 0
            ? Number(rows[0]!.closed)
            : undefined;
        },
        90_000,
        200,
      );
    } finally {
      childTail.forget();
      await childTail.stop();
    }
    const closeVotesPerS = Math.round((finished / (performance.now() - t1)) * 1000);
    await sleep(2_000);
    const afterFinished = await rssMiB(child.pid);
    note(
      `${finished} sessions finished (${closeVotesPerS}/s closed and announced); RSS ${afterFinished.rss} MiB`,
    );
    await probe("after 1,000 finished");

    // 500 running sessions, each with its speaker replying three times, all at once.
    const RUNNING = 500;
    const running = await seedSessions(sql, WORKSPACE, specs(RUNNING, { kind: "speaking" }));
    for (const s of running)
      w.fake.addMessage({
        channel: s.channelId,
        ts: s.threadTs,
        ...sessionHeader(s.state, s.number, s.id, tr),
      });
    let peak = 0;
    const runningTail = new LedgerTail(sql, WORKSPACE);
    await runningTail.sync(running.map((s) => s.id));
    runningTail.start();
    const sampler = setInterval(
      () =>
        void rssMiB(child.pid).then(
          (m) => (peak = Math.max(peak, m.rss)),
          () => undefined,
        ),
      50,
    );
    try {
      const replies = await runLanes(
        eventsUrl,
        running.map((s) =>
          Array.from({ length: 3 }, (_, k) => () => replyReq(w, s, `Running session, part ${k + 1}.`)),
        ),
        { gate: { tail: runningTail, world: w }, pid: child.pid },
      );
      if (replies.missing || replies.non200.length)
        note(
          `child: ${replies.missing} replies not recorded in time; ${replies.non200.slice(0, 3).join("; ")}`,
        );
      await until(
        "the running sessions' replies recorded",
        async () => {
          const { rows } = await sql.query<{ n: string }>(
            "SELECT count(*) AS n FROM ledger_entry WHERE type = 'statement'",
          );
          return Number(rows[0]!.n) >= FINISHED + replies.requests - replies.missing ? true : undefined;
        },
        60_000,
        200,
      );
    } finally {
      clearInterval(sampler);
      runningTail.forget();
      await runningTail.stop();
    }
    await sleep(1_000);
    const runningAfter = await rssMiB(child.pid);
    note(`500 running sessions; RSS peak ${peak} MiB under their replies, ${runningAfter.rss} MiB after`);
    await probe("after 500 running");
    return {
      afterStartMiB: afterStart.rss,
      afterFinishedMiB: afterFinished.rss,
      finishedSessions: finished,
      finishedHow:
        "seeded in the database one vote short; the last vote of each sent to the bot, which closed the vote and posted outcome, minutes and header",
      runningPeakMiB: Math.max(peak, runningAfter.rss),
      runningAfterMiB: runningAfter.rss,
      runningSessions: RUNNING,
      peakMiB: runningAfter.peak,
      closeVotesPerS,
      ...(probing ? { probes } : {}),
    };
  } catch (err) {
    throw new Error(`${String(err)}\n  child log: ${tail(child)}`);
  } finally {
    await stopBot(child);
  }
}

// ---------------------------------------------------------------------------------------------------
// Part 5: start-up

interface StartResult {
  database: "new" | "existing";
  readyMs: number;
  /** When each start-up step was logged, ms after spawn. */
  steps: Record<string, number>;
}

async function startupPart(w: BenchWorld): Promise<StartResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "lastword-bench-start-"));
  tempDirs.push(dir);
  await chmod(dir, 0o755); // as root, Postgres runs as `postgres`, which must reach the folder
  const results: StartResult[] = [];
  for (const database of ["new", "existing", "existing"] as const) {
    const port = await freePort();
    const child: BotChild = spawnBot(
      {
        SLACK_BOT_TOKEN: "xoxb-bench-start",
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: w.fake.apiUrl,
        LASTWORD_DATA_DIR: dir,
        LOG_LEVEL: "info",
      },
      port,
      dir,
    );
    try {
      const readyMs = await waitReady(child, 90_000, 10);
      const steps: Record<string, number> = {};
      for (const { at, line } of child.lines) {
        try {
          const msg = (JSON.parse(line) as { msg?: string }).msg;
          if (msg) steps[msg] = Math.round(at - child.spawnedAt);
        } catch {
          // not a log record
        }
      }
      results.push({ database, readyMs: Math.round(readyMs), steps });
      note(`start-up on a ${database} database: ready after ${Math.round(readyMs)} ms`);
    } finally {
      await stopBot(child);
    }
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const machine = {
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? null,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  note(`machine: ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}`);
  const users = [
    ...RANKS.map((r) => ({ id: memberId(r), name: `member${r}`, locale: "en-US" })),
    { id: CHAIR, name: "chair", locale: "en-US" },
  ];
  const channels = Array.from({ length: CHANNELS }, (_, i) => ({
    id: channelId(i),
    name: `bench-team-${i + 1}`,
  }));
  world = await startBenchWorld({ users, channels });
  const w = world;
  // Its close bounds each of its five steps at 15 s: give it all of them.
  guard.onCleanup("world", () => w.close(), 75_000);
  // Child bots use the world's Postgres and fake Slack. stopBot bounds itself: 15 s to stop, 5 s
  // once killed, 15 s for an embedded Postgres a killed bot left behind.
  guard.onCleanup("bot processes", stopAllBots, 40_000);
  pgPid = await postmasterPid(w.dir);
  const inProcess = process.env.BENCH_INPROCESS === "1";
  // Child mode: the world provides Postgres, the fake Slack and the request builders; its own bot
  // would only tick, so it is stopped.
  if (!inProcess) await w.running.stop();
  note("world started");

  let ack: Awaited<ReturnType<typeof ackPart>> | undefined;
  let check: { ok: boolean; detail: string } | undefined;
  let fixture: Fixture | undefined;
  let warnings: string[] = [];
  const mode: Target["mode"] = inProcess ? "in-process" : "child";
  if (!SKIP.has("ack")) {
    let t: Target;
    let children: BotChild[] = [];
    let profileDir: string | undefined;
    if (inProcess) {
      const bare = await startBareBolt(SIGNING_SECRET);
      guard.onCleanup("bare Bolt app", () => bare.stop().catch(() => undefined));
      t = { mode, eventsUrl: w.eventsUrl, bareUrl: bare.eventsUrl, sql: w.sql, warnings: () => w.logLines };
    } else {
      const db = await createDatabase(w, "bench_ack");
      if (process.env.BENCH_PROFILE === "1") {
        profileDir = await mkdtemp(path.join(os.tmpdir(), "lastword-bench-prof-"));
        tempDirs.push(profileDir);
      }
      const [botPort, barePort] = [await freePort(), await freePort()];
      const bot = spawnBot(
        botEnv(w, db.url),
        botPort,
        undefined,
        profileDir ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
      );
      const bareApp = spawnNode(
        "bench/lib/bare-bolt-main.ts",
        { SLACK_SIGNING_SECRET: SIGNING_SECRET },
        barePort,
      );
      children = [bot, bareApp];
      await waitReady(bot, 60_000);
      await waitForLine(bareApp, /^listening /, 30_000);
      t = {
        mode,
        eventsUrl: `http://127.0.0.1:${botPort}/slack/events`,
        bareUrl: `http://127.0.0.1:${barePort}/slack/events`,
        sql: db.sql,
        botPid: bot.pid,
        barePid: bareApp.pid,
        warnings: () => bot.lines.map((l) => l.line),
      };
      note(`bot (pid ${bot.pid}) and bare Bolt app (pid ${bareApp.pid}) started as child processes`);
    }
    fixture = await seedFixture(w, t.sql);
    note(
      `seeded ${CHANNELS} teams, ${fixture.speaking.length} running sessions, ${Object.values(fixture.voting).flat().length} sessions at the vote`,
    );
    check = await seedCheck(w, t);
    note(
      `seed check (one meeting driven through Slack vs. a seeded one): ${check.ok ? "same" : "DIFFERENT"}: ${check.detail}`,
    );
    ack = await ackPart(w, fixture, t);
    for (const c of children) await stopBot(c);
    warnings = t.warnings();
    if (profileDir) {
      const file = (await readdir(profileDir)).find((f) => f.endsWith(".cpuprofile"));
      if (file) {
        const dest = path.resolve(import.meta.dirname, "results/bench-bot.cpuprofile");
        await mkdir(path.dirname(dest), { recursive: true });
        await copyFile(path.join(profileDir, file), dest);
        const shares = attribute(JSON.parse(await readFile(dest, "utf8")) as CpuProfile);
        ack.profile = { file: dest, shares };
      }
    }
  }
  // The in-process bot is done; the children below share its Postgres and fake Slack only.
  if (inProcess) await w.running.stop();
  const inBudget = (part: string, by: number) => {
    if (performance.now() - started <= by * 1000) return true;
    skipped.push(`${part} (time budget)`);
    note(`time budget: skipping ${part}`);
    return false;
  };
  const memory = SKIP.has("memory") || !inBudget("memory", BUDGET.memoryBy) ? undefined : await memoryPart(w);
  const startup =
    SKIP.has("startup") || !inBudget("start-up", BUDGET.startupBy) ? undefined : await startupPart(w);

  const logWarnings = warnings.filter((l) => /"level":"(warn|error)"/.test(l));
  const samples = new Map<string, string>();
  for (const l of logWarnings) {
    const j = JSON.parse(l) as { level: string; msg: string };
    if (!samples.has(`${j.level}: ${j.msg}`)) samples.set(`${j.level}: ${j.msg}`, l.slice(0, 1500));
  }
  const distinct = [...samples.keys()];
  const ms = (v: number | null | undefined) =>
    v === null || v === undefined ? "-" : v >= 100 ? v.toFixed(0) : v.toFixed(1);
  const verdict = (ok: boolean | null) => (ok === null ? "" : ok ? "met" : "MISSED");

  // ---- the table
  const rows: string[][] = [];
  const ackRow = (r: AckRow) => {
    let target = "";
    if (r.level === 50)
      target = `p99 < ${TARGETS.ackP99At50Ms} ms: ${verdict(r.lastword.p99 !== null && r.lastword.p99 < TARGETS.ackP99At50Ms)}`;
    const overhead =
      r.ratio.p50 === null
        ? ""
        : `×p50 < ${TARGETS.overheadP50}: ${verdict(r.ratio.p50 < TARGETS.overheadP50)}`;
    rows.push([
      `ack ${KIND_LABEL[r.kind]}, ${r.level} session${r.level === 1 ? "" : "s"}`,
      `${ms(r.lastword.p50)} / ${ms(r.lastword.p99)} ms, ${r.lastword.perS}/s`,
      `${ms(r.bare.p50)} / ${ms(r.bare.p99)} ms; max ${r.bare.capacityPerS}/s`,
      `${r.ratio.p50 ?? "-"}× / ${r.ratio.p99 ?? "-"}×`,
      [target, overhead].filter(Boolean).join("; "),
    ]);
  };
  for (const r of ack?.rows ?? []) ackRow(r);
  for (const r of (ack?.rows ?? []).filter((x) => x.kind !== "command")) {
    const what = r.kind === "reply" ? "thread replies" : "votes";
    const e = r.effect;
    const target =
      r.kind === "reply" && r.level !== 1
        ? `≥ ${TARGETS.repliesRecordedPerS}/s: ${verdict((e.perS ?? 0) >= TARGETS.repliesRecordedPerS)}`
        : "";
    rows.push([
      `${what} recorded in the ledger, ${r.level} session${r.level === 1 ? "" : "s"}`,
      `${e.perS}/s; request→entry p50 ${ms(e.ms.p50)}, p99 ${ms(e.ms.p99)} ms${e.missing ? `; ${e.missing} MISSING` : ""}`,
      "-",
      "-",
      target,
    ]);
  }
  if (memory) {
    rows.push([
      `bot RSS after ${memory.finishedSessions.toLocaleString("en")} finished sessions`,
      `${memory.afterFinishedMiB} MiB (${memory.afterStartMiB} MiB idle after start)`,
      "-",
      "-",
      `< ${TARGETS.memoryMiB} MB: ${verdict(memory.afterFinishedMiB * 1.048576 < TARGETS.memoryMiB)}`,
    ]);
    rows.push([
      `bot RSS with ${memory.runningSessions} sessions running`,
      `${memory.runningPeakMiB} MiB peak under their replies, ${memory.runningAfterMiB} MiB after`,
      "-",
      "-",
      `< ${TARGETS.memoryMiB} MB: ${verdict(memory.runningPeakMiB * 1.048576 < TARGETS.memoryMiB)}`,
    ]);
  }
  for (const s of startup ?? []) {
    rows.push([
      `start-up to /readyz, ${s.database} embedded database`,
      `${(s.readyMs / 1000).toFixed(2)} s`,
      "-",
      "-",
      "",
    ]);
  }
  const out = [
    "",
    `Lastword benchmark — ${machine.nproc} CPUs (${machine.cpu}), Node ${machine.node}. Ack rows: p50 / p99 of the ack, and requests done per second; each session keeps one request in the bot.`,
    `Bare Bolt: the same requests sent at the same moments (p50 / p99), and the most it acks per second with one request in flight per session.`,
    "",
    table(["measure", "Lastword", "bare Bolt", "Lastword/bare p50 / p99", "target"], rows),
    "",
  ];
  const non200 = (ack?.rows ?? []).flatMap((r) => r.non200);
  const non200Total = (ack?.rows ?? []).reduce((n, r) => n + r.non200Count.lastword, 0);
  const non200Where = (ack?.rows ?? [])
    .filter((r) => r.non200Count.lastword)
    .map((r) => `${r.non200Count.lastword} of ${r.requests} ${KIND_LABEL[r.kind]} at ${r.level}`);
  const other = (ack?.rows ?? []).map((r) => r.lastword.otherCores);
  if (other.length) {
    out.push(
      `CPU during the Lastword phases, in cores (of ${machine.nproc}): ${(ack?.rows ?? []).map((r) => `${r.kind[0]}${r.level} bot ${r.lastword.botCores}/bench ${r.lastword.benchProcessCores}/pg ${r.lastword.postgresCores}`).join(", ")}. ` +
        `Other work on the machine meanwhile: ${(other.reduce((a, b) => a + b, 0) / other.length).toFixed(2)} cores on average, ${Math.max(...other).toFixed(2)} at most (load average at start ${machine.loadAverageAtStart.join(", ")}).`,
    );
  }
  out.push(
    `Slash command: \`/lastword roster\` (the roster view). Throughput: requests done per second (a session sends its next request once the last one's ledger entry, or the slash command's answer, is seen; the bare app: once acked). ` +
      (mode === "child"
        ? "Bot and bare Bolt app each ran as their own process (node --import tsx); load generator and fake Slack in this one. "
        : "Bot, bare Bolt app, fake Slack and load generator shared this one process (BENCH_INPROCESS=1). ") +
      `Setup writes teams and sessions straight into the database; seed check: ${check ? (check.ok ? "a meeting driven through Slack left the same ledger as a seeded one" : `MISMATCH (${check.detail})`) : "skipped"}.`,
    `non-200 answers from Lastword: ${non200Total}${non200Where.length ? ` (${non200Where.join("; ")}: ${[...new Set(non200)].slice(0, 2).join("; ")})` : ""}; bot warnings/errors logged: ${logWarnings.length}${distinct.length ? ` (${distinct.slice(0, 4).join(" | ")})` : ""}; fake Slack spec violations: ${w.fake.violations.length}`,
  );
  if (memory)
    out.push(
      `memory: RSS from /proc/<pid>/status of \`node ${START_FLAGS.join(" ")} --import tsx src/main.ts\` (as npm start; tsx included); finished sessions ${memory.finishedHow}; close rate ${memory.closeVotesPerS}/s; VmHWM ${memory.peakMiB} MiB.`,
    );
  if (ack?.profile) {
    out.push(
      `CPU profile (${path.relative(process.cwd(), ack.profile.file)}${mode === "child" ? ", the bot process over its whole run" : ", this process over the measured phases"}), by owner: ${ack.profile.shares.map((x) => `${x.owner} ${x.share}%`).join(", ")}`,
    );
  }
  for (const s of startup ?? []) {
    const at = (re: RegExp) =>
      Object.entries(s.steps)
        .filter(([m]) => re.test(m))
        .map(([, t]) => t)
        .sort((a, b) => b - a)[0];
    const fmt = (v: number | undefined) => (v === undefined ? "-" : `${(v / 1000).toFixed(2)} s`);
    out.push(
      `start-up, ${s.database} database (after spawn): initdb begins ${fmt(at(/initialising/))}, Postgres running ${fmt(at(/embedded Postgres is running/))}, ` +
        `migrations applied ${fmt(at(/applied migration/))}, listening ${fmt(at(/is listening/))}, /readyz 200 ${fmt(s.readyMs)}`,
    );
  }
  if (skipped.length) out.push(`SKIPPED for lack of time: ${skipped.join("; ")}`);
  out.push("");
  process.stdout.write(out.join("\n"));

  const report = {
    when: new Date().toISOString(),
    machine,
    setup: {
      channels: CHANNELS,
      rosterPerChannel: RANKS.length,
      plan: PLAN,
      slashCommand: "/lastword roster (roster view)",
      loadModel:
        "closed loop per session (lane): Lastword: the next request once the previous one's effect is seen (ledger entry, or the slash command's answer on its response_url); bare app: once acked. Level 1 walks over several sessions one after the other",
      mode,
      processes:
        mode === "child"
          ? "bot and bare Bolt app each in its own process (node --import tsx); load generator and fake Slack in the benchmark's process; Postgres embedded, separate"
          : "bot, fake Slack, bare Bolt app and load generator share one Node process; Postgres is a separate embedded server",
      seeding:
        "teams, members, admins and sessions written straight into the database; ledgers from the real decider, sealed; timers scheduled; sessions marked as announced",
      seedCheck: check ?? null,
      turnSeconds: 3600,
    },
    targets: TARGETS,
    skipped,
    ack: ack?.rows ?? [],
    memory: memory ?? null,
    startup: startup ?? null,
    fakeSlackCalls: Object.fromEntries(
      [
        ...w.fake.calls.reduce(
          (m, c) => m.set(c.method, (m.get(c.method) ?? 0) + 1),
          new Map<string, number>(),
        ),
      ].sort((a, b) => b[1] - a[1]),
    ),
    checks: {
      non200,
      botLogWarningsOrErrors: logWarnings.length,
      distinctLogMessages: distinct.slice(0, 20),
      logSamples: [...samples.values()].slice(0, 10),
      fakeSlackSpecViolations: w.fake.violations.length,
      fakeSlackViolationSamples: w.fake.violations.slice(0, 5),
    },
  };
  process.stdout.write(`written to ${await writeResults(OUT, report)}\n`);
}

await guard.finish(main, { botLog: () => world?.logLines ?? [] });
