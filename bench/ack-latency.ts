/**
 * Ack latency of Lastword under load: 50 decision sessions running at once, thread replies and
 * Done presses sent through Bolt's real HTTP receiver as signed requests, about 50 in flight.
 *
 *   npx tsx bench/ack-latency.ts          (or: npm run bench:ack)
 *
 * Prints a table and writes the same figures to bench/results/ack-latency.json. Everything runs in
 * this one process (the bot, the fake Slack Web API and the load generator share its event loop);
 * Postgres is an embedded server in a temp folder, removed at the end, also on error or Ctrl-C.
 *
 * Knobs (environment): BENCH_SESSIONS (50), BENCH_CHANNELS (10), BENCH_CONCURRENCY (50),
 * BENCH_REPLIES_PER_TURN (4), BENCH_ROUNDS (7 = every turn of the seven-member round),
 * BENCH_WARMUP_PER_SESSION (2 uncounted replies per session first), BENCH_BUDGET_S (120: no new
 * round starts after this many seconds of measuring).
 */
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { LedgerTail, statementKey, turnEndKey, type Landed } from "./lib/ledger-tail.ts";
import { postgresCpuMs, postmasterPid } from "./lib/proc.ts";
import { runPool, sleep, until } from "./lib/pool.ts";
import { buttonBody, threadReplyBody, timedPost, type Timed } from "./lib/requests.ts";
import { startRunGuard, writeResults } from "./lib/run-guard.ts";
import { summarize, table, type Summary } from "./lib/stats.ts";
import { SIGNING_SECRET, startBenchWorld, WORKSPACE, type BenchWorld } from "./lib/world.ts";

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const SESSIONS = int("BENCH_SESSIONS", 50);
const CHANNELS = Math.min(int("BENCH_CHANNELS", 10), SESSIONS);
const CONCURRENCY = int("BENCH_CONCURRENCY", 50);
const REPLIES_PER_TURN = int("BENCH_REPLIES_PER_TURN", 4);
const ROUNDS = Math.min(int("BENCH_ROUNDS", 7), 7);
const WARMUP_PER_SESSION = int("BENCH_WARMUP_PER_SESSION", 2);
const BUDGET_MS = int("BENCH_BUDGET_S", 120) * 1000;
/** The whole run, setup and cleanup included, is stopped after this. */
const HARD_LIMIT_MS = 175_000;
const WAIT_MS = 30_000;
const OUT = path.resolve(import.meta.dirname, "results/ack-latency.json");

const RANKS = [1, 2, 3, 4, 5, 6, 7];
const memberId = (rank: number) => `U0MEMBER0${rank}`;
const CHAIR = "U0CHAIR001";
/** Proposer at rank 4, then the lowest rank upward, the principal last. */
const ORDER = [4, 7, 6, 5, 3, 2, 1].map(memberId);
const channelId = (i: number) => `C0BENCH${String(i + 1).padStart(3, "0")}`;

interface Session {
  index: number;
  channel: string;
  id: string;
  headerTs: string;
  turn: number;
  turnCallTs: string;
}

interface PhaseStats {
  name: string;
  wallMs: number;
  requests: number;
  /** Acks of the requests sent in this phase. */
  ackMs: { p50: number | null; p99: number | null; max: number | null };
  /** Share of the wall time the event loop was busy (1.0: never idle). */
  eventLoopUtilization: number;
  /** CPU time over wall time (1.0 is one core busy the whole phase): this process, and Postgres. */
  nodeCores: number;
  postgresCores: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
}

const phases: PhaseStats[] = [];
const non200: string[] = [];
const samples = {
  replyAckIdle: [] as number[],
  replyLedgerIdle: [] as number[],
  replyAck: [] as number[],
  /** The first CONCURRENCY replies of a round, sent all at once, and the ones sent after. */
  replyAckBurst: [] as number[],
  replyAckSteady: [] as number[],
  replyLedgerSeen: [] as number[],
  replyLedgerDecided: [] as number[],
  pressAck: [] as number[],
  pressLedgerSeen: [] as number[],
  pressNextPost: [] as number[],
};
/** Replies acked with 200 whose statement never showed up in the ledger. */
let missingStatements = 0;
const slowest: Array<{ kind: string; ms: number; session: number; turn: number }> = [];

const guard = startRunGuard({ hardLimitMs: HARD_LIMIT_MS });
const { note, stopping } = guard;
let world: BenchWorld | undefined;
let ledgerTail: LedgerTail | undefined;

/**
 * Request → the entry visible to another connection (an upper bound: late by at most one poll
 * interval plus one query), and request → the entry's own `at`, the bot's clock when it decided,
 * before the insert (a lower bound, to the millisecond).
 */
interface Seen {
  seenMs: number;
  decidedMs: number;
}
const seenSince =
  (sentAt: number) =>
  (l: Landed): Seen => ({
    seenMs: l.seenAt - sentAt,
    decidedMs: l.at.getTime() - (performance.timeOrigin + sentAt),
  });

function check(kind: string, t: Timed): void {
  if (t.status !== 200 && non200.length < 20)
    non200.push(`${kind}: HTTP ${t.status} ${t.text.slice(0, 100)}`);
}

/** Runs one phase and records its wall time, CPU, event loop and acks (also when it fails). */
async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const pg0 = await postgresCpuMs(pgPid);
  const t0 = performance.now();
  phaseAcks = [];
  phaseStart = t0;
  delay.enable();
  try {
    return await work();
  } finally {
    delay.disable();
    const wallMs = Math.max(performance.now() - t0, 1);
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    const pgMs = (await postgresCpuMs(pgPid)) - pg0;
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const two = (v: number) => Math.round(v * 100) / 100;
    const acks = summarize(phaseAcks);
    phases.push({
      name,
      wallMs: Math.round(wallMs),
      requests: phaseAcks.length,
      ackMs: { p50: acks.p50, p99: acks.p99, max: acks.max },
      eventLoopUtilization: two(elu.utilization),
      nodeCores: two((cpu.user + cpu.system) / 1000 / wallMs),
      postgresCores: two(pgMs / wallMs),
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    });
  }
}
/** Acks of requests sent to the bot in the current phase, and when it began (performance.now()). */
let phaseAcks: number[] = [];
let phaseStart = 0;
/** The bot's Postgres server, whose CPU each phase reports. */
let pgPid: number | undefined;
const raw = { replies: [] as number[][], presses: [] as number[][] };

/** Transactions committed and rolled back in the bot's database so far (Postgres flushes these about once a second). */
async function xacts(w: BenchWorld): Promise<{ commits: number; rollbacks: number }> {
  const { rows } = await w.sql.query<{ c: string; r: string }>(
    "SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = current_database()",
  );
  return { commits: Number(rows[0]?.c ?? 0), rollbacks: Number(rows[0]?.r ?? 0) };
}

// ---------------------------------------------------------------------------------------------------

async function setUp(w: BenchWorld): Promise<Session[]> {
  // Rosters: one per channel, ranks 1..7; the chair is the first to set it up, so a roster admin.
  await Promise.all(
    Array.from({ length: CHANNELS }, async (_, c) => {
      for (const rank of RANKS) {
        const t0 = performance.now();
        const sent = await w.driver.command({
          command: "/lastword",
          text: `roster add <@${memberId(rank)}|member${rank}> ${rank}`,
          userId: CHAIR,
          channelId: channelId(c),
        });
        phaseAcks.push(performance.now() - t0);
        if (sent.status !== 200) throw new Error(`roster add answered HTTP ${sent.status}`);
        await w.fake.waitForResponse((r) => r.id === sent.responseUrlId, WAIT_MS);
      }
    }),
  );
  note(`rosters set up in ${CHANNELS} channels`);

  // Sessions, spread over the channels; several run at once in each channel, each in its own thread.
  const decided = await runPool(
    Array.from({ length: SESSIONS }, (_, i) => i),
    10,
    async (i) => {
      const t0 = performance.now();
      const sent = await w.driver.command({
        command: "/decide",
        text: `decision <@${memberId(4)}|member4> Matter ${i + 1}`,
        userId: CHAIR,
        channelId: channelId(i % CHANNELS),
      });
      phaseAcks.push(performance.now() - t0);
      if (sent.status !== 200) throw new Error(`/decide answered HTTP ${sent.status}`);
      const answer = await w.fake.waitForResponse((r) => r.id === sent.responseUrlId, WAIT_MS);
      const text = String((answer.body as { text?: unknown }).text);
      if (!text.includes("started")) throw new Error(`/decide answered: ${text}`);
    },
    stopping,
  );
  if (decided.failed) throw new Error(`${decided.failed} /decide failed: ${decided.errors.join("; ")}`);

  const rows = await until(
    `${SESSIONS} session headers`,
    async () => {
      const { rows } = await w.sql.query<{
        id: string;
        channel_id: string;
        number: number;
        thread_ts: string | null;
      }>("SELECT id, channel_id, number, thread_ts FROM session ORDER BY number, channel_id");
      return rows.length === SESSIONS && rows.every((r) => r.thread_ts) ? rows : undefined;
    },
    WAIT_MS,
  );
  const sessions = await Promise.all(
    rows.map(async (r, index): Promise<Session> => {
      const call = await w.fake.waitForCall(
        "chat.postMessage",
        (c) =>
          c.params.thread_ts === r.thread_ts && JSON.stringify(c.params.blocks ?? []).includes(`${r.id}|0`),
        WAIT_MS,
      );
      if (!String(call.params.text).startsWith(`<@${ORDER[0]}>`))
        throw new Error(`session ${r.id}: first turn call is not member4's: ${String(call.params.text)}`);
      return {
        index,
        channel: r.channel_id,
        id: r.id,
        headerTs: r.thread_ts!,
        turn: 0,
        turnCallTs: String((call.response as { ts: string }).ts),
      };
    }),
  );
  note(`${sessions.length} sessions started; every header and first turn call posted`);
  return sessions;
}

/** One thread reply from the current speaker; resolves with its ack and when it reached the ledger. */
async function reply(
  w: BenchWorld,
  s: Session,
  text: string,
): Promise<{ ack: Timed; ledger: Promise<Seen> }> {
  const ts = w.fake.nextTs();
  const body = threadReplyBody(w.driver, {
    userId: ORDER[s.turn]!,
    channelId: s.channel,
    threadTs: s.headerTs,
    ts,
    text,
  });
  const landed = ledgerTail!.expect(s.id, statementKey(ts));
  const ack = await timedPost(w.eventsUrl, SIGNING_SECRET, body, "application/json");
  check("reply", ack);
  phaseAcks.push(ack.ms);
  return { ack, ledger: landed.then(seenSince(ack.sentAt)) };
}

/** Done, pressed by the current speaker on their turn call. */
async function pressDone(w: BenchWorld, s: Session, userId = ORDER[s.turn]!): Promise<Timed> {
  const body = buttonBody(w.fake, {
    teamId: WORKSPACE,
    actionId: "turn_done",
    value: `${s.id}|${s.turn}`,
    userId,
    channelId: s.channel,
    messageTs: s.turnCallTs,
    threadTs: s.headerTs,
  });
  const ack = await timedPost(w.eventsUrl, SIGNING_SECRET, body, "application/x-www-form-urlencoded");
  check("press", ack);
  phaseAcks.push(ack.ms);
  return ack;
}

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms: ${what}`)), WAIT_MS)),
  );
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function main(): Promise<void> {
  note(`machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}`);
  const users = [
    ...RANKS.map((r) => ({ id: memberId(r), name: `member${r}`, locale: "en-US" })),
    { id: CHAIR, name: "chair", locale: "en-US" },
  ];
  const channels = Array.from({ length: CHANNELS }, (_, c) => ({
    id: channelId(c),
    name: `leadership-${c + 1}`,
  }));
  world = await startBenchWorld({
    logLevel: "warn",
    users,
    channels,
    echoLog: process.env.BENCH_ECHO_LOG === "1",
  });
  const w = world;
  // Its close bounds each of its five steps at 15 s: give it all of them.
  guard.onCleanup("world", () => w.close(), 75_000);
  pgPid = await postmasterPid(w.dir);
  note(`bot listening on ${w.eventsUrl}; Postgres in ${w.dir}`);
  const sessions = await phase("setup: rosters and sessions", () => setUp(w));

  const tail = new LedgerTail(w.sql, WORKSPACE, 10);
  ledgerTail = tail;
  guard.onCleanup("ledger tail", () => tail.stop().catch(() => undefined));
  await tail.sync(sessions.map((s) => s.id));
  tail.start();

  // Warm-up, not counted: the same load as a measured round (replies on every session, CONCURRENCY
  // in flight), and Done presses by someone whose turn it is not, which the bot refuses: they run
  // the whole action path without moving any session on (JIT and the connection
  // pools are warm before anything is counted).
  const warmTasks = Array.from({ length: WARMUP_PER_SESSION }, () => sessions).flat();
  await phase(`warm-up: ${warmTasks.length} replies, ${sessions.length} refused presses`, async () => {
    const seen: Array<Promise<Seen>> = [];
    await runPool(
      warmTasks,
      CONCURRENCY,
      async (s) => void seen.push((await reply(w, s, "Warm-up statement.")).ledger),
      stopping,
    );
    await within(Promise.all(seen), "warm-up statements in the ledger");
    const before = w.fake.responses.length;
    await runPool(sessions, CONCURRENCY, async (s) => void (await pressDone(w, s, ORDER[6])), stopping);
    await within(
      until(
        "refusals of the warm-up presses",
        () => (w.fake.responses.length >= before + sessions.length ? true : undefined),
        WAIT_MS,
      ),
      "warm-up refusals",
    );
  });

  // Idle baseline: one reply at a time, the next only once the previous one is in the ledger.
  await phase("idle: 1 reply in flight", async () => {
    for (const s of sessions.slice(10, 30)) {
      const { ack, ledger } = await reply(w, s, "A considered statement, sent alone.");
      samples.replyAckIdle.push(ack.ms);
      samples.replyLedgerIdle.push((await within(ledger, "idle statement in the ledger")).seenMs);
    }
  });

  const measureStart = Date.now();
  const xact0 = await xacts(w);
  const polls0 = tail.polls;
  let rounds = 0;
  for (let round = 0; round < ROUNDS; round++) {
    if (stopping()) throw new Error("stopped");
    if (Date.now() - measureStart > BUDGET_MS) {
      note(`time budget spent; stopping after ${rounds} rounds`);
      break;
    }
    // Replies: every session's current speaker writes REPLIES_PER_TURN messages, sessions
    // interleaved, CONCURRENCY requests in flight.
    const tasks = Array.from({ length: REPLIES_PER_TURN }, (_, k) => sessions.map((s) => ({ s, k }))).flat();
    const ledgerWaits: Array<Promise<void>> = [];
    const replied = await phase(
      `round ${round + 1}: ${tasks.length} replies, ${CONCURRENCY} in flight`,
      async () => {
        let ordinal = 0;
        const result = await runPool(
          tasks,
          CONCURRENCY,
          async ({ s, k }) => {
            const turn = s.turn;
            const backlog = tail.pending;
            const inBurst = ordinal++ < CONCURRENCY;
            const { ack, ledger } = await reply(w, s, `Statement of turn ${turn + 1}, part ${k + 1}.`);
            samples.replyAck.push(ack.ms);
            (inBurst ? samples.replyAckBurst : samples.replyAckSteady).push(ack.ms);
            raw.replies.push([
              Math.round(ack.sentAt - phaseStart),
              Math.round(ack.ms * 10) / 10,
              backlog,
              turn,
            ]);
            slowest.push({ kind: "reply ack", ms: ack.ms, session: s.index, turn });
            ledgerWaits.push(
              ledger.then((seen) => {
                samples.replyLedgerSeen.push(seen.seenMs);
                samples.replyLedgerDecided.push(seen.decidedMs);
                slowest.push({ kind: "reply → ledger", ms: seen.seenMs, session: s.index, turn });
              }),
            );
          },
          stopping,
        );
        if (stopping()) throw new Error("stopped before the end of the round");
        // A statement that never reaches the ledger is a finding, not a reason to stop: count it.
        const resolved = await Promise.race([
          Promise.all(ledgerWaits).then(() => true),
          sleep(WAIT_MS).then(() => false),
        ]);
        if (!resolved) {
          const lost = tail.forget();
          missingStatements += lost;
          note(`round ${round + 1}: ${lost} replies acked but not in the ledger after ${WAIT_MS / 1000} s`);
        }
        return result;
      },
    );
    if (replied.failed)
      throw new Error(`round ${round + 1}: ${replied.failed} replies failed: ${replied.errors.join("; ")}`);

    // Presses: each speaker presses Done on their turn call; the next speaker's call (or, after
    // the principal, the vote) should follow in the thread.
    await phase(`round ${round + 1}: ${sessions.length} Done presses, ${CONCURRENCY} in flight`, async () => {
      const follow: Array<Promise<void>> = [];
      const result = await runPool(
        sessions,
        CONCURRENCY,
        async (s) => {
          const turn = s.turn;
          const nextCall = w.fake.waitForCall(
            "chat.postMessage",
            (c) =>
              c.params.thread_ts === s.headerTs &&
              (turn + 1 < ORDER.length
                ? JSON.stringify(c.params.blocks ?? []).includes(`${s.id}|${turn + 1}`)
                : String(c.params.text).includes("The vote opens")),
            WAIT_MS,
          );
          nextCall.catch(() => undefined); // judged below, with the others
          const backlog = tail.pending;
          const ended = tail.expect(s.id, turnEndKey(s.id, turn));
          const ack = await pressDone(w, s);
          samples.pressAck.push(ack.ms);
          raw.presses.push([
            Math.round(ack.sentAt - phaseStart),
            Math.round(ack.ms * 10) / 10,
            backlog,
            turn,
          ]);
          slowest.push({ kind: "press ack", ms: ack.ms, session: s.index, turn });
          follow.push(
            ended.then((l) => void samples.pressLedgerSeen.push(seenSince(ack.sentAt)(l).seenMs)),
            nextCall.then((call) => {
              const ms = call.at.getTime() - (performance.timeOrigin + ack.sentAt);
              samples.pressNextPost.push(ms);
              slowest.push({ kind: "press → next post", ms, session: s.index, turn });
              if (turn + 1 < ORDER.length) {
                s.turnCallTs = String((call.response as { ts: string }).ts);
              }
              s.turn = turn + 1;
            }),
          );
        },
        stopping,
      );
      if (stopping()) throw new Error("stopped before the end of the round");
      await within(Promise.all(follow), `round ${round + 1}: turns ended and next speakers called`);
      if (result.failed)
        throw new Error(`round ${round + 1}: ${result.failed} presses failed: ${result.errors.join("; ")}`);
    });
    rounds++;
    note(
      `round ${round + 1} done: ${samples.replyAck.length} replies and ${samples.pressAck.length} presses measured so far`,
    );
  }
  await tail.stop();
  await sleep(1_500); // Postgres flushes its per-backend counters about once a second
  const xact1 = await xacts(w);
  const measuredRequests = samples.replyAck.length + samples.pressAck.length;
  const botTransactions = xact1.commits - xact0.commits - (tail.polls - polls0) - 1;

  // Checks: every reply is one statement in the ledger, every session where we left it.
  const { rows: counts } = await w.sql.query<{ statements: string; sessions_done: string }>(
    `SELECT (SELECT count(*) FROM ledger_entry WHERE type = 'statement') AS statements,
            (SELECT count(*) FROM session WHERE phase <> 'speaking') AS sessions_done`,
  );
  const expectedStatements = warmTasks.length + samples.replyAckIdle.length + samples.replyAck.length;
  const logWarnings = w.logLines.filter((l) => /"level":"(warn|error)"/.test(l));
  const distinctLog = [
    ...new Set(
      logWarnings.map(
        (l) =>
          (JSON.parse(l) as { level: string; msg: string }).level +
          ": " +
          (JSON.parse(l) as { msg: string }).msg,
      ),
    ),
  ];

  const results: Record<string, Summary> = {
    "reply ack, idle (1 in flight)": summarize(samples.replyAckIdle),
    "reply → ledger, idle (1 in flight)": summarize(samples.replyLedgerIdle),
    [`reply ack (${CONCURRENCY} in flight)`]: summarize(samples.replyAck),
    [`  of which the first ${CONCURRENCY} of a round (sent at once)`]: summarize(samples.replyAckBurst),
    "  of which the rest (sent as acks come back)": summarize(samples.replyAckSteady),
    "reply → ledger entry visible": summarize(samples.replyLedgerSeen),
    "reply → ledger entry decided (its `at`)": summarize(samples.replyLedgerDecided),
    [`Done press ack (${CONCURRENCY} in flight)`]: summarize(samples.pressAck),
    "Done press → turn end in ledger": summarize(samples.pressLedgerSeen),
    "Done press → next post in thread": summarize(samples.pressNextPost),
  };
  const report = {
    when: new Date().toISOString(),
    machine: {
      nproc: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    setup: {
      sessionsRunning: sessions.length,
      channels: CHANNELS,
      rosterPerChannel: RANKS.length,
      concurrency: CONCURRENCY,
      repliesPerTurn: REPLIES_PER_TURN,
      warmUpRepliesPerSession: WARMUP_PER_SESSION,
      roundsMeasured: rounds,
      ledgerPollIntervalMs: tail.everyMs,
      ledgerPollQueryMs: summarize(tail.pollMs),
      inProcess:
        "bot, fake Slack and load generator share one Node process and event loop; Postgres is a separate embedded server",
    },
    resultsMs: results,
    database: {
      /** Transactions the bot committed per measured request (each autocommit query counts as one). */
      botTransactionsPerRequest: measuredRequests
        ? Math.round((botTransactions / measuredRequests) * 10) / 10
        : null,
      /** Rolled-back transactions: an append that lost the race for the next seq (retried), or a duplicate delivery. */
      rollbacks: xact1.rollbacks - xact0.rollbacks,
    },
    phases,
    ...(process.env.BENCH_RAW === "1"
      ? { raw: { columns: ["sentAtInPhaseMs", "ackMs", "ledgerBacklogAtSend", "turn"], ...raw } }
      : {}),
    slowest: slowest
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((s) => ({ ...s, ms: Math.round(s.ms) })),
    checks: {
      statementsInLedger: Number(counts[0]?.statements ?? 0),
      statementsExpected: expectedStatements,
      repliesAckedButNotInLedger: missingStatements,
      sessionsPastSpeaking: Number(counts[0]?.sessions_done ?? 0),
      non200Responses: non200,
      botLogWarningsOrErrors: logWarnings.length,
      distinctLogMessages: distinctLog.slice(0, 20),
      fakeSlackSpecViolations: w.fake.violations.length,
      fakeSlackViolationSamples: w.fake.violations.slice(0, 5),
    },
  };

  const show = (v: number | null) => (v === null ? null : v.toFixed(1));
  const out = [
    "",
    `Lastword ack latency — ${report.machine.nproc} CPUs (${report.machine.cpu}), Node ${report.machine.node}`,
    `${sessions.length} sessions running in ${CHANNELS} channels (7-member roster each), ${CONCURRENCY} requests in flight, ${rounds} rounds of ${REPLIES_PER_TURN} replies + 1 Done per session`,
    "",
    table(
      ["measure (ms)", "count", "p50", "p90", "p99", "max", "mean"],
      Object.entries(results).map(([name, s]) => [
        name,
        s.count,
        show(s.p50),
        show(s.p90),
        show(s.p99),
        show(s.max),
        show(s.mean),
      ]),
    ),
    "",
    table(
      [
        "phase",
        "wall ms",
        "reqs",
        "ack p50",
        "ack p99",
        "ack max",
        "loop busy",
        "node cores",
        "pg cores",
        "loop delay p99",
      ],
      phases.map((p) => [
        p.name,
        p.wallMs,
        p.requests,
        show(p.ackMs.p50),
        show(p.ackMs.p99),
        show(p.ackMs.max),
        p.eventLoopUtilization,
        p.nodeCores,
        p.postgresCores,
        p.eventLoopDelayMs.p99,
      ]),
    ),
    "",
    `ledger: ${report.checks.statementsInLedger} statements (expected ${expectedStatements}, ${missingStatements} acked but missing); ${report.checks.sessionsPastSpeaking} sessions past speaking; ledger poll every ${tail.everyMs} ms (query p50 ${show(report.setup.ledgerPollQueryMs.p50)} ms)`,
    `database, measured rounds: ${report.database.botTransactionsPerRequest} bot transactions per request; ${report.database.rollbacks} rolled back (lost append races)`,
    `non-200 answers: ${non200.length}; bot warnings/errors logged: ${logWarnings.length}${distinctLog.length ? ` (${distinctLog.slice(0, 5).join(" | ")})` : ""}; fake Slack spec violations: ${w.fake.violations.length}`,
    `slowest: ${report.slowest
      .slice(0, 5)
      .map((s) => `${s.kind} ${s.ms} ms (session ${s.session}, turn ${s.turn})`)
      .join("; ")}`,
    "",
  ].join("\n");
  process.stdout.write(out);
  process.stdout.write(`written to ${await writeResults(OUT, report)}\n`);
}

await guard.finish(main, { botLog: () => world?.logLines ?? [] });
