/**
 * Setup straight into the database, for benchmarks that need many teams and sessions and want to
 * spend their time budget on measuring rather than on driving hundreds of meetings through Slack.
 * Nothing here is made up by hand: every session's ledger comes from the real decider (decide /
 * fold, as a meeting driven through Slack would produce it), is sealed with the real hash chain,
 * and its projection, outbox position and timers are written the way SessionStore and
 * run-session write them. Seeded sessions are marked as already shown in Slack (announced_seq =
 * last_seq); the caller puts their header (and vote message) into the fake Slack.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { sessionEventContent } from "../../src/domain/ledger/entry.ts";
import { sealEntries, type LedgerEntry } from "../../src/domain/ledger/hash.ts";
import type { Member } from "../../src/domain/roster/member.ts";
import {
  decide,
  evolve,
  initialState,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
} from "../../src/domain/session/index.ts";
import { MOTION_QUESTION_ID } from "../../src/domain/session/types.ts";
import { sessionTimers } from "../../src/usecases/run-session.ts";

export const RANKS = [1, 2, 3, 4, 5, 6, 7];
export const memberId = (rank: number) => `U0MEMBER0${rank}`;
export const CHAIR = "U0CHAIR001";
export const channelId = (i: number) => `C0BENCH${String(i + 1).padStart(3, "0")}`;
/** The roster every benchmark team has: rank 1 is the principal. */
export const ROSTER: Member[] = RANKS.map((rank) => ({
  userId: memberId(rank),
  rank,
  title: rank === 1 ? "Secretary" : "Deputy",
  powers: [],
  roles: [],
}));
/** The proposer (rank 4) presents first; then rank 7 upward; the principal last. */
export const PROPOSER = memberId(4);
/**
 * Turn length of seeded teams and sessions: an hour, so that no reminder (due at half time) or
 * timeout fires while a benchmark runs; the timers are scheduled all the same.
 */
export const TURN_SECONDS = 3600;

/**
 * How far a seeded session has got. `voting` with `votes` named votes already cast (lowest rank
 * first). `statements`: the first speaker has already made that many statements (a long session).
 */
export type Stage =
  | { kind: "speaking"; statements?: number }
  | { kind: "voting"; votes: number; statements?: number }
  | { kind: "cancelled" };

export interface SeededSession {
  id: string;
  channelId: string;
  number: number;
  threadTs: string;
  voteTs: string | null;
  state: SessionState;
  /** Who may speak now (speaking), or who has not voted yet, lowest rank first (voting). */
  speakerId: string | null;
  votersLeft: string[];
}

/**
 * One team per channel, the seven-member roster, and CHAIR as its admin (the first to set it up).
 * Every member is excluded from the quarterly check-ins: teams seeded mid-quarter would otherwise
 * get all their check-in DMs at once, in the middle of a measurement, the first time the bot plans
 * the quarter (at its first scheduler tick and then hourly, so whether it happens depends on when
 * the teams were written).
 */
export async function seedTeams(
  sql: pg.Pool | pg.Client,
  workspaceId: string,
  channels: string[],
): Promise<void> {
  await sql.query(
    `INSERT INTO team (workspace_id, channel_id, turn_seconds, checkins, created_by, updated_at)
     SELECT $1, c, $3, $5::jsonb, $4, now() FROM unnest($2::text[]) AS c`,
    [workspaceId, channels, TURN_SECONDS, CHAIR, JSON.stringify({ excluded: ROSTER.map((m) => m.userId) })],
  );
  const rows = channels.flatMap((c) => ROSTER.map((m) => ({ c, m })));
  await sql.query(
    `INSERT INTO member (workspace_id, channel_id, user_id, rank, title, powers, roles, updated_at)
     SELECT $1, c, u, r, t, '{}', '{}', now() FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS x(c, u, r, t)`,
    [
      workspaceId,
      rows.map((x) => x.c),
      rows.map((x) => x.m.userId),
      rows.map((x) => x.m.rank),
      rows.map((x) => x.m.title),
    ],
  );
  await sql.query(
    `INSERT INTO team_admin (workspace_id, channel_id, user_id, granted_by) SELECT $1, c, $3, $3 FROM unnest($2::text[]) AS c`,
    [workspaceId, channels, CHAIR],
  );
}

/** The events of one meeting up to `stage`, from the real decider; `t0` is the start (ms since epoch). */
export function meetingEvents(
  stage: Stage,
  t0: number,
  matter: string,
): { events: SessionEvent[]; state: SessionState } {
  let state = initialState;
  const events: SessionEvent[] = [];
  let tick = 0;
  const at = () => new Date(t0 + tick++ * 1000).toISOString();
  const run = (command: SessionCommand) => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`seeding: ${command.type} refused: ${d.error.code}`);
    events.push(...d.events);
    state = d.events.reduce(evolve, state);
  };
  run({
    type: "start",
    at: at(),
    matter,
    category: "decision",
    proposerId: PROPOSER,
    chairId: CHAIR,
    roster: ROSTER,
    absent: [],
    recused: [],
    turnSeconds: TURN_SECONDS,
  });
  // Far in the past, so that no message ts the benchmark sends later is taken for one of these.
  const statements = stage.kind === "cancelled" ? 0 : (stage.statements ?? 0);
  for (let k = 1; k <= statements; k++) {
    run({
      type: "reply",
      at: at(),
      userId: state.current!.userId,
      messageTs: `1500000000.${String(k).padStart(6, "0")}`,
      text: `Statement ${k}, a sentence or two of it, as people write them in a thread.`,
    });
  }
  if (stage.kind === "cancelled") {
    run({
      type: "reply",
      at: at(),
      userId: PROPOSER,
      messageTs: `${Math.floor(t0 / 1000)}.000001`,
      text: "The proposal, in a few words.",
    });
    run({ type: "cancel", at: at(), by: CHAIR, reason: "Withdrawn by the proposer." });
  }
  if (stage.kind === "voting") {
    // completeRound (tests/support/meeting.ts): the proposer presents (their turn cannot be
    // passed), everyone else passes, the principal concludes; a speaker who has made statements
    // finishes the turn instead.
    while (state.phase === "speaking" && state.current) {
      const { userId, index, kind } = state.current;
      if (kind !== "conclusion" && state.statements.some((s) => s.turnIndex === index)) {
        run({ type: "finish", at: at(), userId, turnIndex: index });
      } else if (kind !== "statement") {
        run({
          type: "reply",
          at: at(),
          userId,
          messageTs: `${Math.floor(t0 / 1000)}.${String(index + 1).padStart(6, "0")}`,
          text: kind === "proposal" ? "The proposal, in a few words." : "Concluding statement.",
        });
        run({ type: "finish", at: at(), userId, turnIndex: index });
      } else {
        run({ type: "pass", at: at(), userId, turnIndex: index });
      }
    }
    if (state.phase !== "voting")
      throw new Error(`seeding: the round ended in phase ${state.phase}, not voting`);
    for (const userId of votersLeft(state).slice(0, stage.votes))
      run({ type: "vote", at: at(), userId, questionId: MOTION_QUESTION_ID, choice: "approve" });
  }
  return { events, state };
}

/** Eligible voters without a vote on the motion yet, lowest rank first. */
function votersLeft(state: SessionState): string[] {
  if (!state.vote || state.vote.closed) return [];
  const voted = state.vote.latest[MOTION_QUESTION_ID] ?? {};
  return [...state.vote.eligible].reverse().filter((u) => !(u in voted));
}

/** Sealed entries into ledger_entry, in one statement (one round trip, however many entries). */
export async function insertLedgerEntries(
  sql: pg.Pool | pg.Client,
  workspaceId: string,
  entries: readonly LedgerEntry[],
): Promise<void> {
  await sql.query(
    `INSERT INTO ledger_entry (workspace_id, session_id, seq, type, actor_id, at, payload, slack_ref, prev_hash, hash)
     SELECT $1, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::jsonb[], $8::text[], $9::text[], $10::text[])`,
    [
      workspaceId,
      entries.map((e) => e.sessionId),
      entries.map((e) => e.seq),
      entries.map((e) => e.type),
      entries.map((e) => e.actorId),
      entries.map((e) => e.at),
      entries.map((e) => JSON.stringify(e.payload)),
      entries.map((e) => e.slackRef),
      entries.map((e) => e.prevHash),
      entries.map((e) => e.hash),
    ],
  );
}

/**
 * Writes sessions as SessionStore.create and SessionStore.appendAt would have left them, in batches.
 * `sessions[i].number` must be free in its team; thread and vote ts are the caller's (the fake's).
 */
export async function seedSessions(
  sql: pg.Pool | pg.Client,
  workspaceId: string,
  specs: Array<{
    channelId: string;
    number: number;
    threadTs: string;
    voteTs?: string;
    stage: Stage;
    t0: number;
  }>,
): Promise<SeededSession[]> {
  const out: SeededSession[] = [];
  const BATCH = 200;
  // Long sessions share one meeting's events (same matter, same times): deciding hundreds of
  // statements again for each would take most of a benchmark's setup.
  const shared = new Map<string, ReturnType<typeof meetingEvents>>();
  const eventsFor = (spec: (typeof specs)[number]) => {
    const stage = spec.stage;
    if (stage.kind === "cancelled" || !stage.statements)
      return meetingEvents(stage, spec.t0, `Matter ${spec.channelId}-${spec.number}`);
    const key = JSON.stringify(stage);
    const meeting = shared.get(key) ?? meetingEvents(stage, spec.t0, "A long-running matter");
    shared.set(key, meeting);
    return meeting;
  };
  for (let first = 0; first < specs.length; first += BATCH) {
    const batch = specs.slice(first, first + BATCH).map((spec) => {
      const id = randomUUID();
      const { events, state } = eventsFor(spec);
      const entries = sealEntries(events.map((e, i) => sessionEventContent(id, i + 1, e)));
      const voteTs = state.phase === "voting" ? (spec.voteTs ?? null) : null;
      return { spec, id, events, state, entries, voteTs };
    });
    const projection = (s: SessionState) => ({
      phase: s.phase,
      speaker: s.current?.userId ?? null,
      outcome:
        s.vote?.closed?.outcome ?? (s.phase === "deferred" || s.phase === "cancelled" ? s.phase : null),
    });
    await sql.query(
      `INSERT INTO session (workspace_id, id, channel_id, number, thread_ts, vote_ts, phase, current_speaker_id, outcome, last_seq, announced_seq, updated_at)
       SELECT $1, * , last_seq, now() FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[])
         AS s(id, channel_id, number, thread_ts, vote_ts, phase, speaker, outcome, last_seq)`,
      [
        workspaceId,
        batch.map((b) => b.id),
        batch.map((b) => b.spec.channelId),
        batch.map((b) => b.spec.number),
        batch.map((b) => b.spec.threadTs),
        batch.map((b) => b.voteTs),
        batch.map((b) => projection(b.state).phase),
        batch.map((b) => projection(b.state).speaker),
        batch.map((b) => projection(b.state).outcome),
        batch.map((b) => b.entries.length),
      ],
    );
    await insertLedgerEntries(
      sql,
      workspaceId,
      batch.flatMap((b) => b.entries),
    );
    const jobs = batch.flatMap((b) => sessionTimers(workspaceId, b.id, b.state));
    if (jobs.length) {
      await sql.query(
        `INSERT INTO job (workspace_id, key, kind, due_at, payload) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])`,
        [
          jobs.map((j) => j.workspaceId),
          jobs.map((j) => j.key),
          jobs.map((j) => j.kind),
          jobs.map((j) => j.dueAt),
          jobs.map((j) => JSON.stringify(j.payload)),
        ],
      );
    }
    for (const b of batch) {
      out.push({
        id: b.id,
        channelId: b.spec.channelId,
        number: b.spec.number,
        threadTs: b.spec.threadTs,
        voteTs: b.voteTs,
        state: b.state,
        speakerId: b.state.current?.userId ?? null,
        votersLeft: votersLeft(b.state),
      });
    }
  }
  // Fresh tables: let the planner see their sizes, as it would on a database in use.
  await sql.query("ANALYZE team, member, team_admin, session, ledger_entry, job");
  return out;
}
