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
