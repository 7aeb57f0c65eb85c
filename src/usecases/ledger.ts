import { canonicalJson } from "../domain/ledger/canonical-json.ts";
import { FIRST_SEQ, GENESIS, verifyChain, type ChainCheck, type LedgerEntry } from "../domain/ledger/hash.ts";
import { type NamedVoteVisibility, showsChoicesWhileOpen } from "../domain/session/vote-visibility.ts";
import { isSessionCategory, type SessionCategory } from "../domain/session/category.ts";
import type { SessionEvent } from "../domain/session/events.ts";
import { fold } from "../domain/session/evolve.ts";
import { sessionProjection } from "../domain/session/projection.ts";
import { replayProblem, type ReplayProblem } from "../domain/session/replay.ts";
import type { SessionRow, SessionStore } from "../store/session-store.ts";
import type { TeamRef } from "../store/team-store.ts";

/*
 * Reading the ledger (决策台账): the recent sessions of a team, the proof that no entry was changed,
 * and one session's entries for its minutes and CSV.
 */

export type LedgerStore = Pick<
  SessionStore,
  "recent" | "load" | "findByNumber" | "allEntriesByTeam" | "chainFacts"
>;

export interface SessionSummary {
  number: number;
  /** From the session's started entry; null when its ledger has none. */
  matter: string | null;
  category: SessionCategory | null;
  phase: string;
  outcome: string | null;
  createdAt: Date;
}

export const RECENT_SESSIONS = 10;

export async function listRecentSessions(
  store: LedgerStore,
  team: TeamRef,
  limit = RECENT_SESSIONS,
): Promise<SessionSummary[]> {
  const rows = await store.recent(team, limit);
  return Promise.all(
    rows.map(async (row) => {
      // The matter lives only in the ledger: the session row is a projection for lists.
      const loaded = await store.load(row.workspaceId, row.id);
      const started = loaded?.events.find((e) => e.type === "started");
      return {
        number: row.number,
        matter: started?.matter ?? null,
        category: started && isSessionCategory(started.category) ? started.category : null,
        phase: row.phase,
        outcome: row.outcome,
        createdAt: row.createdAt,
      };
    }),
  );
}

/**
 * Why a session's ledger fails: the chain's own reasons; `empty` for a session without entries;
 * `truncated` when entries at the end are gone (the row says more were appended); `unlinked` when
 * its first entry does not lead back into the session before it (that one was removed or
 * rewritten); `projection` when the session row disagrees with what its ledger folds to (entries
 * deleted and the row's counter lowered to match); `tally` and `ballots` when a close's totals do
 * not follow from the votes and ballots before it (a rewritten tail, see domain/session/replay).
 */
export type ProblemReason =
  | Extract<ChainCheck, { ok: false }>["reason"]
  | "empty"
  | "truncated"
  | "unlinked"
  | "projection"
  | ReplayProblem["reason"];

export interface LedgerProblem {
  sessionNumber: number;
  seq: number;
  reason: ProblemReason;
}

export interface LedgerVerification {
  sessions: number;
  entries: number;
  /** Sessions whose ledger fails; verification goes on past the first, to say how far it reaches. */
  brokenSessions: number;
  firstProblem: LedgerProblem | null;
  /**
   * Numbers are handed out one after the other under the team's lock, so a hole means a whole
   * session was removed. Capped: the first few say enough.
   */
  missingNumbers: number[];
  /** The team's count of sessions started, when it differs from the highest number found (the newest removed). */
  uncounted: { recorded: number; found: number } | null;
  /** Where the hash asked about is, in a session that verifies; null when the record no longer leads to it. */
  found?: { sessionNumber: number; seq: number } | null;
}

/** What the team row says about its chain of sessions. */
export interface TeamChainFacts {
  /** Sessions started in the team, counted as each is created. */
  sessionCount: number;
  /**
   * The first session number whose first entry links to the session before it; sessions started
   * before the link existed begin at GENESIS.
   */
  chainStartsAt: number;
}

const MISSING_NUMBERS_SHOWN = 20;

/**
 * Checks every session of a team, a page at a time, so memory stays flat: each session's hash
 * chain, its link to the session before it, its row against its ledger, and its vote replayed.
 * With `hash`, also says whether that hash (one someone copied from the minutes in Slack) is still
 * in a chain that verifies.
 */
export async function verifyTeamLedger(
  store: LedgerStore,
  team: TeamRef,
  options: { hash?: string } = {},
): Promise<LedgerVerification> {
  const facts = await store.chainFacts(team);
  const result: LedgerVerification = {
    sessions: 0,
    entries: 0,
    brokenSessions: 0,
    firstProblem: null,
    missingNumbers: [],
    uncounted: null,
    ...(options.hash === undefined ? {} : { found: null }),
  };
  let expectedNumber = 1;
  let previous: { number: number; hashes: Set<string> } | null = null;
  for await (const { row, entries } of store.allEntriesByTeam(team)) {
    for (; expectedNumber < row.number; expectedNumber++) {
      if (result.missingNumbers.length < MISSING_NUMBERS_SHOWN) result.missingNumbers.push(expectedNumber);
    }
    expectedNumber = row.number + 1;
    result.sessions += 1;
    result.entries += entries.length;
    const link: Link =
      row.number === 1 || row.number < facts.chainStartsAt
        ? { genesis: true }
        : { genesis: false, hashes: previous?.number === row.number - 1 ? previous.hashes : new Set() };
    const problem = checkSession(row, entries, link);
    if (problem) {
      result.brokenSessions += 1;
      result.firstProblem ??= problem;
    } else if (options.hash !== undefined) {
      const hit = entries.find((e) => e.hash === options.hash);
      if (hit) result.found = { sessionNumber: row.number, seq: hit.seq };
    }
    previous = { number: row.number, hashes: new Set(entries.map((e) => e.hash)) };
  }
  // Holes are reported above; the count catches what no hole shows: the newest sessions removed.
  const highest = expectedNumber - 1;
  if (facts.sessionCount !== highest) result.uncounted = { recorded: facts.sessionCount, found: highest };
  return result;
}

export function isIntact(v: LedgerVerification): boolean {
  return v.firstProblem === null && v.missingNumbers.length === 0 && v.uncounted === null;
}

/** Where a session's first entry must point: GENESIS, or an entry of the session before it. */
type Link = { genesis: true } | { genesis: false; hashes: ReadonlySet<string> };

function checkSession(row: SessionRow, entries: readonly LedgerEntry[], link?: Link): LedgerProblem | null {
  const at = (seq: number, reason: ProblemReason): LedgerProblem => ({
    sessionNumber: row.number,
    seq,
    reason,
  });
  const first = entries[0];
  if (!first) return at(FIRST_SEQ, "empty");
  if (link && (link.genesis ? first.prevHash !== GENESIS : !link.hashes.has(first.prevHash))) {
    return at(first.seq, "unlinked");
  }
  const chain = verifyChain(entries, { from: { seq: FIRST_SEQ, prevHash: first.prevHash } });
  if (!chain.ok) return at(chain.seq, chain.reason);
  const last = entries[entries.length - 1]!.seq;
  if (last < row.lastSeq) return at(last, "truncated");
  const events = entries.map((e) => e.payload as SessionEvent);
  const folded = sessionProjection(fold(events));
  const recorded = { phase: row.phase, currentSpeakerId: row.currentSpeakerId, outcome: row.outcome };
  if (
    last > row.lastSeq ||
    row.announcedSeq > row.lastSeq ||
    canonicalJson(folded) !== canonicalJson(recorded)
  ) {
    return at(last, "projection");
  }
  const replay = replayProblem(events, FIRST_SEQ);
  return replay ? at(replay.seq, replay.reason) : null;
}

export interface SessionExport {
  number: number;
  channelId: string;
  entries: LedgerEntry[];
  events: SessionEvent[];
  /** Checked again here, as verify does: minutes read from a broken ledger must say so. */
  problem: LedgerProblem | null;
}

export type ExportOutcome =
  | { ok: true; session: SessionExport }
  | { ok: false; error: { code: "sessionNotFound" | "namedVoteOpen"; params: { number: number } } };

export async function exportSession(
  store: LedgerStore,
  team: TeamRef,
  number: number,
  namedVotes: NamedVoteVisibility | undefined,
): Promise<ExportOutcome> {
  const loaded = await store.findByNumber(team, number);
  if (!loaded) return { ok: false, error: { code: "sessionNotFound", params: { number } } };
  const { row, entries, events } = loaded;
  // The ledger names each vote as cast: while a named vote is open and its choices are hidden,
  // the export would show what the thread does not.
  const state = fold(events);
  if (
    state.facts &&
    state.vote &&
    !state.vote.closed &&
    state.facts.ballot === "named" &&
    !showsChoicesWhileOpen("named", namedVotes)
  )
    return { ok: false, error: { code: "namedVoteOpen", params: { number } } };
  return {
    ok: true,
    session: {
      number: row.number,
      channelId: row.channelId,
      entries,
      events,
      problem: checkSession(row, entries),
    },
  };
}
