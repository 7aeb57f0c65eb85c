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
import { eligibleVoters, initialState, isClosed, type SessionState } from "../../../../src/domain/session/state.ts";
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
    | "repeat";
  actor: Actor;
  target: Actor;
  dt: number;
  reuseTs: number | null;
  turn: "current" | "previous" | "none" | number;
  blankReason: boolean;
  admin: boolean;
}

const actorArb: fc.Arbitrary<Actor> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Actor>("current") },
  { weight: 1, arbitrary: fc.constant<Actor>("chair") },
  { weight: 1, arbitrary: fc.constant<Actor>("principal") },
  { weight: 1, arbitrary: fc.constant<Actor>("outsider") },
  { weight: 3, arbitrary: fc.nat({ max: 9 }) },
);

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

function toCommand(step: Step, state: SessionState, setup: Setup, time: string, seenTs: string[], n: number) {
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
      } as const;
    case "remind":
    case "time_out":
      return { type: step.kind, at: time, turnIndex: turnIndex ?? 0 } as const;
    case "repeat":
      return null;
  }
}

interface Run {
  setup: Setup;
  events: SessionEvent[];
  /** The state before each event, and the state at the end. */
  before: SessionState[];
  /** The command each event came from. */
  causes: SessionCommand[];
  state: SessionState;
}

function play(setup: Setup, steps: Step[]): Run {
  let state = initialState;
  const events: SessionEvent[] = [];
  const before: SessionState[] = [];
  const causes: SessionCommand[] = [];
  const seenTs: string[] = [];
  let seconds = 0;
  let last: SessionCommand = setup.start;

  const apply = (command: SessionCommand) => {
    const decision = decide(state, command);
    // decide is pure: asking twice gives the same answer.
    expect(decide(state, command)).toEqual(decision);
    if (!decision.ok) return;
    for (const event of decision.events) {
      before.push(state);
      causes.push(command);
      state = evolve(state, event);
      events.push(event);
    }
  };

  apply(setup.start);
  steps.forEach((step, n) => {
    seconds += step.dt;
    const command = toCommand(step, state, setup, at(seconds), seenTs, n) ?? last;
    if (command.type === "reply") seenTs.push(command.messageTs);
    apply(command);
    last = command;
  });
  return { setup, events, before, causes, state };
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

describe("random meetings", () => {
  it("keep every rule of the meeting", () => {
    fc.assert(
      fc.property(runArb, ([setup, steps]) => {
        const run = play(setup, steps);
        const { events, before, causes, state } = run;
        const started = events.find((e) => e.type === "started");
        if (!started || started.type !== "started") {
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
      }),
      { numRuns: 400 },
    );
  });

  it("leave a ledger that verifies, and that names any entry whose payload was changed", () => {
    fc.assert(
      fc.property(runArb, fc.nat(), fc.nat(), ([setup, steps], entryPick, leafPick) => {
        const { events } = play(setup, steps);
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
