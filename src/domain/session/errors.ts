/**
 * A refusal, as a code and parameters, never a sentence: the Slack layer turns it into a private
 * message in the reader's language (`errors.<code>`).
 */
export interface DomainError<Code extends string = string> {
  code: Code;
  params: Record<string, string | number>;
}

type None = Record<never, never>;

/** Every refusal the session decider can give, with the parameters each one carries. */
export type SessionErrorParams = {
  invalidTime: { at: string };
  // start
  alreadyStarted: None;
  emptyMatter: None;
  unknownCategory: { category: string };
  noRoster: None;
  duplicateRosterMember: { userId: string };
  duplicateRank: { rank: number };
  proposerNotOnRoster: { proposerId: string };
  proposerAbsent: { proposerId: string };
  proposerRecused: { proposerId: string };
  absentNotOnRoster: { userId: string };
  recusedNotOnRoster: { userId: string };
  recusalReasonRequired: { userId: string };
  invalidTurnSeconds: { turnSeconds: number };
  principalMayNotPropose: { proposerId: string };
  noQuorum: { present: number; required: number; rosterSize: number };
  nomineesOnlyForPersonnel: { category: string };
  tooManyNominees: { max: number };
  /** `position` is the nominee's 1-based place in the list. */
  nomineeNameRequired: { position: number };
  recommenderNotOnRoster: { userId: string };
  /** A vote's length outside MIN_VOTE_SECONDS..MAX_VOTE_SECONDS. */
  invalidVoteSeconds: { seconds: number };
  /** "Until everyone has voted" needs a live meeting whose chair is present (see vote-deadline). */
  untilAllVotedNeedsChair: { chairId: string };
  // phase
  notStarted: None;
  sessionClosed: { phase: string };
  sessionPaused: None;
  notPaused: None;
  alreadyPaused: None;
  roundEnded: None;
  // turns
  /** `position` is the caller's 1-based place in the speaking order, 0 when they have none left. */
  notYourTurn: { nextSpeaker: string; position: number };
  turnAlreadyEnded: { turnIndex: number };
  /** The caller has no turn in this session (another team's member, or absent). */
  notInOrder: None;
  /** The caller pressed a button of the turn that is running, which is someone else's. */
  othersTurn: { speaker: string };
  finishWithoutStatement: None;
  passAfterStatement: None;
  /** 汇报议题: the proposer presents; their turn cannot be passed. */
  proposerMayNotPass: None;
  /** Done from the proposer before any statement: there is no Pass to offer them instead. */
  proposalNotPresented: None;
  // chair and recusal
  notChair: { chairId: string };
  /** The proposer's turn cannot be skipped either: the chair marks them absent, which defers. */
  proposerMayNotBeSkipped: None;
  reasonRequired: None;
  recusalNotAllowed: { userId: string };
  notOnRoster: { userId: string };
  memberAbsent: { userId: string };
  alreadyRecused: { userId: string };
  alreadySpoke: { userId: string };
  proposerMayNotRecuse: { userId: string };
  alreadyVoted: { userId: string };
  // vote
  /** The session is not in phase `voting` (it is still speaking, or paused). */
  voteNotOpen: { phase: string };
  ballotIsSecret: None;
  ballotIsNamed: None;
  /** Absent, recused, or not on the roster. */
  notEligible: { userId: string };
  unknownQuestion: { questionId: string };
  invalidChoice: { choice: string };
  alreadyCast: { userId: string };
  /** A secret ballot must answer each of the `questions` questions exactly once. */
  incompleteBallot: { questions: number };
  /** The box's totals for `questionId` do not add up to the `expected` number of ballots. */
  boxMismatch: { questionId: string; expected: number };
  /** Closing a secret vote needs what the ballot box holds. */
  boxRequired: None;
};

export type SessionErrorCode = keyof SessionErrorParams;

export type SessionError = DomainError<SessionErrorCode>;

export function sessionError<C extends SessionErrorCode>(
  code: C,
  params: SessionErrorParams[C],
): DomainError<C> {
  return { code, params };
}
