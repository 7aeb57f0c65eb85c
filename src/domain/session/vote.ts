import type { QuestionResult, VoteClosedEvent } from "./events.ts";
import { checkQuorum, reachesFraction, type FractionRule } from "./quorum.ts";
import type { SessionState, VoteState } from "./state.ts";
import type { Instant, Question, Totals, UserId, VoteChoice } from "./types.ts";

/*
 * 票决制: how a vote comes out. Pure arithmetic on counts, so the rules can be read (and tested) as
 * a table, apart from the session that feeds them.
 */

export const VOTE_OUTCOMES = ["passed", "rejected", "partly_passed", "no_quorum"] as const;
export type VoteOutcome = (typeof VOTE_OUTCOMES)[number];

export interface VoteOutcomeInput {
  rosterSize: number;
  /** The roster minus members absent at the start and members marked absent since. Recused members count. */
  present: number;
  /** How many members stepped out: they count for the quorum but not in the threshold's base. */
  recused: number;
  quorumRule: FractionRule;
  threshold: FractionRule;
  /** One entry per question, in question order. */
  totals: Totals[];
  /** Secret ballots only: how many were cast. Below the quorum they are not counted at all. */
  ballotsCast?: number;
}

export interface VoteOutcomeReport {
  quorum: { present: number; required: number; rosterSize: number; met: boolean };
  /** rosterSize - recused: what the threshold is a share of. */
  base: number;
  /** Per question, in the order given. */
  passed: boolean[];
  outcome: VoteOutcome;
  /**
   * Fewer secret ballots than the quorum: their totals are never shown, or a chair could close the
   * vote after one ballot and so publish that voter's choice.
   */
  withheld?: true;
}

/**
 * 应到会成员超过半数同意: a question passes when its approvals reach the threshold of the roster
 * minus recused members; not of those present, not of those who voted. A tie falls short. Without
 * a quorum nothing passes.
 */
export function voteOutcome(input: VoteOutcomeInput): VoteOutcomeReport {
  const check = checkQuorum(input.quorumRule, input.present, input.rosterSize);
  const withheld =
    input.ballotsCast !== undefined &&
    !checkQuorum(input.quorumRule, input.ballotsCast, input.rosterSize).met;
  const quorum = {
    present: check.present,
    required: check.required,
    rosterSize: check.rosterSize,
    met: check.met && !withheld,
  };
  const base = input.rosterSize - input.recused;
  const passed = input.totals.map((t) => quorum.met && reachesFraction(input.threshold, t.approve, base));
  const count = passed.filter(Boolean).length;
  const outcome: VoteOutcome = !quorum.met
    ? "no_quorum"
    : count > 0 && count === passed.length
      ? "passed"
      : count === 0
        ? "rejected"
        : "partly_passed";
  return { quorum, base, passed, outcome, ...(withheld ? { withheld } : {}) };
}

export function zeroTotals(): Totals {
  return { approve: 0, reject: 0, abstain: 0 };
}

/** Each voter's latest named choice on a question; own keys only, whatever a user id looks like. */
export function latestChoice(vote: VoteState, questionId: string, userId: UserId): VoteChoice | null {
  const perQuestion = Object.hasOwn(vote.latest, questionId) ? vote.latest[questionId] : undefined;
  if (!perQuestion || !Object.hasOwn(perQuestion, userId)) return null;
  return perQuestion[userId] ?? null;
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

/**
 * Whether what the caller says the ballot box holds fits the ballots on the record: exactly the
 * question ids as keys, and for each, counts adding up to `ballots`. The first misfit, or null.
 */
export function boxMisfit(
  questions: readonly Question[],
  box: unknown,
  ballots: number,
): { questionId: string; expected: number } | null {
  if (box === null || typeof box !== "object" || Array.isArray(box)) {
    return { questionId: questions[0]?.id ?? "", expected: ballots };
  }
  const record = box as Record<string, unknown>;
  for (const q of questions) {
    const t = Object.hasOwn(record, q.id) ? record[q.id] : undefined;
    const fits =
      t !== null &&
      typeof t === "object" &&
      isCount((t as Totals).approve) &&
      isCount((t as Totals).reject) &&
      isCount((t as Totals).abstain) &&
      (t as Totals).approve + (t as Totals).reject + (t as Totals).abstain === ballots;
    if (!fits) return { questionId: q.id, expected: ballots };
  }
  for (const key of Object.keys(record)) {
    if (!questions.some((q) => q.id === key)) return { questionId: key, expected: 0 };
  }
  return null;
}

/**
 * The closing event of the vote, from the state (named: the latest choices; secret: `box`, which
 * the caller has checked against the ballots cast).
 */
export function voteClosedEvent(
  state: SessionState,
  close: { at: Instant; by: UserId | null; reason: string | null; box: Record<string, Totals> | null },
): VoteClosedEvent | null {
  const facts = state.facts;
  const vote = state.vote;
  if (!facts || !vote) return null;
  const secret = facts.ballot === "secret";

  const votes: VoteClosedEvent["votes"] = [];
  const totals: Totals[] = vote.questions.map((q) => {
    if (secret) {
      const counted = close.box?.[q.id];
      return counted
        ? { approve: counted.approve, reject: counted.reject, abstain: counted.abstain }
        : zeroTotals();
    }
    const t = zeroTotals();
    for (const userId of vote.eligible) {
      const choice = latestChoice(vote, q.id, userId);
      if (choice === null) continue;
      t[choice] += 1;
      votes.push({ userId, questionId: q.id, choice });
    }
    return t;
  });

  const voted = vote.eligible.filter((u) =>
    secret ? vote.castSecret.includes(u) : vote.questions.some((q) => latestChoice(vote, q.id, u) !== null),
  );
  const report = voteOutcome({
    rosterSize: facts.roster.length,
    present: facts.roster.length - state.absent.length,
    recused: state.recused.length,
    quorumRule: facts.quorum.rule,
    threshold: facts.threshold,
    totals,
    ...(secret ? { ballotsCast: vote.castSecret.length } : {}),
  });
  // Withheld totals are not kept anywhere, the ledger included: zeros, and the flag says why.
  const results: QuestionResult[] = vote.questions.map((q, i) => ({
    questionId: q.id,
    ...(report.withheld ? zeroTotals() : totals[i]!),
    passed: report.passed[i] ?? false,
  }));
  return {
    type: "vote_closed",
    at: close.at,
    by: close.by,
    reason: close.reason,
    ballot: facts.ballot,
    eligible: [...vote.eligible],
    voted,
    quorum: report.quorum,
    base: report.base,
    threshold: { ...facts.threshold },
    results,
    votes,
    outcome: report.outcome,
    ...(report.withheld ? { withheld: true } : {}),
  };
}

/** Whether a voter has cast anything yet: a named vote on any question, or a secret ballot. */
export function hasVoted(state: SessionState, userId: UserId): boolean {
  const vote = state.vote;
  if (!vote) return false;
  return vote.castSecret.includes(userId) || vote.named.some((v) => v.userId === userId);
}

/** Whether a voter is done: a named choice on every question, or a secret ballot. */
function isDone(state: SessionState, userId: UserId): boolean {
  const vote = state.vote;
  if (!vote) return false;
  if (state.facts?.ballot === "secret") return vote.castSecret.includes(userId);
  return vote.questions.every((q) => latestChoice(vote, q.id, userId) !== null);
}

/** The eligible voters who are done (named: a choice on every question; secret: a ballot), by rank. */
export function whoHasVoted(state: SessionState): UserId[] {
  return (state.vote?.eligible ?? []).filter((u) => isDone(state, u));
}

/** The eligible voters still to vote (named: on at least one question), by rank. */
export function whoHasNotVoted(state: SessionState): UserId[] {
  return (state.vote?.eligible ?? []).filter((u) => !isDone(state, u));
}

/** Whether every eligible voter is done; true of a vote nobody is eligible for. */
export function everyoneVoted(state: SessionState): boolean {
  return state.vote !== null && whoHasNotVoted(state).length === 0;
}

/**
 * The count of the eligible voters' latest named choices, per question id; all zero for a secret
 * ballot, whose count only the ballot box knows. Empty before the vote opens.
 */
export function namedTally(state: SessionState): Record<string, Totals> {
  const vote = state.vote;
  if (!vote) return {};
  const tally: Record<string, Totals> = {};
  for (const q of vote.questions) {
    const totals = zeroTotals();
    for (const userId of vote.eligible) {
      const choice = latestChoice(vote, q.id, userId);
      if (choice !== null) totals[choice] += 1;
    }
    tally[q.id] = totals;
  }
  return tally;
}
