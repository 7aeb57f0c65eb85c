/** Slack user id of a person; the domain never sees display names. */
export type UserId = string;

/** An instant as an ISO 8601 string with a zone (e.g. "2025-03-01T09:00:00.000Z"). */
export type Instant = string;

/** 记名投票 / 无记名投票: named votes are shown as they come, secret ones only as a tally. */
export const BALLOTS = ["named", "secret"] as const;
export type Ballot = (typeof BALLOTS)[number];

/**
 * What a turn is for. The proposer presents the matter first (`proposal`), members then give
 * their `statement`, and the principal gives the `conclusion` last.
 */
export type TurnKind = "proposal" | "statement" | "conclusion";

/** One place in the speaking order. The principal who proposes holds two places. */
export interface Turn {
  userId: UserId;
  kind: TurnKind;
}

/** How a turn ended; `null` while it is still to come or under way. */
export type TurnOutcome = "finished" | "passed" | "concluded" | "skipped" | "absent" | "recused";

/** 回避: a member with a conflict of interest neither speaks nor votes, and the record says why. */
export interface Recusal {
  userId: UserId;
  reason: string;
}

/** 票决制: each voter approves, rejects or abstains on each question. */
export const VOTE_CHOICES = ["approve", "reject", "abstain"] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export function isVoteChoice(value: unknown): value is VoteChoice {
  return typeof value === "string" && (VOTE_CHOICES as readonly string[]).includes(value);
}

/** How many approved, rejected and abstained on one question. */
export interface Totals {
  approve: number;
  reject: number;
  abstain: number;
}

/** 实名推荐: a nominee of a personnel matter, and the member who recommends them and answers for it. */
export interface Nominee {
  name: string;
  recommenderId: UserId;
}

/**
 * What is put to the vote. A matter is one `motion`; a personnel matter with nominees puts each
 * nominee to the vote on its own (`n1`, `n2`, ... in the order given), with its recommender.
 */
export interface Question {
  id: string;
  kind: "motion" | "nominee";
  name: string | null;
  recommenderId: UserId | null;
}

/** The id of the single question of a matter without nominees. */
export const MOTION_QUESTION_ID = "motion";
