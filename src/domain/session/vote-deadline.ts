import type { Member } from "../roster/member.ts";
import type { SessionState } from "./state.ts";
import { addSeconds, millisBetween } from "./time.ts";
import type { Instant, UserId } from "./types.ts";

/*
 * Votes that end. A vote closes at its deadline with the team's rules, unless everyone has voted
 * before. "Until everyone has voted" (no deadline) is only for a live meeting with its chair in the
 * room: there someone can see who is missing and close the vote; a vote taken at a distance with
 * nobody watching it would otherwise stay open for ever.
 */

/**
 * How long the vote stays open once it opens: `seconds` (the form's choice, else the team's
 * default). `untilAllVoted` is the live meeting's choice; `seconds` is then what applies if, by
 * the time the vote opens, the chair is no longer present.
 */
export interface VoteWindow {
  seconds: number;
  untilAllVoted: boolean;
}

export const DEFAULT_VOTE_SECONDS = 24 * 60 * 60;
/** A vote shorter than this cannot be reminded or reached in time by anyone not in the room. */
export const MIN_VOTE_SECONDS = 5 * 60;
export const MAX_VOTE_SECONDS = 30 * 24 * 60 * 60;

const HOUR_MS = 60 * 60 * 1000;

export function isVoteSeconds(seconds: number): boolean {
  return Number.isInteger(seconds) && seconds >= MIN_VOTE_SECONDS && seconds <= MAX_VOTE_SECONDS;
}

/** Present in the room: on the roster, not absent, not recused from the matter. */
export function chairPresent(
  roster: readonly Member[],
  chairId: UserId,
  absent: readonly UserId[],
  recused: readonly UserId[],
): boolean {
  return roster.some((m) => m.userId === chairId) && !absent.includes(chairId) && !recused.includes(chairId);
}

/**
 * When the vote opening at `openedAt` closes by itself: null only for a live meeting whose chair is
 * still present (and for a ledger written before votes had deadlines).
 */
export function voteDeadline(state: SessionState, openedAt: Instant): Instant | null {
  const facts = state.facts;
  if (!facts?.voteWindow) return null;
  const recused = state.recused.map((r) => r.userId);
  if (facts.voteWindow.untilAllVoted && chairPresent(facts.roster, facts.chairId, state.absent, recused))
    return null;
  return addSeconds(openedAt, facts.voteWindow.seconds);
}

export const VOTE_REMINDERS = ["half", "hour"] as const;
export type VoteReminder = (typeof VOTE_REMINDERS)[number];

/**
 * When those who have not voted are reminded: at half time, and an hour before the deadline when
 * that comes after half time (a vote of two hours or less gets the half-time reminder alone).
 */
export function voteReminderTimes(
  openedAt: Instant,
  deadline: Instant,
): Array<{ which: VoteReminder; at: Instant }> {
  const length = millisBetween(openedAt, deadline);
  const half = new Date(Date.parse(openedAt) + length / 2).toISOString();
  const hour = new Date(Date.parse(deadline) - HOUR_MS).toISOString();
  return [
    { which: "half" as const, at: half },
    ...(length > 2 * HOUR_MS ? [{ which: "hour" as const, at: hour }] : []),
  ];
}

const UNIT_SECONDS: Record<string, number> = {
  m: 60,
  min: 60,
  分钟: 60,
  h: 3600,
  小时: 3600,
  d: 86_400,
  天: 86_400,
  w: 604_800,
  周: 604_800,
};

/** "24h", "90m", "3d", "1w", "24小时", "3天": a vote's length in seconds; undefined for anything else. */
export function parseVoteLength(text: string): number | undefined {
  const m = /^(\d{1,4})\s*(m|min|h|d|w|分钟|小时|天|周)$/i.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2]!.toLowerCase()]!;
  return isVoteSeconds(seconds) ? seconds : undefined;
}

/** "Until everyone has voted" as typed: `live` (a live meeting), 现场 or 全部投完. */
export function isUntilAllVotedWord(text: string): boolean {
  return ["live", "all", "现场", "全部投完"].includes(text.trim().toLowerCase());
}

/** A length in the largest whole unit, for display: { days: 3 }, { hours: 24 }... */
export function voteLengthParts(seconds: number): { unit: "days" | "hours" | "minutes"; count: number } {
  if (seconds % 86_400 === 0 && seconds >= 2 * 86_400) return { unit: "days", count: seconds / 86_400 };
  if (seconds % 3600 === 0) return { unit: "hours", count: seconds / 3600 };
  return { unit: "minutes", count: Math.round(seconds / 60) };
}
