import type { SessionEvent } from "./events.ts";
import { DEFAULT_THRESHOLD } from "./quorum.ts";
import { initialState, type SessionState, type StatementRecord, type TurnSlot } from "./state.ts";
import { MOTION_QUESTION_ID, type TurnOutcome, type UserId } from "./types.ts";

/**
 * The state after an event. Pure and total: an event that does not apply (which `decide` never
 * emits) leaves the state as it was, so a ledger can always be read back.
 */
export function evolve(state: SessionState, event: SessionEvent): SessionState {
  switch (event.type) {
    case "started":
      return {
        ...initialState,
        phase: "speaking",
        facts: {
          matter: event.matter,
          category: event.category,
          proposerId: event.proposerId,
          chairId: event.chairId,
          principalId: event.principalId,
          roster: event.roster,
          ballot: event.ballot,
          turnSeconds: event.turnSeconds,
          voteWindow: event.voteWindow ?? null,
          startedAt: event.at,
          quorum: event.quorum,
          proposerIsPrincipal: event.proposerIsPrincipal,
          proposerInCharge: event.proposerInCharge,
          // A ledger written before votes existed has neither: it put one motion to the default threshold.
          questions: event.questions ?? [
            { id: MOTION_QUESTION_ID, kind: "motion", name: null, recommenderId: null },
          ],
          threshold: event.threshold ?? DEFAULT_THRESHOLD,
        },
        absent: event.absent,
        recused: event.recused.map((r) => ({ ...r, by: event.by, at: event.at })),
        turns: event.order.map((t) => ({ ...t, outcome: null })),
        noConcludingStatement: !event.order.some((t) => t.kind === "conclusion"),
      };

    case "turn_started":
      return {
        ...state,
        current: {
          index: event.turnIndex,
          userId: event.userId,
          kind: event.kind,
          startedAt: event.at,
          deadline: event.deadline,
          reminded: false,
          timedOut: false,
        },
      };

    case "statement":
      return {
        ...state,
        statements: [
          ...state.statements,
          {
            userId: event.userId,
            turnIndex: event.turnIndex,
            messageTs: event.messageTs,
            text: event.text,
            at: event.at,
            edits: [],
            deletedAt: null,
          },
        ],
      };

    case "turn_finished":
      return endTurn(state, event.turnIndex, "finished");
    case "principal_concluded":
      return endTurn(state, event.turnIndex, "concluded");
    case "passed":
      return endTurn(state, event.turnIndex, "passed");
    case "skipped":
      return endTurn(state, event.turnIndex, "skipped");

    case "marked_absent":
      return {
        ...withdraw(state, event.userId, "absent"),
        absent: [...state.absent, event.userId],
      };

    case "recused":
      return {
        ...withdraw(state, event.userId, "recused"),
        recused: [
          ...state.recused,
          { userId: event.userId, reason: event.reason, by: event.by, at: event.at },
        ],
        vote: state.vote && {
          ...state.vote,
          eligible: state.vote.eligible.filter((u) => u !== event.userId),
        },
      };

    case "out_of_turn": {
      const { type: _type, ...record } = event;
      return {
        ...state,
        outOfTurn: [...state.outOfTurn, record],
        principalSpokeOutOfTurn:
          state.principalSpokeOutOfTurn || (event.isPrincipal && event.reason !== "afterRound"),
      };
    }

    case "statement_edited":
      return updateStatement(state, event.messageTs, (s) => ({
        ...s,
        edits: [...s.edits, { text: event.text, at: event.at }],
      }));

    case "statement_deleted":
      return updateStatement(state, event.messageTs, (s) => ({ ...s, deletedAt: event.at }));

    case "turn_reminded":
      if (state.current?.index !== event.turnIndex) return state;
      return { ...state, current: { ...state.current, reminded: true } };

    case "turn_timed_out":
      if (state.current?.index !== event.turnIndex) return state;
      return { ...state, current: { ...state.current, timedOut: true } };

    case "paused":
      if (state.phase !== "speaking" && state.phase !== "voting") return state;
      return {
        ...state,
        phase: "paused",
        paused: { at: event.at, by: event.by, reason: event.reason, resumeTo: state.phase },
      };

    case "resumed":
      if (!state.paused) return state;
      return {
        ...state,
        phase: state.paused.resumeTo,
        paused: null,
        current:
          state.current && event.deadline !== null
            ? { ...state.current, deadline: event.deadline }
            : state.current,
        vote:
          state.vote && event.voteDeadline !== undefined
            ? { ...state.vote, deadline: event.voteDeadline }
            : state.vote,
      };

    case "voting_opened": {
      const questions = state.facts?.questions ?? [];
      return {
        ...state,
        phase: "voting",
        current: null,
        vote: {
          openedAt: event.at,
          deadline: event.deadline ?? null,
          reminded: [],
          questions,
          eligible: event.eligibleVoters,
          named: [],
          latest: Object.fromEntries(questions.map((q) => [q.id, {}])),
          castSecret: [],
          closed: null,
        },
      };
    }

    case "vote_cast": {
      const vote = state.vote;
      if (!vote || !Object.hasOwn(vote.latest, event.questionId)) return state;
      const { userId, questionId, choice, at } = event;
      return {
        ...state,
        vote: {
          ...vote,
          named: [...vote.named, { userId, questionId, choice, at }],
          latest: { ...vote.latest, [questionId]: { ...vote.latest[questionId], [userId]: choice } },
        },
      };
    }

    case "voters_reminded":
      if (!state.vote || state.vote.reminded.includes(event.which)) return state;
      return { ...state, vote: { ...state.vote, reminded: [...state.vote.reminded, event.which] } };

    case "ballot_cast":
      if (!state.vote) return state;
      return { ...state, vote: { ...state.vote, castSecret: [...state.vote.castSecret, event.userId] } };

    case "vote_closed":
      if (!state.vote) return state;
      return {
        ...state,
        phase: "closed",
        current: null,
        paused: null,
        vote: { ...state.vote, closed: event },
      };

    case "deferred":
    case "cancelled":
      return {
        ...state,
        phase: event.type,
        current: null,
        paused: null,
        closed: { at: event.at, by: event.by, reason: event.reason },
      };
  }
}

export function fold(events: readonly SessionEvent[], from: SessionState = initialState): SessionState {
  return events.reduce(evolve, from);
}

function endTurn(state: SessionState, turnIndex: number, outcome: TurnOutcome): SessionState {
  const slot = state.turns[turnIndex];
  if (!slot || slot.outcome !== null) return state;
  const turns = state.turns.map((t, i): TurnSlot => (i === turnIndex ? { ...t, outcome } : t));
  return {
    ...state,
    turns,
    current: state.current?.index === turnIndex ? null : state.current,
    noConcludingStatement:
      state.noConcludingStatement || (slot.kind === "conclusion" && outcome !== "concluded"),
  };
}

/** Ends every turn a member still had to come: they are gone (absent) or stepped out (recused). */
function withdraw(state: SessionState, userId: UserId, outcome: "absent" | "recused"): SessionState {
  let lostConclusion = false;
  const turns = state.turns.map((t): TurnSlot => {
    if (t.userId !== userId || t.outcome !== null) return t;
    if (t.kind === "conclusion") lostConclusion = true;
    return { ...t, outcome };
  });
  return {
    ...state,
    turns,
    current: state.current?.userId === userId ? null : state.current,
    noConcludingStatement: state.noConcludingStatement || lostConclusion,
  };
}

function updateStatement(
  state: SessionState,
  messageTs: string,
  change: (s: StatementRecord) => StatementRecord,
): SessionState {
  return {
    ...state,
    statements: state.statements.map((s) => (s.messageTs === messageTs ? change(s) : s)),
  };
}
