import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sessionEventContent } from "../../../../src/domain/ledger/entry.ts";
import { sealEntries, verifyChain, type LedgerEntry } from "../../../../src/domain/ledger/hash.ts";
import type { Member } from "../../../../src/domain/roster/member.ts";
import { SESSION_CATEGORIES } from "../../../../src/domain/session/category.ts";
import type { SessionCommand, StartCommand } from "../../../../src/domain/session/commands.ts";
import { decide } from "../../../../src/domain/session/decide.ts";
import type { SessionEvent } from "../../../../src/domain/session/events.ts";
import { evolve, fold } from "../../../../src/domain/session/evolve.ts";
import { reachesFraction } from "../../../../src/domain/session/quorum.ts";
import {
  eligibleVoters,
  initialState,
  isClosed,
  type SessionState,
} from "../../../../src/domain/session/state.ts";
import {
  VOTE_CHOICES,
  type Ballot,
  type Totals,
  type VoteChoice,
} from "../../../../src/domain/session/types.ts";
import { latestChoice, voteOutcome, whoHasNotVoted } from "../../../../src/domain/session/vote.ts";
import { at } from "./fixtures.ts";

/*
 * Random meetings: random rosters, random starts (some refused), then random commands from random
 * people, including duplicates and stale scheduler calls. Whatever happens, the rules must hold.
 */

type Actor = "current" | "chair" | "principal" | "outsider" | number;

interface Step {
  kind:
    | "reply"
    | "finish"
    | "pass"
    | "skip"
    | "mark_absent"
    | "recuse"
    | "pause"
    | "resume"
    | "defer"
    | "cancel"
    | "remind"
    | "time_out"
    | "edit"
    | "delete"
    | "repeat"
    | "vote"
    | "cast_secret"
    | "close_vote";
  actor: Actor;
  target: Actor;
  dt: number;
  reuseTs: number | null;
  turn: "current" | "previous" | "none" | number;
  blankReason: boolean;
  admin: boolean;
  /** Votes: which question (an index past the last is an unknown id), and the choices. */
  question: number;
  choices: VoteChoice[];
  /** Secret ballots: how the ballot answers the questions. */
  ballotShape: "full" | "reversed" | "missing" | "duplicate" | "unknown";
  /** What the caller says the box holds: right, without this ballot (or none at all), or off by one. */
  box: "right" | "stale" | "off";
}

const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Actor>("current") },
  { weight: 1, arbitrary: fc.constant<Actor>("chair") },
  { weight: 1, arbitrary: fc.constant<Actor>("principal") },
  { weight: 1, arbitrary: fc.constant<Actor>("outsider") },
  { weight: 3, arbitrary: fc.nat({ max: 9 }) },
);

const voteFields = {
  question: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.nat({ max: 3 }) }),
  choices: fc.array(fc.constantFrom(...VOTE_CHOICES), { minLength: 4, maxLength: 4 }),
  ballotShape: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("full" as const, "reversed" as const) },
    { weight: 1, arbitrary: fc.constantFrom("missing" as const, "duplicate" as const, "unknown" as const) },
  ),
  box: fc.oneof(
    { weight: 8, arbitrary: fc.constant("right" as const) },
    { weight: 1, arbitrary: fc.constantFrom("stale" as const, "off" as const) },
  ),
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.oneof(
    { weight: 30, arbitrary: fc.constant("reply" as const) },
    { weight: 20, arbitrary: fc.constant("finish" as const) },
    { weight: 15, arbitrary: fc.constant("pass" as const) },
    {
      weight: 5,
      arbitrary: fc.constantFrom(
        "skip",
        "mark_absent",
        "recuse",
        "pause",
        "resume",
        "remind",
        "time_out",
        "edit",
        "delete",
        "repeat",
      ) as fc.Arbitrary<Step["kind"]>,
    },
    { weight: 5, arbitrary: fc.constantFrom("resume", "repeat") as fc.Arbitrary<Step["kind"]> },
    { weight: 1, arbitrary: fc.constantFrom("defer", "cancel") as fc.Arbitrary<Step["kind"]> },
    {
      weight: 5,
      arbitrary: fc.constantFrom("vote", "cast_secret", "close_vote") as fc.Arbitrary<Step["kind"]>,
    },
  ),
  actor: actorArb,
  target: actorArb,
  dt: fc.integer({ min: 0, max: 200 }),
  reuseTs: fc.option(fc.nat({ max: 30 }), { freq: 4 }),
  turn: fc.oneof(
    fc.constantFrom("current" as const, "previous" as const, "none" as const),
    fc.nat({ max: 12 }),
  ),
  blankReason: fc.boolean(),
  admin: fc.boolean(),
  ...voteFields,
});

/** After the round: mostly votes and ballots, with recusals, pauses, closes, defers and repeats. */
const voteStepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.oneof(
    { weight: 30, arbitrary: fc.constantFrom("vote", "cast_secret") as fc.Arbitrary<Step["kind"]> },
    { weight: 3, arbitrary: fc.constant("close_vote" as const) },
    { weight: 3, arbitrary: fc.constantFrom("recuse", "repeat", "reply") as fc.Arbitrary<Step["kind"]> },
    {
      weight: 1,
      arbitrary: fc.constantFrom("pause", "resume", "defer", "skip") as fc.Arbitrary<Step["kind"]>,
    },
  ),
  actor: fc.oneof(
    { weight: 10, arbitrary: fc.nat({ max: 9 }) as fc.Arbitrary<Actor> },
    { weight: 1, arbitrary: fc.constantFrom<Actor>("chair", "outsider", "principal") },
  ),
  target: fc.oneof(
    { weight: 10, arbitrary: fc.nat({ max: 9 }) as fc.Arbitrary<Actor> },
    { weight: 1, arbitrary: fc.constantFrom<Actor>("chair", "outsider") },
  ),
  dt: fc.integer({ min: 0, max: 200 }),
  reuseTs: fc.constant(null),
  turn: fc.constant("none" as const),
  blankReason: fc.oneof(
    { weight: 6, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  ),
  admin: fc.boolean(),
  ...voteFields,
});

interface Setup {
  roster: Member[];
  start: StartCommand;
}

const setupArb: fc.Arbitrary<Setup> = fc
  .record({
    size: fc.integer({ min: 1, max: 9 }),
    withoutPrincipal: fc.integer({ min: 0, max: 5 }),
    presence: fc.array(fc.constantFrom("present", "present", "present", "present", "absent", "recused"), {
      minLength: 9,
      maxLength: 9,
    }),
    proposer: fc.nat({ max: 8 }),
    chair: fc.nat({ max: 9 }),
    category: fc.constantFrom(...SESSION_CATEGORIES),
    principalMayPropose: fc.boolean(),
    turnSeconds: fc.integer({ min: 1, max: 150 }),
    ballot: fc.constantFrom<Ballot | undefined>(undefined, undefined, "named", "secret"),
    nominees: fc.nat({ max: 3 }),
    recommender: fc.nat({ max: 8 }),
  })
  .map((g): Setup => {
    // One run in six has no principal (a vacant post).
    const firstRank = g.withoutPrincipal === 0 ? 2 : 1;
    const roster = Array.from({ length: g.size }, (_, i) => ({
      userId: `U${i + firstRank}`,
      rank: i + firstRank,
      title: null,
      powers: [],
      roles: [],
    }));
    const proposer = roster[g.proposer % g.size]!;
    const absent = roster.filter((m, i) => m !== proposer && g.presence[i] === "absent").map((m) => m.userId);
    const recused = roster
      .filter((m, i) => m !== proposer && g.presence[i] === "recused")
      .map((m) => ({ userId: m.userId, reason: "conflict" }));
    const chairId = g.chair < g.size ? roster[g.chair]!.userId : "UCHAIR";
    const nominees =
      g.category === "personnel"
        ? Array.from({ length: g.nominees }, (_, i) => ({
            name: `Nominee ${i + 1}`,
            recommenderId: roster[(g.recommender + i) % g.size]!.userId,
          }))
        : [];
    return {
      roster,
      start: {
        type: "start",
        at: at(0),
        matter: "A matter",
        category: g.category,
        proposerId: proposer.userId,
        chairId,
        roster,
        absent,
        recused,
        turnSeconds: g.turnSeconds,
        rules: { principalMayPropose: g.principalMayPropose },
        ...(g.ballot === undefined ? {} : { ballot: g.ballot }),
        ...(nominees.length === 0 ? {} : { nominees }),
      },
    };
  });

function resolve(actor: Actor, state: SessionState, setup: Setup): string {
  if (actor === "current") return state.current?.userId ?? setup.start.proposerId;
  if (actor === "chair") return setup.start.chairId;
  if (actor === "principal") return setup.roster.find((m) => m.rank === 1)?.userId ?? "UNOPRINCIPAL";
  if (actor === "outsider") return "UOUTSIDER";
  return setup.roster[actor % setup.roster.length]!.userId;
}

/** The store's ballot box in these runs: the counts per question id. */
type Box = Record<string, Totals>;

function questionIds(state: SessionState): string[] {
  return (state.facts?.questions ?? []).map((q) => q.id);
}

/** This step's secret choices, one per question. */
function ballotChoices(step: Step, state: SessionState): Record<string, VoteChoice> {
  return Object.fromEntries(questionIds(state).map((id, i) => [id, step.choices[i % step.choices.length]!]));
}

function withBallot(box: Box, choices: Record<string, VoteChoice>): Box {
  const next = structuredClone(box);
  for (const [id, choice] of Object.entries(choices)) {
    next[id] ??= { approve: 0, reject: 0, abstain: 0 };
    next[id][choice] += 1;
  }
  return next;
}

function faulty(box: Box, fault: Step["box"], ids: string[]): Box {
  if (fault !== "off") return box;
  const next = structuredClone(box);
  const id = ids[0] ?? "motion";
  next[id] = { ...(next[id] ?? { approve: 0, reject: 0, abstain: 0 }) };
  next[id].approve += 1;
  return next;
}

function toCommand(
  step: Step,
  state: SessionState,
  setup: Setup,
  time: string,
  seenTs: string[],
  n: number,
  box: Box,
): SessionCommand | null {
  const userId = resolve(step.actor, state, setup);
  const by = userId;
  const reason = step.blankReason ? " " : "because";
  const turnIndex =
    step.turn === "current"
      ? (state.current?.index ?? 0)
      : step.turn === "previous"
        ? Math.max(0, (state.current?.index ?? 1) - 1)
        : step.turn === "none"
          ? undefined
          : step.turn;
  const ts = step.reuseTs !== null && seenTs.length > 0 ? seenTs[step.reuseTs % seenTs.length]! : `ts-${n}`;
  const optionalTurn = turnIndex === undefined ? {} : { turnIndex };
  switch (step.kind) {
    case "reply":
      return { type: "reply", at: time, userId, messageTs: ts, text: `text ${n}` } as const;
    case "edit":
      return { type: "edit", at: time, userId, messageTs: ts, text: `edited ${n}` } as const;
    case "delete":
      return { type: "delete", at: time, userId, messageTs: ts } as const;
    case "finish":
    case "pass":
      return { type: step.kind, at: time, userId, ...optionalTurn } as const;
    case "skip":
    case "mark_absent":
      return { type: step.kind, at: time, by, byIsAdmin: step.admin, reason, ...optionalTurn } as const;
    case "pause":
    case "defer":
    case "cancel":
      return { type: step.kind, at: time, by, byIsAdmin: step.admin, reason } as const;
    case "resume":
      return { type: "resume", at: time, by, byIsAdmin: step.admin } as const;
    case "recuse":
      return {
        type: "recuse",
        at: time,
        by,
        byIsAdmin: step.admin,
        userId: resolve(step.target, state, setup),
        reason,
        // During a secret vote the store may say what the box holds, so the vote can close.
        ...(step.box === "stale" ? {} : { box: faulty(box, step.box, questionIds(state)) }),
      } as const;
    case "remind":
    case "time_out":
      return { type: step.kind, at: time, turnIndex: turnIndex ?? 0 } as const;
    case "repeat":
      return null;
    case "vote": {
      const ids = questionIds(state);
      const questionId = ids[step.question] ?? `q${step.question}`;
      return { type: "vote", at: time, userId, questionId, choice: step.choices[0]! };
    }
    case "cast_secret": {
      const ids = questionIds(state);
      const questionIdsOfBallot =
        step.ballotShape === "full"
          ? ids
          : step.ballotShape === "reversed"
            ? [...ids].reverse()
            : step.ballotShape === "missing"
              ? ids.slice(1)
              : step.ballotShape === "duplicate"
                ? [...ids, ids[0] ?? "motion"]
                : [...ids.slice(1), "zz"];
      const boxAfter =
        step.box === "stale" ? box : faulty(withBallot(box, ballotChoices(step, state)), step.box, ids);
      return { type: "cast_secret", at: time, userId, questionIds: questionIdsOfBallot, boxAfter };
    }
    case "close_vote":
      return {
        type: "close_vote",
        at: time,
        by,
        byIsAdmin: step.admin,
        reason,
        ...(step.box === "stale" ? {} : { box: faulty(box, step.box, questionIds(state)) }),
      };
  }
}

interface Run {
  setup: Setup;
  events: SessionEvent[];
  /** The state before each event, and the state at the end. */
  before: SessionState[];
  /** The command each event came from. */
  causes: SessionCommand[];
  /** What the ballot box held after each event (secret ballots; the store's side, not the ledger's). */
  boxes: Box[];
  state: SessionState;
}

/**
 * Plays the start, then (with `fastForward`) lets everyone pass until the vote opens, then the
 * steps. The run keeps the ballot box the way the store does: a ballot goes in once the domain has
 * accepted it.
 */
function play(setup: Setup, steps: Step[], fastForward = false): Run {
  let state = initialState;
  const events: SessionEvent[] = [];
  const before: SessionState[] = [];
  const causes: SessionCommand[] = [];
  const boxes: Box[] = [];
  const seenTs: string[] = [];
  let box: Box = {};
  let seconds = 0;
  let last: SessionCommand = setup.start;
  let lastStep: Step | null = null;

  const apply = (command: SessionCommand, step: Step | null) => {
    const decision = decide(state, command);
    // decide is pure: asking twice gives the same answer.
    expect(decide(state, command)).toEqual(decision);
    if (!decision.ok) return;
    for (const event of decision.events) {
      before.push(state);
      causes.push(command);
      if (event.type === "ballot_cast" && step) box = withBallot(box, ballotChoices(step, state));
      state = evolve(state, event);
      events.push(event);
      boxes.push(box);
    }
  };

  apply(setup.start, null);
  box = Object.fromEntries(questionIds(state).map((id) => [id, { approve: 0, reject: 0, abstain: 0 }]));
  for (let guard = 0; fastForward && state.phase === "speaking" && state.current && guard < 30; guard++) {
    seconds += 1;
    const { userId, kind } = state.current;
    if (kind === "proposal") {
      // The proposer may not pass: they present.
      const messageTs = `1740819600.${String(seconds).padStart(6, "0")}`;
      seenTs.push(messageTs);
      apply({ type: "reply", at: at(seconds), userId, messageTs, text: "The proposal." }, null);
      apply({ type: "finish", at: at(seconds), userId }, null);
      continue;
    }
    apply({ type: "pass", at: at(seconds), userId }, null);
  }
  steps.forEach((step, n) => {
    seconds += step.dt;
    const fresh = toCommand(step, state, setup, at(seconds), seenTs, n, box);
    const command = fresh ?? last;
    if (command.type === "reply") seenTs.push(command.messageTs);
    apply(command, fresh ? step : lastStep);
    last = command;
    if (fresh) lastStep = step;
  });
  return { setup, events, before, causes, boxes, state };
}

function turnEndingIndex(event: SessionEvent): number | null {
  switch (event.type) {
    case "turn_finished":
    case "passed":
    case "principal_concluded":
    case "skipped":
    case "marked_absent":
      return event.turnIndex;
    default:
      return null;
  }
}

/** Every leaf of a JSON value, as a path. */
function leafPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (value !== null && typeof value === "object") {
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    return entries.flatMap(([k, v]) => leafPaths(v, [...path, k]));
  }
  return [path];
}

function flipLeaf(value: unknown, path: Array<string | number>): unknown {
  if (path.length === 0) {
    if (typeof value === "string") {
      if (value === "") return "x";
      return String.fromCharCode(value.charCodeAt(0) ^ 1) + value.slice(1);
    }
    if (typeof value === "number") return value + 1;
    if (typeof value === "boolean") return !value;
    return 0;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? flipLeaf(v, rest) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head as string]: flipLeaf(record[head as string], rest) };
}

const runArb = fc.tuple(setupArb, fc.array(stepArb, { minLength: 5, maxLength: 120, size: "max" }));

/** Runs that fast-forward through the round and then mostly vote. */
const voteRunArb = fc.tuple(setupArb, fc.array(voteStepArb, { minLength: 5, maxLength: 60, size: "max" }));

const anyRunArb = fc.oneof(
  runArb.map(([setup, steps]) => [setup, steps, false] as const),
  voteRunArb.map(([setup, steps]) => [setup, steps, true] as const),
);

const isChoice = (value: unknown): boolean =>
  typeof value === "string" && (VOTE_CHOICES as readonly string[]).includes(value);

/** Every string leaf of a JSON value that is a vote choice. Keys (like the totals' names) are not values. */
function choiceLeaves(value: unknown): string[] {
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(choiceLeaves);
  return isChoice(value) ? [value as string] : [];
}

function checkRun(run: Run): void {
  const { events, before, causes, state, setup } = run;
  const started = events.find((e) => e.type === "started");
  if (started?.type !== "started") {
    expect(events).toEqual([]);
    return;
  }
  const principalId = started.principalId;

  // Folding the ledger gives the state built step by step.
  expect(fold(events)).toEqual(state);

  // Events are plain JSON and carry their time.
  for (const event of events) {
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
    expect(typeof event.at).toBe("string");
  }

  // A turn ends once, and a member ends at most one turn of each kind.
  const endedTurns = events.map(turnEndingIndex).filter((i): i is number => i !== null);
  expect(new Set(endedTurns).size).toBe(endedTurns.length);
  const endsByMember = new Map<string, number>();
  for (const i of endedTurns) {
    const turn = started.order[i]!;
    if (turn.kind === "proposal") continue;
    endsByMember.set(turn.userId, (endsByMember.get(turn.userId) ?? 0) + 1);
  }
  for (const count of endsByMember.values()) expect(count).toBe(1);

  events.forEach((event, k) => {
    const prior = before[k]!;
    const cause = causes[k]!;
    // Only the speaker ends their own turn; only the chair or an admin ends someone else's.
    if (event.type === "turn_finished" || event.type === "principal_concluded" || event.type === "passed") {
      expect(cause).toMatchObject({ userId: event.userId });
      expect(["finish", "pass"]).toContain(cause.type);
    }
    // 汇报议题: the proposer's turn is never passed or skipped; their absence defers the session.
    if (event.type === "passed" || event.type === "skipped") {
      expect(started.order[event.turnIndex]!.kind).not.toBe("proposal");
    }
    if (event.type === "marked_absent" && started.order[event.turnIndex]!.kind === "proposal") {
      expect(events[k + 1]).toMatchObject({ type: "deferred", by: event.by, reason: event.reason });
    }
    if (event.type === "skipped" || event.type === "marked_absent" || event.type === "paused") {
      const byChair = "by" in cause && (cause.by === setup.start.chairId || cause.byIsAdmin === true);
      expect(byChair).toBe(true);
    }
    if (event.type === "recused") {
      expect(cause).toMatchObject({ type: "recuse", userId: event.userId });
      expect(
        cause.type === "recuse" &&
          (cause.by === event.userId || cause.by === setup.start.chairId || cause.byIsAdmin),
      ).toBe(true);
    }
    // Nothing happens to a closed session.
    expect(isClosed(prior)).toBe(false);
    if (event.type === "statement") {
      // Only the current speaker makes statements, on their own turn.
      expect(prior.phase).toBe("speaking");
      expect(prior.current).toMatchObject({ userId: event.userId, index: event.turnIndex });
      // 末位发言制: the principal's statement comes after every other member's turn has ended.
      if (event.userId === principalId && started.order[event.turnIndex]?.kind !== "proposal") {
        const othersPending = prior.turns.filter((t) => t.userId !== principalId && t.outcome === null);
        expect(othersPending).toEqual([]);
      }
    }
    if (event.type === "voting_opened") {
      expect(event.eligibleVoters).toEqual(eligibleVoters(prior));
      expect(prior.turns.every((t) => t.outcome !== null)).toBe(true);
    }
  });

  // Turn outcomes, once set, do not change.
  for (let k = 1; k < before.length; k++) {
    before[k - 1]!.turns.forEach((t, i) => {
      if (t.outcome !== null) expect(before[k]!.turns[i]!.outcome).toBe(t.outcome);
    });
  }

  // The flag says exactly whether the principal spoke early.
  expect(state.principalSpokeOutOfTurn).toBe(
    state.outOfTurn.some((o) => o.isPrincipal && o.reason !== "afterRound"),
  );
  // Recused and absent members neither speak nor vote.
  for (const r of state.recused) expect(eligibleVoters(state)).not.toContain(r.userId);
}

/** 票决制: who may vote, how often, what the record shows, and how the count comes out. */
function checkVotes(run: Run): void {
  const { events, before, causes, boxes, setup, state } = run;
  const started = events.find((e) => e.type === "started");
  if (started?.type !== "started") return;
  const secret = started.ballot === "secret";
  const questionIds = started.questions.map((q) => q.id);
  const ballotsBy = new Map<string, number>();
  const closes = events.filter((e) => e.type === "vote_closed");
  expect(closes.length).toBeLessThanOrEqual(1);
  if (closes.length === 1) {
    expect(events.at(-1)?.type).toBe("vote_closed");
    expect(state.phase).toBe("closed");
    expect(state.vote?.closed).toEqual(closes[0]);
  }

  events.forEach((event, k) => {
    const prior = before[k]!;
    const cause = causes[k]!;
    // While the vote is open, its voters are exactly those present and not recused.
    if (prior.phase === "voting") expect(prior.vote?.eligible).toEqual(eligibleVoters(prior));

    if (event.type === "vote_cast" || event.type === "ballot_cast") {
      // Only eligible voters vote, only while the vote is open, only on the ballot the session has.
      expect(prior.phase).toBe("voting");
      expect(prior.vote?.eligible).toContain(event.userId);
      expect(eligibleVoters(prior)).toContain(event.userId);
      expect(cause).toMatchObject({ userId: event.userId });
      expect(secret).toBe(event.type === "ballot_cast");
    }
    if (event.type === "vote_cast") {
      expect(questionIds).toContain(event.questionId);
      const previous = prior.vote ? latestChoice(prior.vote, event.questionId, event.userId) : null;
      expect(event.changed).toBe(previous !== null);
      expect(previous).not.toBe(event.choice);
    }
    if (event.type === "ballot_cast") {
      // A secret voter casts at most once.
      ballotsBy.set(event.userId, (ballotsBy.get(event.userId) ?? 0) + 1);
      expect(ballotsBy.get(event.userId)).toBe(1);
      expect(Object.keys(event).sort()).toEqual(["at", "type", "userId"]);
    }
    if (event.type === "recused" && prior.vote) {
      // A voter steps out only before voting.
      expect(prior.vote.castSecret).not.toContain(event.userId);
      expect(prior.vote.named.some((v) => v.userId === event.userId)).toBe(false);
    }
    if (event.type === "vote_closed") {
      expect(prior.phase).toBe("voting");
      expect(event.ballot).toBe(started.ballot);
      expect(event.eligible).toEqual(eligibleVoters(prior));
      for (const u of event.voted) expect(event.eligible).toContain(u);
      expect(event.results.map((r) => r.questionId)).toEqual(questionIds);
      if (event.by === null) {
        // Closed by itself: every eligible voter had voted.
        expect(whoHasNotVoted(prior)).toEqual([]);
        expect(event.reason).toBeNull();
      } else {
        expect(cause.type).toBe("close_vote");
        expect(
          cause.type === "close_vote" && (cause.by === setup.start.chairId || cause.byIsAdmin === true),
        ).toBe(true);
        expect(event.reason?.trim()).not.toBe("");
      }
      for (const r of event.results) {
        // Each question's count is the number of distinct voters counted on it.
        const counted = secret
          ? event.voted
          : [...new Set(event.votes.filter((v) => v.questionId === r.questionId).map((v) => v.userId))];
        expect(r.approve + r.reject + r.abstain).toBe(event.withheld ? 0 : counted.length);
        if (!secret) {
          expect(event.votes.filter((v) => v.questionId === r.questionId).length).toBe(counted.length);
          for (const v of event.votes.filter((x) => x.questionId === r.questionId)) {
            expect(prior.vote && latestChoice(prior.vote, v.questionId, v.userId)).toBe(v.choice);
          }
        } else if (event.withheld) {
          // Fewer ballots than the quorum: no totals, ever.
          expect([r.approve, r.reject, r.abstain]).toEqual([0, 0, 0]);
        } else {
          // The count is the ballot box's, and the box holds one ballot per voter.
          const { approve, reject, abstain } = boxes[k]![r.questionId]!;
          expect({ approve, reject, abstain }).toEqual({
            approve: r.approve,
            reject: r.reject,
            abstain: r.abstain,
          });
        }
        expect(r.passed).toBe(event.quorum.met && reachesFraction(event.threshold, r.approve, event.base));
      }
      if (secret) {
        // Withheld exactly when the ballots cast fall short of the quorum.
        expect(event.withheld === true).toBe(
          !reachesFraction(started.quorum.rule, prior.vote?.castSecret.length ?? 0, started.roster.length),
        );
        expect(event.votes).toEqual([]);
        expect(event.voted).toEqual(event.eligible.filter((u) => prior.vote?.castSecret.includes(u)));
      }
      expect(event.base).toBe(started.roster.length - prior.recused.length);
      expect(event.threshold).toEqual(started.threshold);
      const report = voteOutcome({
        rosterSize: started.roster.length,
        present: started.roster.length - prior.absent.length,
        recused: prior.recused.length,
        quorumRule: started.quorum.rule,
        threshold: started.threshold,
        totals: event.results,
        ...(secret ? { ballotsCast: prior.vote?.castSecret.length ?? 0 } : {}),
      });
      expect(event.quorum).toEqual(report.quorum);
      expect(event.outcome).toBe(report.outcome);
    }
    // 无记名投票: no choice ever reaches the ledger of a secret vote.
    if (secret) expect(choiceLeaves(event)).toEqual([]);
  });
}

describe("random meetings", () => {
  it("keep every rule of the meeting", () => {
    fc.assert(
      fc.property(runArb, ([setup, steps]) => {
        const run = play(setup, steps);
        checkRun(run);
        checkVotes(run);
      }),
      { numRuns: 400 },
    );
  });

  it("keep every rule of the vote", () => {
    let closed = 0;
    let secretClosed = 0;
    fc.assert(
      fc.property(voteRunArb, ([setup, steps]) => {
        const run = play(setup, steps, true);
        checkRun(run);
        checkVotes(run);
        const close = run.events.find((e) => e.type === "vote_closed");
        if (close) closed += 1;
        if (close?.type === "vote_closed" && close.ballot === "secret") secretClosed += 1;
      }),
      { numRuns: 400 },
    );
    // The runs do reach the end of the vote, on both ballots.
    expect(closed).toBeGreaterThan(40);
    expect(secretClosed).toBeGreaterThan(10);
  });

  it("leave a ledger that verifies, and that names any entry whose payload was changed", () => {
    fc.assert(
      fc.property(anyRunArb, fc.nat(), fc.nat(), ([setup, steps, fastForward], entryPick, leafPick) => {
        const { events } = play(setup, steps, fastForward);
        if (events.length === 0) return;
        const ledger: LedgerEntry[] = sealEntries(
          events.map((event, i) => sessionEventContent("3f1c8d4e-0000-4000-8000-000000000001", i + 1, event)),
        );
        expect(verifyChain(ledger)).toEqual({ ok: true });
        // What is read back from JSONB verifies too.
        expect(verifyChain(JSON.parse(JSON.stringify(ledger)) as LedgerEntry[])).toEqual({ ok: true });

        const i = entryPick % ledger.length;
        const entry = ledger[i]!;
        const paths = leafPaths(entry.payload);
        const path = paths[leafPick % paths.length]!;
        const tampered = [...ledger];
        tampered[i] = { ...entry, payload: flipLeaf(entry.payload, path) };
        expect(verifyChain(tampered)).toEqual({ ok: false, seq: entry.seq, reason: "hash" });
      }),
      { numRuns: 200 },
    );
  });
});
