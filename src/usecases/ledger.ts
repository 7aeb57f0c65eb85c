import { FIRST_SEQ, verifyChain, type ChainCheck, type LedgerEntry } from "../domain/ledger/hash.ts";
import { isSessionCategory, type SessionCategory } from "../domain/session/category.ts";
import type { SessionEvent } from "../domain/session/events.ts";
import type { SessionRow, SessionStore } from "../store/session-store.ts";
import type { TeamRef } from "../store/team-store.ts";

/*
 * Reading the ledger (决策台账): the recent sessions of a team, the proof that no entry was changed,
 * and one session's entries for its minutes and CSV.
 */

export type LedgerStore = Pick<SessionStore, "recent" | "load" | "findByNumber" | "allEntriesByTeam">;

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
 * Why a session's ledger fails: the chain's own reasons, `empty` for a session without entries,
 * `truncated` when entries at the end are gone (the row says more were appended).
 */
export type ProblemReason = Extract<ChainCheck, { ok: false }>["reason"] | "empty" | "truncated";

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
}

const MISSING_NUMBERS_SHOWN = 20;

/** Checks every session's hash chain of a team, a page at a time, so memory stays flat. */
export async function verifyTeamLedger(store: LedgerStore, team: TeamRef): Promise<LedgerVerification> {
  const result: LedgerVerification = {
    sessions: 0,
    entries: 0,
    brokenSessions: 0,
    firstProblem: null,
    missingNumbers: [],
  };
  let expectedNumber = 1;
  for await (const { row, entries } of store.allEntriesByTeam(team)) {
    for (; expectedNumber < row.number; expectedNumber++) {
      if (result.missingNumbers.length < MISSING_NUMBERS_SHOWN) result.missingNumbers.push(expectedNumber);
    }
    expectedNumber = row.number + 1;
    result.sessions += 1;
    result.entries += entries.length;
    const problem = checkSession(row, entries);
    if (problem) {
      result.brokenSessions += 1;
      result.firstProblem ??= problem;
    }
  }
  return result;
}

export function isIntact(v: LedgerVerification): boolean {
  return v.firstProblem === null && v.missingNumbers.length === 0;
}

function checkSession(row: SessionRow, entries: readonly LedgerEntry[]): LedgerProblem | null {
  const at = (seq: number, reason: ProblemReason): LedgerProblem => ({
    sessionNumber: row.number,
    seq,
    reason,
  });
  if (entries.length === 0) return at(FIRST_SEQ, "empty");
  const chain = verifyChain(entries);
  if (!chain.ok) return at(chain.seq, chain.reason);
  const last = entries[entries.length - 1]!.seq;
  const recorded = recordedLastSeq(row);
  if (recorded !== null && last < recorded) return at(last, "truncated");
  return null;
}

/**
 * The store's rows carry `lastSeq` (the newest entry appended) although SessionRow does not name
 * it. Deleting the newest entries leaves a valid chain; only this counter shows they existed.
 */
function recordedLastSeq(row: SessionRow): number | null {
  const value = (row as SessionRow & { lastSeq?: unknown }).lastSeq;
  return typeof value === "number" ? value : null;
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
  | { ok: false; error: { code: "sessionNotFound"; params: { number: number } } };

export async function exportSession(
  store: LedgerStore,
  team: TeamRef,
  number: number,
): Promise<ExportOutcome> {
  const loaded = await store.findByNumber(team, number);
  if (!loaded) return { ok: false, error: { code: "sessionNotFound", params: { number } } };
  const { row, entries, events } = loaded;
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
