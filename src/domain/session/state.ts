import type { Member } from "../roster/member.ts";
import type { SessionCategory } from "./category.ts";
import type { OutOfTurnReason, VoteClosedEvent } from "./events.ts";
import type { FractionRule } from "./quorum.ts";
import type { Ballot, Instant, Question, Turn, TurnKind, TurnOutcome, UserId, VoteChoice } from "./types.ts";
import type { VoteReminder, VoteWindow } from "./vote-deadline.ts";

/** `closed`: the vote is over (see `vote.closed`). Like `deferred` and `cancelled`, it is final. */
export type SessionPhase = "new" | "speaking" | "voting" | "paused" | "deferred" | "cancelled" | "closed";

/** The phases a session can be paused in and resumed to. */
export type OpenPhase = "speaking" | "voting";

/** What was settled when the session started; it does not change afterwards. */
export interface SessionFacts {
  matter: string;
  category: SessionCategory;
  proposerId: UserId;
  chairId: UserId;
  principalId: UserId | null;
  roster: Member[];
  ballot: Ballot;
  turnSeconds: number;
  /** Null for a ledger written before votes had deadlines: its vote stays open until all have voted. */
  voteWindow: VoteWindow | null;
  startedAt: Instant;
  quorum: { rule: FractionRule; present: number; required: number; rosterSize: number };
  proposerIsPrincipal: boolean;
  proposerInCharge: boolean | null;
  questions: Question[];
  threshold: FractionRule;
}

/** A place in the speaking order and how it ended. Places are never removed, so turn indexes stay valid. */
export interface TurnSlot extends Turn {
  outcome: TurnOutcome | null;
}

/** The turn under way, with what a scheduler needs to compute the reminder and the timeout. */
export interface CurrentTurn {
  index: number;
  userId: UserId;
  kind: TurnKind;
  startedAt: Instant;
  deadline: Instant;
  reminded: boolean;
  timedOut: boolean;
}

export interface StatementRecord {
  userId: UserId;
  turnIndex: number;
  messageTs: string;
  text: string;
  at: Instant;
  edits: Array<{ text: string; at: Instant }>;
  deletedAt: Instant | null;
}

export interface OutOfTurnRecord {
  userId: UserId;
  isPrincipal: boolean;
  messageTs: string;
  text: string;
  turnOf: UserId | null;
  reason: OutOfTurnReason;
  at: Instant;
}

export interface RecusalRecord {
  userId: UserId;
  reason: string;
  by: UserId;
  at: Instant;
}

export interface PauseRecord {
  at: Instant;
  by: UserId;
  reason: string;
  resumeTo: OpenPhase;
}

export interface ClosureRecord {
  at: Instant;
  by: UserId;
  reason: string;
}

/** One named vote as cast; changes are further records, the tally takes each voter's latest. */
export interface NamedVoteRecord {
  userId: UserId;
  questionId: string;
  choice: VoteChoice;
  at: Instant;
}

/** The vote, from the moment it opens. */
export interface VoteState {
  openedAt: Instant;
  /** When the vote closes by itself; null: once everyone has voted, or by the chair. */
  deadline: Instant | null;
  /** The reminders already sent to those who had not voted. */
  reminded: VoteReminder[];
  questions: Question[];
  /** Who may vote, by rank: present and not recused. A recusal during the vote takes the voter out. */
  eligible: UserId[];
  /** Every named vote and change, in order. Empty for a secret ballot. */
  named: NamedVoteRecord[];
  /** Each voter's latest named choice, per question id then user id; every question has an entry. */
  latest: Record<string, Record<UserId, VoteChoice>>;
  /** Who has cast a secret ballot, in order. Never what they chose. */
  castSecret: UserId[];
  /** The closing event once the vote is over. */
  closed: VoteClosedEvent | null;
}

export interface SessionState {
  phase: SessionPhase;
  /** Null until the session has started. */
  facts: SessionFacts | null;
  absent: UserId[];
  recused: RecusalRecord[];
  turns: TurnSlot[];
  current: CurrentTurn | null;
  statements: StatementRecord[];
  outOfTurn: OutOfTurnRecord[];
  /** The principal replied before their concluding turn: what the last-speaker rule exposes. */
  principalSpokeOutOfTurn: boolean;
  /** True as soon as it is known the round will end, or has ended, without the principal's conclusion. */
  noConcludingStatement: boolean;
  paused: PauseRecord | null;
  /** Deferred or cancelled; a closed vote is `vote.closed`. */
  closed: ClosureRecord | null;
  /** Null until the vote opens. */
  vote: VoteState | null;
}

export const initialState: SessionState = {
  phase: "new",
  facts: null,
  absent: [],
  recused: [],
  turns: [],
  current: null,
  statements: [],
  outOfTurn: [],
  principalSpokeOutOfTurn: false,
  noConcludingStatement: false,
  paused: null,
  closed: null,
  vote: null,
};

export function isClosed(state: SessionState): boolean {
  return state.phase === "deferred" || state.phase === "cancelled" || state.phase === "closed";
}

/** The round is over once voting is open, including while a voting session is paused. */
export function roundEnded(state: SessionState): boolean {
  return state.phase === "voting" || state.paused?.resumeTo === "voting";
}

export function currentSpeaker(state: SessionState): UserId | null {
  return state.current?.userId ?? null;
}

export function isRecused(state: SessionState, userId: UserId): boolean {
  return state.recused.some((r) => r.userId === userId);
}

/** Present, not recused: who speaks and who votes. */
export function eligibleVoters(state: SessionState): UserId[] {
  const roster = state.facts?.roster ?? [];
  return roster
    .filter((m) => !state.absent.includes(m.userId) && !isRecused(state, m.userId))
    .sort((a, b) => a.rank - b.rank)
    .map((m) => m.userId);
}

/** The statements of one turn that have not been withdrawn. */
export function liveStatements(state: SessionState, turnIndex: number): StatementRecord[] {
  return state.statements.filter((s) => s.turnIndex === turnIndex && s.deletedAt === null);
}

/** The text a statement reads now, after its edits. */
export function currentText(statement: StatementRecord): string {
  return statement.edits.at(-1)?.text ?? statement.text;
}
