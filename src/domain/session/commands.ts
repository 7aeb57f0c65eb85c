import type { Member } from "../roster/member.ts";
import type { SessionCategory } from "./category.ts";
import type { TeamRulesInput } from "./quorum.ts";
import type { VoteReminder, VoteWindow } from "./vote-deadline.ts";
import type { Ballot, Instant, Nominee, Recusal, Totals, UserId, VoteChoice } from "./types.ts";

/*
 * What someone (or the clock) asks of a session. Every command carries `at`: the domain never
 * reads the clock itself.
 */

export interface StartCommand {
  type: "start";
  at: Instant;
  matter: string;
  category: SessionCategory;
  proposerId: UserId;
  /** Whoever starts the session chairs it. */
  chairId: UserId;
  roster: Member[];
  absent: UserId[];
  recused: Recusal[];
  /** Overrides the category's default ballot. */
  ballot?: Ballot;
  turnSeconds: number;
  /** How long the vote stays open (the form's choice, else the team's default); 24 hours if left out. */
  voteWindow?: VoteWindow;
  rules?: TeamRulesInput;
  /**
   * 实名推荐: personnel matters only, at most ten. Each nominee is put to the vote on its own; without
   * nominees the matter is one motion.
   */
  nominees?: Nominee[];
}

/** A message in the session's thread. */
export interface ReplyCommand {
  type: "reply";
  at: Instant;
  userId: UserId;
  messageTs: string;
  text: string;
  /** Files shared with the reply, kept by reference: the file stays in Slack. */
  files?: FileRef[];
}

export interface FileRef {
  name: string;
  permalink: string;
}

/**
 * Ends the speaker's own turn. `turnIndex`, when the button carries it, makes a late second click
 * land on the turn it was meant for instead of the next one.
 */
export interface FinishCommand {
  type: "finish";
  at: Instant;
  userId: UserId;
  turnIndex?: number;
}

export interface PassCommand {
  type: "pass";
  at: Instant;
  userId: UserId;
  turnIndex?: number;
}

export interface EditCommand {
  type: "edit";
  at: Instant;
  userId: UserId;
  messageTs: string;
  text: string;
}

export interface DeleteCommand {
  type: "delete";
  at: Instant;
  userId: UserId;
  messageTs: string;
}

/** Chair actions are open to the chair and to team admins (`byIsAdmin`, checked by the caller). */
interface ChairAction {
  at: Instant;
  by: UserId;
  byIsAdmin?: boolean;
}

export interface MarkAbsentCommand extends ChairAction {
  type: "mark_absent";
  reason: string;
  turnIndex?: number;
}

export interface SkipCommand extends ChairAction {
  type: "skip";
  reason: string;
  turnIndex?: number;
}

export interface PauseCommand extends ChairAction {
  type: "pause";
  reason: string;
}

export interface ResumeCommand extends ChairAction {
  type: "resume";
}

export interface DeferCommand extends ChairAction {
  type: "defer";
  reason: string;
}

export interface CancelCommand extends ChairAction {
  type: "cancel";
  reason: string;
}

/**
 * A member steps out, or the chair steps them out. During a secret vote, `box` (what the ballot
 * box holds now) lets the vote close by itself when everyone left has cast a ballot; without it the
 * chair closes the vote.
 */
export interface RecuseCommand extends ChairAction {
  type: "recuse";
  userId: UserId;
  reason: string;
  box?: Record<string, Totals>;
}

/** 记名投票: a named vote on one question; it may be changed until the vote closes. */
export interface VoteCommand {
  type: "vote";
  at: Instant;
  userId: UserId;
  questionId: string;
  choice: VoteChoice;
}

/**
 * 无记名投票: a secret ballot answers every question at once and is final. The choices never reach
 * the domain: the caller puts them in the ballot box and passes what the box holds afterwards,
 * this ballot included (`boxAfter`, per question id), so the vote can close on the last ballot.
 */
export interface CastSecretCommand {
  type: "cast_secret";
  at: Instant;
  userId: UserId;
  questionIds: string[];
  boxAfter: Record<string, Totals>;
}

/** The chair closes the vote before everyone has voted. A secret vote needs what the box holds. */
export interface CloseVoteCommand extends ChairAction {
  type: "close_vote";
  reason: string;
  box?: Record<string, Totals>;
}

/** From the scheduler: the turn's reminder is due. */
export interface RemindCommand {
  type: "remind";
  at: Instant;
  turnIndex: number;
}

/** From the scheduler: the turn's time is up. */
export interface TimeOutCommand {
  type: "time_out";
  at: Instant;
  turnIndex: number;
}

/** From the scheduler: remind those who have not voted (at half time, or an hour before the deadline). */
export interface RemindVotersCommand {
  type: "remind_voters";
  at: Instant;
  which: VoteReminder;
}

/**
 * From the scheduler: the vote's deadline has come. A secret vote closes with what the ballot box
 * holds (`box`), as the chair's close does.
 */
export interface VoteDeadlineCommand {
  type: "vote_deadline";
  at: Instant;
  box?: Record<string, Totals>;
}

export type SessionCommand =
  | StartCommand
  | ReplyCommand
  | FinishCommand
  | PassCommand
  | EditCommand
  | DeleteCommand
  | MarkAbsentCommand
  | SkipCommand
  | PauseCommand
  | ResumeCommand
  | DeferCommand
  | CancelCommand
  | RecuseCommand
  | RemindCommand
  | TimeOutCommand
  | RemindVotersCommand
  | VoteDeadlineCommand
  | VoteCommand
  | CastSecretCommand
  | CloseVoteCommand;

export type SessionCommandType = SessionCommand["type"];
