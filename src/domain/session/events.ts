import type { FileRef } from "./commands.ts";
import type { Member } from "../roster/member.ts";
import type { SessionCategory } from "./category.ts";
import type { FractionRule } from "./quorum.ts";
import type { Ballot, Instant, Question, Recusal, Turn, TurnKind, UserId, VoteChoice } from "./types.ts";
import type { VoteOutcome } from "./vote.ts";
import type { VoteReminder, VoteWindow } from "./vote-deadline.ts";

/*
 * What happened in a session. Events are plain JSON (no undefined, no Date, no optional fields):
 * they are stored as JSONB in the ledger and hashed, so what is read back must equal what was
 * written.
 */

export interface StartedEvent {
  type: "started";
  at: Instant;
  /** The chair: whoever started the session. */
  by: UserId;
  matter: string;
  category: SessionCategory;
  /** 首提责任制: the first proposer is on the record for good. */
  proposerId: UserId;
  chairId: UserId;
  principalId: UserId | null;
  /** The roster as it was when the session started; later roster changes do not reach it. */
  roster: Member[];
  absent: UserId[];
  recused: Recusal[];
  ballot: Ballot;
  turnSeconds: number;
  /** How long the vote stays open. Absent from ledgers written before votes had deadlines. */
  voteWindow: VoteWindow;
  quorum: { rule: FractionRule; present: number; required: number; rosterSize: number };
  proposerIsPrincipal: boolean;
  /** False when the matter belongs to a key power the proposer does not hold; null when none does. */
  proposerInCharge: boolean | null;
  order: Turn[];
  /** What will be put to the vote: one motion, or one question per nominee. */
  questions: Question[];
  /** The share of approvals a question needs, of the roster minus recused members. */
  threshold: FractionRule;
}

export interface TurnStartedEvent {
  type: "turn_started";
  at: Instant;
  turnIndex: number;
  userId: UserId;
  kind: TurnKind;
  deadline: Instant;
}

/** One reply of the current speaker; a statement is usually several messages. */
export interface StatementEvent {
  type: "statement";
  at: Instant;
  userId: UserId;
  turnIndex: number;
  messageTs: string;
  text: string;
  /** Files shared with the statement, by name and permalink (absent when there were none). */
  files?: FileRef[];
}

export interface TurnFinishedEvent {
  type: "turn_finished";
  at: Instant;
  userId: UserId;
  turnIndex: number;
}

export interface PassedEvent {
  type: "passed";
  at: Instant;
  userId: UserId;
  turnIndex: number;
}

export interface PrincipalConcludedEvent {
  type: "principal_concluded";
  at: Instant;
  userId: UserId;
  turnIndex: number;
}

export interface SkippedEvent {
  type: "skipped";
  at: Instant;
  by: UserId;
  userId: UserId;
  turnIndex: number;
  reason: string;
}

export interface MarkedAbsentEvent {
  type: "marked_absent";
  at: Instant;
  by: UserId;
  userId: UserId;
  turnIndex: number;
  reason: string;
}

export interface RecusedEvent {
  type: "recused";
  at: Instant;
  by: UserId;
  userId: UserId;
  reason: string;
}

/**
 * Why a reply did not count as a statement. `afterRound` replies come once every turn has ended;
 * they are recorded but do not make the principal an early speaker.
 */
export type OutOfTurnReason = "notYourTurn" | "paused" | "afterRound";

export interface OutOfTurnEvent {
  type: "out_of_turn";
  at: Instant;
  userId: UserId;
  isPrincipal: boolean;
  messageTs: string;
  text: string;
  /** Whose turn it was; null once the round is over. */
  turnOf: UserId | null;
  reason: OutOfTurnReason;
}

/** The original statement stays on the record; the edit is added next to it. */
export interface StatementEditedEvent {
  type: "statement_edited";
  at: Instant;
  userId: UserId;
  messageTs: string;
  turnIndex: number;
  text: string;
}

export interface StatementDeletedEvent {
  type: "statement_deleted";
  at: Instant;
  userId: UserId;
  messageTs: string;
  turnIndex: number;
}

export interface TurnRemindedEvent {
  type: "turn_reminded";
  at: Instant;
  userId: UserId;
  turnIndex: number;
}

export interface TurnTimedOutEvent {
  type: "turn_timed_out";
  at: Instant;
  userId: UserId;
  turnIndex: number;
}

export interface PausedEvent {
  type: "paused";
  at: Instant;
  by: UserId;
  reason: string;
}

export interface ResumedEvent {
  type: "resumed";
  at: Instant;
  by: UserId;
  /** The current turn gets back the time it had left when the session was paused. */
  deadline: Instant | null;
  /** So does the vote: its deadline moves by the length of the pause (null: no vote, or none). */
  voteDeadline?: Instant | null;
}

/** Every turn has ended: the vote may open. The voters are those present and not recused. */
export interface VotingOpenedEvent {
  type: "voting_opened";
  at: Instant;
  eligibleVoters: UserId[];
  concluded: boolean;
  /** When the vote closes by itself; null: when everyone has voted (a live meeting, see vote-deadline). */
  deadline: Instant | null;
}

/** Those who had not voted were reminded (each by direct message, in their language). */
export interface VotersRemindedEvent {
  type: "voters_reminded";
  at: Instant;
  which: VoteReminder;
  userIds: UserId[];
  deadline: Instant;
}

/** A named vote, or a change of it: both stay on the record; the tally takes the latest. */
export interface VoteCastEvent {
  type: "vote_cast";
  at: Instant;
  userId: UserId;
  questionId: string;
  choice: VoteChoice;
  /** True when it replaces an earlier, different choice of the same voter on the same question. */
  changed: boolean;
}

/** A secret ballot was cast. Only who and when: the choices are in the ballot box, never here. */
export interface BallotCastEvent {
  type: "ballot_cast";
  at: Instant;
  userId: UserId;
}

/** One question's count when the vote closed. */
export interface QuestionResult {
  questionId: string;
  approve: number;
  reject: number;
  abstain: number;
  passed: boolean;
}

/**
 * The vote is over: by the chair (`by`, `reason`), or by itself once every eligible voter has
 * voted (`by` and `reason` null). It carries the whole count so the record stands on its own.
 */
export interface VoteClosedEvent {
  type: "vote_closed";
  at: Instant;
  by: UserId | null;
  reason: string | null;
  ballot: Ballot;
  /** Who could vote when it closed, by rank. */
  eligible: UserId[];
  /** The eligible voters whose vote was counted (named: on at least one question), by rank. */
  voted: UserId[];
  quorum: { present: number; required: number; rosterSize: number; met: boolean };
  /** The roster minus recused members: what the threshold is a share of. */
  base: number;
  threshold: FractionRule;
  results: QuestionResult[];
  /** Named ballots: each voter's final choice per question. Secret ballots: empty. */
  votes: Array<{ userId: UserId; questionId: string; choice: VoteChoice }>;
  outcome: VoteOutcome;
  /**
   * A secret ballot closed with fewer ballots than the quorum: outcome "no_quorum", results all
   * zero, and no totals were ever recorded or shown (see voteOutcome).
   */
  withheld?: true;
  /** Closed by its deadline, not by the chair nor by the last vote (`by` and `reason` null). */
  atDeadline?: true;
}

export interface DeferredEvent {
  type: "deferred";
  at: Instant;
  by: UserId;
  reason: string;
}

export interface CancelledEvent {
  type: "cancelled";
  at: Instant;
  by: UserId;
  reason: string;
}

export type SessionEvent =
  | StartedEvent
  | TurnStartedEvent
  | StatementEvent
  | TurnFinishedEvent
  | PassedEvent
  | PrincipalConcludedEvent
  | SkippedEvent
  | MarkedAbsentEvent
  | RecusedEvent
  | OutOfTurnEvent
  | StatementEditedEvent
  | StatementDeletedEvent
  | TurnRemindedEvent
  | TurnTimedOutEvent
  | PausedEvent
  | ResumedEvent
  | VotingOpenedEvent
  | VotersRemindedEvent
  | VoteCastEvent
  | BallotCastEvent
  | VoteClosedEvent
  | DeferredEvent
  | CancelledEvent;

export type SessionEventType = SessionEvent["type"];

/** Who caused an event, for the ledger's actor column: the acting person, or null for the clock. */
export function eventActor(event: SessionEvent): UserId | null {
  if ("by" in event) return event.by;
  if (
    event.type === "turn_started" ||
    event.type === "turn_reminded" ||
    event.type === "turn_timed_out" ||
    event.type === "voters_reminded"
  ) {
    return null;
  }
  if ("userId" in event) return event.userId;
  return null;
}
