import type { Member } from "../roster/member.ts";
import type { SessionCategory } from "./category.ts";
import type { TeamRulesInput } from "./quorum.ts";
import type { Ballot, Instant, Recusal, UserId } from "./types.ts";

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
  rules?: TeamRulesInput;
}

/** A message in the session's thread. */
export interface ReplyCommand {
  type: "reply";
  at: Instant;
  userId: UserId;
  messageTs: string;
  text: string;
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

/** A member steps out, or the chair steps them out. */
export interface RecuseCommand extends ChairAction {
  type: "recuse";
  userId: UserId;
  reason: string;
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
  | TimeOutCommand;

export type SessionCommandType = SessionCommand["type"];
