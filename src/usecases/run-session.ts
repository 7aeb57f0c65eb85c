import type { SessionCommand, StartCommand } from "../domain/session/commands.ts";
import type { SessionError } from "../domain/session/errors.ts";
import type { SessionEvent } from "../domain/session/events.ts";
import { DEFAULT_VOTE_SECONDS, decide, evolve, fold, voteReminderTimes } from "../domain/session/index.ts";
import { initialState, type SessionState } from "../domain/session/state.ts";
import type { Ballot, Nominee, Recusal, Totals } from "../domain/session/types.ts";
import type { SessionCategory } from "../domain/session/category.ts";
import { DeadlinePassed, type Tx } from "../store/db.ts";
import type { JobStore, NewJob } from "../store/job-store.ts";
import type { BallotContent } from "../seal/ballots.ts";
import type { SessionRow, SessionStore } from "../store/session-store.ts";
import type { TeamRef, TeamSnapshot, TeamStore } from "../store/team-store.ts";
import { SecretBallots } from "./secret-ballots.ts";
import { startRefusal, type PermissionError } from "./session-permissions.ts";

export interface SessionDeps {
  teams: TeamStore;
  sessions: SessionStore;
  jobs: JobStore;
  clock: () => Date;
  /** Wraps each session's key for its secret ballots; kept outside the database (see seal/). */
  ballotKey: Buffer;
  /** Told after every append so that the new entries reach Slack at once (see announcer). */
  onAppended?: (workspaceId: string, sessionId: string) => void;
  /** Whether events show nothing in Slack, so they skip the outbox (see announcer). */
  isQuiet?: (events: SessionEvent[]) => boolean;
  /** Told of every event recorded, quiet or not (the metrics count them by type). */
  onRecorded?: (events: SessionEvent[]) => void;
}

export interface StartInput {
  team: TeamRef;
  chairId: string;
  matter: string;
  category: SessionCategory;
  proposerId: string;
  absent: string[];
  recused: Recusal[];
  ballot?: Ballot;
  turnSeconds?: number;
  /** How long the vote stays open (else the team's default), or until everyone has voted. */
  vote?: { seconds?: number; untilAllVoted?: boolean };
  /** Personnel matters: each nominee with the member who recommends them (实名推荐). */
  nominees?: Nominee[];
}

/** The team's default vote length (`/lastword team vote-deadline`), else the installation's. */
export function teamVoteSeconds(settings: TeamSnapshot["settings"]): number {
  return settings.rules.voteSeconds ?? DEFAULT_VOTE_SECONDS;
}

export type StartOutcome =
  | { ok: true; sessionId: string; number: number; state: SessionState }
  | { ok: false; error: SessionError | PermissionError };

/**
 * Starts a session from the team's roster as it is now; the roster is copied into the ledger.
 * Whoever starts it chairs it, so only those the team lets start may (see session-permissions).
 */
export async function startSession(
  deps: SessionDeps,
  input: StartInput,
  options: Pick<ActOptions, "dedupeKey"> = {},
): Promise<StartOutcome> {
  const team = await deps.teams.load(input.team);
  // A channel without a team gets the domain's "no roster" answer, which says what to do.
  const refused = team.exists ? startRefusal(team, input.chairId) : null;
  if (refused) return { ok: false, error: refused };
  const command: StartCommand = {
    type: "start",
    at: deps.clock().toISOString(),
    matter: input.matter,
    category: input.category,
    proposerId: input.proposerId,
    chairId: input.chairId,
    roster: team.members,
    absent: input.absent,
    recused: input.recused,
    ...(input.ballot ? { ballot: input.ballot } : {}),
    ...(input.nominees?.length ? { nominees: input.nominees } : {}),
    turnSeconds: input.turnSeconds ?? team.settings.turnSeconds,
    voteWindow: {
      seconds: input.vote?.seconds ?? teamVoteSeconds(team.settings),
      untilAllVoted: input.vote?.untilAllVoted ?? false,
    },
    rules: { principalMayPropose: team.settings.principalMayPropose, ...team.settings.rules },
  };
  const decision = decide(initialState, command);
  if (!decision.ok) return decision;
  const state = fold(decision.events);
  const created = await deps.sessions.create(input.team, decision.events, state, {
    jobs: (sessionId) => sessionTimers(input.team.workspaceId, sessionId, state),
    ...(options.dedupeKey === undefined ? {} : { dedupeKey: options.dedupeKey }),
  });
  if (created.duplicate) return { ok: true, sessionId: created.row.id, number: created.row.number, state };
  deps.onRecorded?.(decision.events);
  deps.onAppended?.(input.team.workspaceId, created.row.id);
  return { ok: true, sessionId: created.row.id, number: created.row.number, state };
}

export type ActOutcome =
  | { ok: true; events: SessionEvent[]; state: SessionState; row: SessionRow; duplicate: boolean }
  | {
      ok: false;
      error: SessionError | { code: "sessionNotFound"; params: Record<string, never> };
      state?: SessionState;
      row?: SessionRow;
    };

export interface ActOptions {
  dedupeKey?: string;
  slackRef?: string;
  /** A secret ballot's choices and receipt hash: sealed beside the ledger, never in it. */
  secretBallot?: BallotContent;
  /** Record by then or not at all (DeadlinePassed): for an answer Slack waits for. */
  deadline?: number;
}

/** What a command may need besides the ledger: the secret ballots' totals, opened under the same lock. */
export interface CommandContext {
  box: () => Promise<Record<string, Totals>>;
}

/**
 * Asks the session whether `command` may happen now and records what happened. The decision is
 * made on the session as this process knows it, and appended only if nobody appended since
 * (another replica, another click). One that lost that race is made again holding the session's
 * lock, on the ledger as it then is, where it may now be refused (a second "Pass" for a turn
 * already ended) and is told why. A refusal (or a command that changes nothing) made on what this
 * process knew is checked against the ledger before it is given, so a replica that did not see the
 * last entries never refuses on them.
 */
export async function actOnSession(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  command: (at: string, context: CommandContext) => SessionCommand | Promise<SessionCommand>,
  options: ActOptions = {},
): Promise<ActOutcome> {
  const act = (via?: Tx) => decideAndAppend(deps, workspaceId, sessionId, command, options, via);
  const first = await act();
  const outcome =
    first === MOVED
      ? await deps.sessions.locked(
          workspaceId,
          sessionId,
          async (tx) => {
            const again = await act(tx);
            if (again === MOVED) throw new Error(`session ${workspaceId}/${sessionId} moved under its lock`);
            return again;
          },
          options.deadline === undefined ? {} : { deadline: options.deadline },
        )
      : first;
  if (outcome.ok && outcome.events.length > 0) {
    deps.onRecorded?.(outcome.events);
    if (!deps.isQuiet?.(outcome.events)) deps.onAppended?.(workspaceId, sessionId);
  }
  return outcome;
}

/** Another writer appended first: the decision is to be made again. */
const MOVED = Symbol("moved");

/** One decision: on what this process knows (no `via`), or read afresh under the lock (`via`). */
async function decideAndAppend(
  deps: SessionDeps,
  workspaceId: string,
  sessionId: string,
  command: (at: string, context: CommandContext) => SessionCommand | Promise<SessionCommand>,
  options: ActOptions,
  via: Tx | undefined,
): Promise<ActOutcome | typeof MOVED> {
  const live = await deps.sessions.current(workspaceId, sessionId, via ? { refresh: true, via } : {});
  if (!live) return { ok: false, error: { code: "sessionNotFound", params: {} } };
  const { state, row } = live;
  // A delivery's key names its message, which is in this session's thread; keys never go away,
  // so one known here is a retry even when what this process knows is behind.
  if (options.dedupeKey && live.dedupeKeys.has(options.dedupeKey))
    return { ok: true, events: [], state, row, duplicate: true };
  const ballots = new SecretBallots(
    deps.ballotKey,
    deps.sessions.ballots(workspaceId, sessionId, via),
    workspaceId,
    sessionId,
  );
  const decision = decide(state, await command(deps.clock().toISOString(), { box: () => ballots.totals() }));
  if (!decision.ok || decision.events.length === 0) {
    // Checked when made without the lock: the secret ballots were read after `live`, too.
    if (!via) {
      const latest = await deps.sessions.current(workspaceId, sessionId, { refresh: true });
      if (!latest || latest.lastSeq !== live.lastSeq) return MOVED;
    }
    return decision.ok
      ? { ok: true, events: [], state, row, duplicate: false }
      : { ok: false, error: decision.error, state, row };
  }
  const next = decision.events.reduce(evolve, state);
  // Timers only change when a turn starts, the vote opens or a pause ends; a statement needs none.
  const clockMoved = decision.events.some(
    (e) => e.type === "turn_started" || e.type === "voting_opened" || e.type === "resumed",
  );
  if (options.deadline !== undefined && Date.now() >= options.deadline) throw new DeadlinePassed();
  const appended = await deps.sessions.appendAt(
    live,
    {
      events: decision.events,
      state: next,
      jobs: clockMoved ? sessionTimers(workspaceId, sessionId, next) : [],
      quiet: deps.isQuiet?.(decision.events) ?? false,
      ...(options.dedupeKey === undefined ? {} : { dedupeKey: options.dedupeKey }),
      ...(options.slackRef === undefined ? {} : { slackRef: options.slackRef }),
      ...(await ballots.writes(state, next, decision.events, options.secretBallot)),
    },
    {
      ...(via ? { via } : {}),
      ...(options.deadline === undefined ? {} : { deadline: options.deadline }),
    },
  );
  if (!appended) return MOVED;
  return { ok: true, events: decision.events, state: next, row: appended.row, duplicate: false };
}

export const TIMER_KINDS = {
  remind: "session.remind",
  timeout: "session.timeout",
  remindVoters: "session.vote_remind",
  voteDeadline: "session.vote_deadline",
} as const;

/** The timers of the session as it is now: the turn under way's, or the open vote's. */
export function sessionTimers(workspaceId: string, sessionId: string, state: SessionState): NewJob[] {
  return [...turnTimers(workspaceId, sessionId, state), ...voteTimers(workspaceId, sessionId, state)];
}

/**
 * The reminders of those who have not voted and the close at the deadline. Keys hold the deadline,
 * as the turn timeout's do: a pause moves it, the old jobs then fire early and record nothing.
 * A reminder whose time has already passed (the vote resumed late) is not planned.
 */
export function voteTimers(workspaceId: string, sessionId: string, state: SessionState): NewJob[] {
  const vote = state.vote;
  if (state.phase !== "voting" || !vote || vote.deadline === null) return [];
  const deadline = Date.parse(vote.deadline);
  const base = `session:${sessionId}:vote`;
  const reminders = voteReminderTimes(vote.openedAt, vote.deadline)
    .filter((r) => !vote.reminded.includes(r.which))
    .map(
      (r): NewJob => ({
        workspaceId,
        key: `${base}:remind:${r.which}:${deadline}`,
        kind: TIMER_KINDS.remindVoters,
        dueAt: new Date(r.at),
        payload: { sessionId, which: r.which },
      }),
    );
  return [
    ...reminders,
    {
      workspaceId,
      key: `${base}:deadline:${deadline}`,
      kind: TIMER_KINDS.voteDeadline,
      dueAt: new Date(deadline),
      payload: { sessionId },
    },
  ];
}

/**
 * The reminder at half time and the timeout at the deadline of the turn under way. The timeout's
 * key holds its deadline: a pause moves the deadline, and the old job then fires early and
 * records nothing, while the new one fires on time.
 */
export function turnTimers(workspaceId: string, sessionId: string, state: SessionState): NewJob[] {
  const turn = state.current;
  if (state.phase !== "speaking" || !turn) return [];
  const start = Date.parse(turn.startedAt);
  const deadline = Date.parse(turn.deadline);
  const base = `session:${sessionId}:turn:${turn.index}`;
  const payload = { sessionId, turnIndex: turn.index };
  const jobs: NewJob[] = [];
  if (!turn.reminded) {
    jobs.push({
      workspaceId,
      key: `${base}:remind`,
      kind: TIMER_KINDS.remind,
      dueAt: new Date(start + (deadline - start) / 2),
      payload,
    });
  }
  if (!turn.timedOut) {
    jobs.push({
      workspaceId,
      key: `${base}:timeout:${deadline}`,
      kind: TIMER_KINDS.timeout,
      dueAt: new Date(deadline),
      payload,
    });
  }
  return jobs;
}
