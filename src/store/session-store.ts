import { randomUUID } from "node:crypto";
import { sessionEventContent } from "../domain/ledger/entry.ts";
import { GENESIS, sealEntries, type LedgerEntry } from "../domain/ledger/hash.ts";
import type { SessionEvent } from "../domain/session/events.ts";
import { fold } from "../domain/session/evolve.ts";
import { sessionProjection } from "../domain/session/projection.ts";
import { initialState, isClosed, type SessionState } from "../domain/session/state.ts";
import type { SessionSeal } from "../seal/ballots.ts";
import { jobRows, type NewJob, scheduleJobs } from "./job-store.ts";
import { type Database, type Queryable, Sql, sql, type Tx, type TxOptions } from "./db.ts";
import { type LiveSession, LiveSessions } from "./live-sessions.ts";
import type { TeamRef } from "./team-store.ts";

export interface SessionRow {
  workspaceId: string;
  id: string;
  channelId: string;
  number: number;
  threadTs: string | null;
  voteTs: string | null;
  phase: string;
  currentSpeakerId: string | null;
  outcome: string | null;
  lastSeq: number;
  announcedSeq: number;
  createdAt: Date;
}

/** A session as App Home lists it: where it is, and what it is about. */
export interface SessionListing {
  channelId: string;
  number: number;
  threadTs: string | null;
  matter: string;
}

/** A session under way, as `/lastword status` shows it. */
export interface OpenSession extends SessionListing {
  phase: string;
  currentSpeakerId: string | null;
  /** Slack's refusal of the header while the session waits for it; null once it is posted. */
  headerRefused: string | null;
}

export interface DecidedListing extends SessionListing {
  outcome: string;
  decidedAt: Date;
}

export interface LoadedSession {
  row: SessionRow;
  entries: LedgerEntry[];
  events: SessionEvent[];
}

export type { LiveSession };

/** What an append wrote, and the session as it now stands. */
export interface Appended {
  row: SessionRow;
  entries: LedgerEntry[];
  live: LiveSession;
}

/** A session's secret ballots as they are now: its seal, and the ballots sealed with it. */
export interface BallotBox {
  seal(): Promise<SessionSeal | null>;
  sealed(): Promise<Buffer[]>;
}

/** What one append adds: the events a decision produced, and where in Slack it came from. */
export interface AppendRequest {
  events: SessionEvent[];
  /** The same Slack delivery handled twice records one entry. */
  dedupeKey?: string;
  slackRef?: string;
  /** The projection kept beside the ledger for lists and App Home. */
  state: SessionState;
  /** Timers the new state needs (reminder, timeout), scheduled in the same transaction. */
  jobs?: NewJob[];
  /**
   * A secret ballot, sealed: inserted beside the ledger's "ballot cast" entry, which names the
   * voter but holds no choice. With the session's seal when this is the first ballot.
   */
  sealedBallot?: { sealed: Buffer; newSeal?: SessionSeal };
  /**
   * The session's secret vote is over: the receipts of the ballots counted (none when it was
   * deferred or cancelled) are written in sorted order, and the sealed ballots and the seal are
   * deleted, in the same transaction as the close.
   */
  ballotsDone?: { receiptHashes: string[] };
  /** None of the events shows anything in Slack (a statement: the words are in the thread already). */
  quiet?: boolean;
}

/**
 * The ledger (决策台账) in Postgres. Entries are only ever inserted; the unique key on
 * (workspace, session, seq) is what settles a race between two replicas or two clicks.
 */
export class SessionStore {
  /** thread → session: a header's thread never changes, and every thread reply asks. */
  private readonly byThread = new Map<string, string>();
  /** The sessions this process decides on, folded (see LiveSessions). */
  private readonly live = new LiveSessions();

  constructor(private readonly db: Database) {}

  /**
   * Creates the session with its first entries; its per-team number is the next free one. With a
   * dedupe key (the command that starts it), the same command handled twice creates one session:
   * the second gets the first's, marked `duplicate`.
   */
  async create(
    team: TeamRef,
    events: SessionEvent[],
    state: SessionState,
    options: { jobs?: (sessionId: string) => NewJob[]; dedupeKey?: string } = {},
  ): Promise<{ row: SessionRow; entries: LedgerEntry[]; duplicate: boolean }> {
    const id = randomUUID();
    const p = sessionProjection(state);
    const { dedupeKey } = options;
    const created = await this.db.tx(
      async (tx) => {
        if (dedupeKey) {
          const [earlier] = await tx.query<SessionRow>(sql`SELECT ${sessionColumns("s")} FROM ledger_entry e
          JOIN session s ON s.workspace_id = e.workspace_id AND s.id = e.session_id
          WHERE e.workspace_id = ${team.workspaceId} AND e.dedupe_key = ${dedupeKey}`);
          if (earlier) return { row: earlier, entries: [], duplicate: true };
        }
        // Counting the session locks the team's row: sessions of a team are created one at a time,
        // each numbered and linked to the one before it.
        const [counted] = await tx.query<{ number: number }>(sql`
        UPDATE team SET session_count = session_count + 1
        WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId}
        RETURNING session_count AS number`);
        if (!counted) throw new Error(`no team ${team.workspaceId}/${team.channelId}`);
        // The team's previous head: the newest entry of the session before, so that removing or
        // rewriting that session breaks this one's first link.
        const [head] = await tx.query<{ hash: string }>(sql`
        SELECT e.hash FROM session s
        JOIN ledger_entry e ON e.workspace_id = s.workspace_id AND e.session_id = s.id
        WHERE s.workspace_id = ${team.workspaceId} AND s.channel_id = ${team.channelId} AND s.number = ${counted.number - 1}
        ORDER BY e.seq DESC LIMIT 1`);
        const [row] = await tx.query<SessionRow>(sql`
        INSERT INTO session (workspace_id, id, channel_id, number, phase, current_speaker_id, outcome, last_seq, updated_at)
        VALUES (${team.workspaceId}, ${id}::uuid, ${team.channelId}, ${counted.number}::int,
          ${p.phase}, ${p.currentSpeakerId}::text, ${p.outcome}::text, ${events.length}::int, now())
        RETURNING ${SESSION_COLUMNS}`);
        const entries = sealEntries(
          events.map((e, i) => sessionEventContent(id, i + 1, e)),
          head?.hash ?? GENESIS,
        );
        await insertEntries(tx, team.workspaceId, entries, dedupeKey);
        await scheduleJobs(tx, options.jobs?.(id) ?? []);
        return { row: row!, entries, duplicate: false };
        // Two handlings of one command at once: the loser's dedupe key collides, and run again it
        // finds the winner's session.
      },
      { retryOnUniqueViolation: dedupeKey !== undefined },
    );
    const last = created.entries.at(-1);
    if (last) {
      const dedupeKeys = new Set(dedupeKey ? [dedupeKey] : []);
      this.live.remember({ row: created.row, state, lastSeq: last.seq, lastHash: last.hash, dedupeKeys });
    }
    return created;
  }

  /** What the team's row says about its chain of sessions (see ledger verify). */
  async chainFacts(team: TeamRef): Promise<{ sessionCount: number; chainStartsAt: number }> {
    const [facts] = await this.db.query<{ sessionCount: number; chainStartsAt: number }>(sql`
      SELECT session_count AS "sessionCount", chain_starts_at AS "chainStartsAt" FROM team
      WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId}`);
    return facts ?? { sessionCount: 0, chainStartsAt: 1 };
  }

  async setThread(workspaceId: string, sessionId: string, threadTs: string): Promise<void> {
    await this.db.execute(sql`UPDATE session SET thread_ts = ${threadTs}, header_refused = NULL, updated_at = now()
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid`);
    this.live.patchRow(workspaceId, sessionId, { threadTs });
  }

  /**
   * Slack refused the session's header with `error`: the session is shown as waiting. True the
   * first time only (on any replica), so the chair is told once.
   */
  async headerRefused(workspaceId: string, sessionId: string, error: string): Promise<boolean> {
    const n = await this.db.execute(sql`UPDATE session SET header_refused = ${error}
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid AND header_refused IS NULL AND thread_ts IS NULL`);
    return n === 1;
  }

  /** A channel's sessions still under way, oldest first: where each one is (`/lastword status`). */
  async underWay(team: TeamRef): Promise<OpenSession[]> {
    return this.db.query<OpenSession>(sql`
      SELECT s.channel_id AS "channelId", s.number, s.thread_ts AS "threadTs", e.payload->>'matter' AS matter,
        s.phase, s.current_speaker_id AS "currentSpeakerId", s.header_refused AS "headerRefused"
      FROM session s JOIN ledger_entry e ON e.workspace_id = s.workspace_id AND e.session_id = s.id AND e.seq = 1
      WHERE s.workspace_id = ${team.workspaceId} AND s.channel_id = ${team.channelId}
        AND s.phase IN ('new', 'speaking', 'voting', 'paused')
      ORDER BY s.number`);
  }

  /** Sessions `userId` chairs whose header Slack refused: they wait until it can be posted. */
  async waitingToBePosted(workspaceId: string, userId: string): Promise<SessionListing[]> {
    return this.db.query<SessionListing>(sql`
      SELECT s.channel_id AS "channelId", s.number, s.thread_ts AS "threadTs", e.payload->>'matter' AS matter
      FROM session s JOIN ledger_entry e ON e.workspace_id = s.workspace_id AND e.session_id = s.id AND e.seq = 1
      WHERE s.workspace_id = ${workspaceId} AND s.header_refused IS NOT NULL AND s.thread_ts IS NULL
        AND e.payload->>'chairId' = ${userId}
      ORDER BY s.created_at`);
  }

  async setVoteMessage(workspaceId: string, sessionId: string, voteTs: string): Promise<void> {
    await this.db.execute(sql`UPDATE session SET vote_ts = ${voteTs}, updated_at = now()
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid`);
    this.live.patchRow(workspaceId, sessionId, { voteTs });
  }

  async load(workspaceId: string, sessionId: string): Promise<LoadedSession | null> {
    const [row] = await this.db.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid`);
    return row ? withEntries(this.db, row) : null;
  }

  /** The session's entries after `seq`, in order: what the outbox still owes Slack, and a little before. */
  async entriesAfter(workspaceId: string, sessionId: string, seq: number): Promise<LedgerEntry[]> {
    const rows = await this.db.query<EntryRow>(sql`SELECT ${ENTRY_COLUMNS} FROM ledger_entry
      WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid AND seq > ${seq}::int ORDER BY seq`);
    return rows.map(toLedgerEntry);
  }

  /** The id of the session whose header is the thread's parent, if any. */
  async idByThread(workspaceId: string, channelId: string, threadTs: string): Promise<string | null> {
    const key = `${workspaceId}/${channelId}/${threadTs}`;
    const known = this.byThread.get(key);
    if (known) return known;
    const [row] = await this.db.query<{ id: string }>(sql`SELECT id FROM session
      WHERE workspace_id = ${workspaceId} AND channel_id = ${channelId} AND thread_ts = ${threadTs}`);
    if (!row) return null; // not a session's thread (or not yet: its header may still be posting)
    if (this.byThread.size >= 10_000) this.byThread.delete(this.byThread.keys().next().value!);
    this.byThread.set(key, row.id);
    return row.id;
  }

  async findByNumber(team: TeamRef, number: number): Promise<LoadedSession | null> {
    const [row] = await this.db.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
      WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId} AND number = ${number}`);
    return row ? withEntries(this.db, row) : null;
  }

  /** Sessions in which it is `userId`'s turn to speak now, in every team of the workspace. */
  async waitingFor(workspaceId: string, userId: string): Promise<SessionListing[]> {
    return this.db.query<SessionListing>(sql`
      SELECT s.channel_id AS "channelId", s.number, s.thread_ts AS "threadTs", e.payload->>'matter' AS matter
      FROM session s JOIN ledger_entry e ON e.workspace_id = s.workspace_id AND e.session_id = s.id AND e.seq = 1
      WHERE s.workspace_id = ${workspaceId} AND s.current_speaker_id = ${userId} AND s.phase = 'speaking'
      ORDER BY s.created_at`);
  }

  /** Sessions voting now in the teams `userId` is on: App Home asks the domain who has not voted. */
  async votingInTeamsOf(workspaceId: string, userId: string): Promise<SessionRow[]> {
    return this.db.query<SessionRow>(sql`
      SELECT ${sessionColumns("s")}
      FROM session s JOIN member m ON m.workspace_id = s.workspace_id AND m.channel_id = s.channel_id
      WHERE s.workspace_id = ${workspaceId} AND m.user_id = ${userId} AND s.phase = 'voting'
      ORDER BY s.created_at`);
  }

  /** The newest sessions with an outcome in the teams `userId` is on, newest first. */
  async decidedInTeamsOf(workspaceId: string, userId: string, limit: number): Promise<DecidedListing[]> {
    return this.db.query<DecidedListing>(sql`
      SELECT s.channel_id AS "channelId", s.number, s.thread_ts AS "threadTs", s.outcome,
             e.payload->>'matter' AS matter, s.updated_at AS "decidedAt"
      FROM session s
      JOIN member m ON m.workspace_id = s.workspace_id AND m.channel_id = s.channel_id
      JOIN ledger_entry e ON e.workspace_id = s.workspace_id AND e.session_id = s.id AND e.seq = 1
      WHERE s.workspace_id = ${workspaceId} AND m.user_id = ${userId} AND s.outcome IS NOT NULL
      ORDER BY s.updated_at DESC
      LIMIT ${limit}`);
  }

  async recent(team: TeamRef, limit: number): Promise<SessionRow[]> {
    return this.db.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
      WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId}
      ORDER BY number DESC LIMIT ${limit}`);
  }

  /**
   * Sessions of a team in number order with their entries, a page of sessions at a time (keyset
   * on the number), for verifying every chain. The next page is read while the caller checks this
   * one, so Postgres and the hashing overlap instead of taking turns.
   */
  async *allEntriesByTeam(
    team: TeamRef,
    pageSize = 1000,
  ): AsyncGenerator<{ row: SessionRow; entries: LedgerEntry[] }> {
    const page = async (after: number) => {
      const rows = await this.db.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
        WHERE workspace_id = ${team.workspaceId} AND channel_id = ${team.channelId} AND number > ${after}
        ORDER BY number LIMIT ${pageSize}`);
      if (rows.length === 0) return null;
      const entries = await this.db.query<EntryRow>(sql`SELECT ${ENTRY_COLUMNS} FROM ledger_entry
        WHERE workspace_id = ${team.workspaceId} AND session_id = ANY(${rows.map((r) => r.id)}::uuid[])
        ORDER BY session_id, seq`);
      const bySession = new Map<string, LedgerEntry[]>();
      for (const e of entries) {
        const list = bySession.get(e.sessionId) ?? [];
        list.push(toLedgerEntry(e));
        bySession.set(e.sessionId, list);
      }
      return { rows, bySession, last: rows[rows.length - 1]!.number };
    };
    // A read still under way when the caller stops early must not become an unhandled rejection.
    const ahead = (after: number) => {
      const p = page(after);
      p.catch(() => undefined);
      return p;
    };
    let next = ahead(0);
    for (;;) {
      const current = await next;
      if (!current) return;
      next = ahead(current.last);
      for (const row of current.rows) yield { row, entries: current.bySession.get(row.id) ?? [] };
    }
  }

  /**
   * The session as this process last decided on it, without a statement when it is known here.
   * `refresh` (or a session not known here) reads only the entries after the known ones and folds
   * them in: those another replica wrote, or all of them the first time. Null when there is none.
   */
  async current(
    workspaceId: string,
    sessionId: string,
    options: { refresh?: boolean; via?: Tx } = {},
  ): Promise<LiveSession | null> {
    const cached = this.live.get(workspaceId, sessionId);
    if (cached && !options.refresh) return cached;
    const rows = await this.readSince(workspaceId, sessionId, cached?.lastSeq ?? 0, options.via);
    // Ahead of the ledger: remembered from a transaction that did not commit. Read it all again.
    const ahead = cached && rows[0] && rows[0].lastSeq < cached.lastSeq;
    const known = ahead ? undefined : cached;
    if (ahead) this.live.forget(workspaceId, sessionId);
    return this.caughtUp(
      workspaceId,
      sessionId,
      known,
      ahead ? await this.readSince(workspaceId, sessionId, 0, options.via) : rows,
    );
  }

  private readSince(
    workspaceId: string,
    sessionId: string,
    after: number,
    via: Tx | undefined,
  ): Promise<Array<SessionRow & Partial<EntryRow>>> {
    return (via ?? this.db).query<SessionRow & Partial<EntryRow>>(sql`
      SELECT ${sessionColumns("s")}, ${entryColumns("e")}
      FROM session s LEFT JOIN ledger_entry e
        ON e.workspace_id = s.workspace_id AND e.session_id = s.id AND e.seq > ${after}::int
      WHERE s.workspace_id = ${workspaceId} AND s.id = ${sessionId}::uuid
      ORDER BY e.seq`);
  }

  private caughtUp(
    workspaceId: string,
    sessionId: string,
    known: LiveSession | undefined,
    rows: Array<SessionRow & Partial<EntryRow>>,
  ): LiveSession | null {
    const after = known?.lastSeq ?? 0;
    if (rows.length === 0) {
      this.live.forget(workspaceId, sessionId);
      return null;
    }
    const row = sessionRowOf(rows[0]!);
    const entries = rows.flatMap((r) => (r.seq == null ? [] : [r as EntryRow]));
    if (known && entries.length === 0 && known.lastSeq === row.lastSeq) {
      const same = { ...known, row };
      this.live.remember(same);
      return same;
    }
    const dedupeKeys = new Set(known?.dedupeKeys);
    for (const e of entries) if (e.dedupeKey) dedupeKeys.add(e.dedupeKey);
    const last = entries.at(-1);
    const caughtUp: LiveSession = {
      row,
      state: fold(
        entries.map((e) => e.payload as SessionEvent),
        known?.state ?? initialState,
      ),
      lastSeq: last?.seq ?? after,
      lastHash: last?.hash ?? known?.lastHash ?? GENESIS,
      dedupeKeys,
    };
    this.live.remember(caughtUp);
    return caughtUp;
  }

  /**
   * Appends what was decided on `live`, in one statement that locks the session's row, inserts
   * the entries only if the session's last entry is still `live.lastSeq`, schedules the jobs and
   * updates the projection. Null when another writer moved the session meanwhile (nothing is
   * written; catch up with `current(…, { refresh: true })` and decide again). A secret ballot's
   * writes go in the same short transaction, after that statement and only if it appended.
   */
  async appendAt(
    live: LiveSession,
    req: AppendRequest,
    options: Pick<TxOptions, "deadline"> & { via?: Tx } = {},
  ): Promise<Appended | null> {
    const { workspaceId, id: sessionId } = live.row;
    const entries = sealEntries(
      req.events.map((e, i) =>
        sessionEventContent(sessionId, live.lastSeq + 1 + i, e, i === 0 ? (req.slackRef ?? null) : null),
      ),
      live.lastHash,
    );
    if (entries.length === 0) return { row: live.row, entries, live };
    const statement = conditionalAppend(live, entries, req);
    // A deadline needs the transaction too: its statement_timeout bounds the wait for the lock.
    const needsTx =
      req.sealedBallot !== undefined || req.ballotsDone !== undefined || options.deadline !== undefined;
    const write = async (tx: Tx) => {
      const appended = await tx.query<SessionRow>(statement);
      if (appended.length === 0) return [];
      if (req.sealedBallot) await insertSealedBallot(tx, workspaceId, sessionId, req.sealedBallot);
      if (req.ballotsDone) await finishBallots(tx, workspaceId, sessionId, req.ballotsDone.receiptHashes);
      return appended;
    };
    const { via, deadline } = options;
    const [row] = via
      ? await write(via)
      : needsTx
        ? await this.db.tx(write, deadline === undefined ? {} : { deadline })
        : await this.db.query<SessionRow>(statement);
    if (!row) return null;
    const dedupeKeys = req.dedupeKey ? new Set(live.dedupeKeys).add(req.dedupeKey) : live.dedupeKeys;
    const next: LiveSession = {
      row,
      state: req.state,
      lastSeq: entries.at(-1)!.seq,
      lastHash: entries.at(-1)!.hash,
      dedupeKeys,
    };
    if (isClosed(req.state)) this.live.forget(workspaceId, sessionId);
    else this.live.remember(next);
    return { row, entries, live: next };
  }

  /**
   * Runs `work` in a transaction that holds the session's row lock first: a decision that lost a
   * race decides again here, on the ledger as it is, instead of racing again. Everything `work`
   * reads and appends goes `via` that transaction.
   */
  locked<T>(
    workspaceId: string,
    sessionId: string,
    work: (via: Tx) => Promise<T>,
    options: Pick<TxOptions, "deadline"> = {},
  ): Promise<T> {
    return this.db.tx(async (tx) => {
      await tx.query(
        sql`SELECT 1 FROM session WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid FOR UPDATE`,
      );
      return work(tx);
    }, options);
  }

  /** A secret ballot's seal and sealed ballots as they are now (see SecretBallots). */
  ballots(workspaceId: string, sessionId: string, via?: Tx): BallotBox {
    const db = via ?? this.db;
    return {
      seal: async () => {
        const [row] = await db.query<SessionSeal>(sql`
          SELECT public_key AS "publicKey", wrapped_private_key AS "wrappedPrivateKey" FROM ballot_seal
          WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid`);
        return row ?? null;
      },
      sealed: async () => {
        const rows = await db.query<{ sealed: Buffer }>(sql`
          SELECT sealed FROM sealed_ballot WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid`);
        return rows.map((r) => r.sealed);
      },
    };
  }

  /**
   * Claims one session whose ledger has entries not yet shown in Slack, for `leaseMs`. A replica
   * that dies holding the claim loses it when the lease runs out, and another one carries on;
   * the owner itself may take its claim again at once (one it could not give back while the
   * database was down).
   */
  async claimUnannounced(
    owner: string,
    leaseMs: number,
    only?: { workspaceId: string; sessionId: string },
  ): Promise<SessionRow | null> {
    const rows = only
      ? // One named session (just appended to): wait for a writer's lock on its row rather than
        // skip it, or the new entries would wait for the next sweep.
        await this.db.query<SessionRow>(sql`
          UPDATE session SET announce_by = ${owner}, announce_until = now() + ${leaseMs}::float8 * interval '1 millisecond'
          WHERE workspace_id = ${only.workspaceId} AND id = ${only.sessionId}::uuid
            AND announced_seq < last_seq AND (announce_until IS NULL OR announce_until < now() OR announce_by = ${owner})
          RETURNING ${SESSION_COLUMNS}`)
      : // Any session: replicas sweeping at once take different ones.
        await this.db.query<SessionRow>(sql`
          UPDATE session SET announce_by = ${owner}, announce_until = now() + ${leaseMs}::float8 * interval '1 millisecond'
          WHERE (workspace_id, id) IN (
            SELECT workspace_id, id FROM session
            WHERE announced_seq < last_seq AND (announce_until IS NULL OR announce_until < now() OR announce_by = ${owner})
            ORDER BY updated_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED)
          RETURNING ${SESSION_COLUMNS}`);
    return rows[0] ?? null;
  }

  /** Records that the entries up to `seq` are shown; false when the claim was lost meanwhile. */
  async markAnnounced(
    workspaceId: string,
    sessionId: string,
    owner: string,
    seq: number,
    leaseMs: number,
  ): Promise<boolean> {
    const n = await this.db.execute(sql`
      UPDATE session SET announced_seq = ${seq}, announce_until = now() + ${leaseMs}::float8 * interval '1 millisecond'
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid AND announce_by = ${owner} AND announced_seq < ${seq}`);
    return n === 1;
  }

  /**
   * Gives the claim back, but lets no replica take it for `delayMs`: posting failed in a way that
   * asking again at once will not mend (Slack refused the header), so it is retried with backoff.
   */
  async postponeAnnounce(
    workspaceId: string,
    sessionId: string,
    owner: string,
    delayMs: number,
  ): Promise<void> {
    await this.db.execute(sql`
      UPDATE session SET announce_by = NULL, announce_until = now() + ${delayMs}::float8 * interval '1 millisecond'
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid AND announce_by = ${owner}`);
  }

  /** Gives the claim back; true when more entries arrived meanwhile and the caller should go on. */
  async releaseAnnounce(workspaceId: string, sessionId: string, owner: string): Promise<boolean> {
    const rows = await this.db.query<{ pending: boolean }>(sql`
      UPDATE session SET announce_by = NULL, announce_until = NULL
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid AND announce_by = ${owner}
      RETURNING announced_seq < last_seq AS pending`);
    return rows[0]?.pending ?? false;
  }

  /**
   * A secret vote still open: the session's seal and its sealed ballots, read together (one
   * snapshot, so a close cannot fall between them); null when nothing is sealed.
   */
  async sealedBox(
    workspaceId: string,
    sessionId: string,
  ): Promise<{ seal: SessionSeal; sealed: Buffer[] } | null> {
    const rows = await this.db.query<{
      publicKey: Buffer;
      wrappedPrivateKey: Buffer;
      sealed: Buffer | null;
    }>(sql`
      SELECT k.public_key AS "publicKey", k.wrapped_private_key AS "wrappedPrivateKey", b.sealed FROM ballot_seal k
      LEFT JOIN sealed_ballot b ON b.workspace_id = k.workspace_id AND b.session_id = k.session_id
      WHERE k.workspace_id = ${workspaceId} AND k.session_id = ${sessionId}::uuid`);
    const [first] = rows;
    if (!first) return null;
    return {
      seal: { publicKey: first.publicKey, wrappedPrivateKey: first.wrappedPrivateKey },
      sealed: rows.flatMap((r) => (r.sealed ? [r.sealed] : [])),
    };
  }

  /** The receipt hashes of a secret ballot, sorted by hash: their order says nothing. */
  async receipts(workspaceId: string, sessionId: string): Promise<string[]> {
    const rows = await this.db.query<{ receipt_hash: string }>(sql`SELECT receipt_hash FROM ballot_receipt
      WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid ORDER BY receipt_hash`);
    return rows.map((r) => r.receipt_hash);
  }
}

/** The session row as the store hands it out, from the table or from an alias of it (`s`). */
function sessionColumns(alias?: "s"): Sql {
  const c = alias ? `${alias}.` : "";
  return new Sql(
    [
      `${c}workspace_id AS "workspaceId", ${c}id, ${c}channel_id AS "channelId", ${c}number, ${c}thread_ts AS "threadTs",
  ${c}vote_ts AS "voteTs", ${c}phase, ${c}current_speaker_id AS "currentSpeakerId", ${c}outcome, ${c}last_seq AS "lastSeq",
  ${c}announced_seq AS "announcedSeq", ${c}created_at AS "createdAt"`,
    ],
    [],
  );
}
const SESSION_COLUMNS = sessionColumns();

/** A ledger entry's columns, from the table or from an alias of it (`e`). */
function entryColumns(alias?: "e"): Sql {
  const c = alias ? `${alias}.` : "";
  return new Sql(
    [
      `${c}session_id AS "sessionId", ${c}seq, ${c}type, ${c}actor_id AS "actorId", ${c}at, ${c}payload,
  ${c}slack_ref AS "slackRef", ${c}dedupe_key AS "dedupeKey", ${c}prev_hash AS "prevHash", ${c}hash`,
    ],
    [],
  );
}
const ENTRY_COLUMNS = entryColumns();

function sessionRowOf(r: SessionRow): SessionRow {
  return {
    workspaceId: r.workspaceId,
    id: r.id,
    channelId: r.channelId,
    number: r.number,
    threadTs: r.threadTs,
    voteTs: r.voteTs,
    phase: r.phase,
    currentSpeakerId: r.currentSpeakerId,
    outcome: r.outcome,
    lastSeq: r.lastSeq,
    announcedSeq: r.announcedSeq,
    createdAt: r.createdAt,
  };
}

/**
 * The append as one statement. `locked` takes the session's row lock and is empty unless the
 * session's last entry is still the one decided on (Postgres re-reads the row after waiting for
 * the lock); every other part reads from it, so nothing is written when it is empty. Entries that
 * show nothing in Slack skip the outbox unless older ones are still waiting in it.
 */
function conditionalAppend(live: LiveSession, entries: LedgerEntry[], req: AppendRequest): Sql {
  const { workspaceId, id: sessionId } = live.row;
  const newLast = entries.at(-1)!.seq;
  const rows = entries.map((e, i) => ({
    seq: e.seq,
    type: e.type,
    actor_id: e.actorId,
    at: new Date(e.at).toISOString(),
    payload: e.payload,
    slack_ref: e.slackRef,
    dedupe_key: i === 0 ? (req.dedupeKey ?? null) : null,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  const jobs = req.jobs?.length
    ? sql`, jobs AS (
        INSERT INTO job (workspace_id, key, kind, due_at, payload)
        SELECT j.workspace_id, j.key, j.kind, j.due_at, j.payload
        FROM locked, jsonb_to_recordset(${JSON.stringify(jobRows(req.jobs))}::jsonb)
          AS j(workspace_id text, key text, kind text, due_at timestamptz, payload jsonb)
        ON CONFLICT DO NOTHING)`
    : sql.empty;
  const p = sessionProjection(req.state);
  return sql`
    WITH locked AS (
      SELECT announced_seq AS was_announced, last_seq AS was_last FROM session
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid AND last_seq = ${live.lastSeq}::int
      FOR UPDATE
    ), appended AS (
      INSERT INTO ledger_entry (workspace_id, session_id, seq, type, actor_id, at, payload, slack_ref, dedupe_key, prev_hash, hash)
      SELECT ${workspaceId}, ${sessionId}::uuid, e.seq, e.type, e.actor_id, e.at, e.payload, e.slack_ref, e.dedupe_key, e.prev_hash, e.hash
      FROM locked, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(seq int, type text, actor_id text,
        at timestamptz, payload jsonb, slack_ref text, dedupe_key text, prev_hash text, hash text)
      ORDER BY e.seq
    )${jobs}
    UPDATE session s SET phase = ${p.phase}, current_speaker_id = ${p.currentSpeakerId}::text, outcome = ${p.outcome}::text,
      last_seq = ${newLast}::int,
      announced_seq = CASE WHEN ${req.quiet === true}::boolean AND locked.was_announced = locked.was_last
        THEN ${newLast}::int ELSE s.announced_seq END,
      updated_at = now()
    FROM locked
    WHERE s.workspace_id = ${workspaceId} AND s.id = ${sessionId}::uuid
    RETURNING ${sessionColumns("s")}`;
}

type EntryRow = Parameters<typeof toLedgerEntry>[0] & { dedupeKey: string | null };

async function withEntries(db: Queryable, row: SessionRow): Promise<LoadedSession> {
  const rows = await db.query<EntryRow>(sql`SELECT ${ENTRY_COLUMNS} FROM ledger_entry
    WHERE workspace_id = ${row.workspaceId} AND session_id = ${row.id}::uuid ORDER BY seq`);
  const entries = rows.map(toLedgerEntry);
  return { row, entries, events: entries.map((e) => e.payload as SessionEvent) };
}

/** A new session's first entries; the first carries the key of the command that started it. */
async function insertEntries(
  tx: Tx,
  workspaceId: string,
  entries: LedgerEntry[],
  dedupeKey: string | undefined,
): Promise<void> {
  const rows = entries.map((e, i) => ({
    session_id: e.sessionId,
    seq: e.seq,
    type: e.type,
    actor_id: e.actorId,
    at: new Date(e.at).toISOString(),
    payload: e.payload,
    slack_ref: e.slackRef,
    dedupe_key: i === 0 ? (dedupeKey ?? null) : null,
    prev_hash: e.prevHash,
    hash: e.hash,
  }));
  await tx.execute(sql`
    INSERT INTO ledger_entry (workspace_id, session_id, seq, type, actor_id, at, payload, slack_ref, dedupe_key, prev_hash, hash)
    SELECT ${workspaceId}, e.session_id::uuid, e.seq, e.type, e.actor_id, e.at, e.payload, e.slack_ref, e.dedupe_key, e.prev_hash, e.hash
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e(session_id text, seq int, type text, actor_id text, at timestamptz,
      payload jsonb, slack_ref text, dedupe_key text, prev_hash text, hash text)
    ORDER BY e.seq`);
}

/**
 * One INSERT per ballot and nothing else: no row is updated per ballot, so no old row version
 * holds a running count to compare with the ledger's "ballot cast" entries.
 */
async function insertSealedBallot(
  tx: Tx,
  workspaceId: string,
  sessionId: string,
  ballot: NonNullable<AppendRequest["sealedBallot"]>,
): Promise<void> {
  if (ballot.newSeal) {
    await tx.execute(sql`
      INSERT INTO ballot_seal (workspace_id, session_id, public_key, wrapped_private_key)
      VALUES (${workspaceId}, ${sessionId}::uuid, ${ballot.newSeal.publicKey}, ${ballot.newSeal.wrappedPrivateKey})`);
  }
  await tx.execute(sql`
    INSERT INTO sealed_ballot (workspace_id, session_id, id, sealed)
    VALUES (${workspaceId}, ${sessionId}::uuid, ${randomUUID()}::uuid, ${ballot.sealed})`);
}

/**
 * The receipts, sorted, in one statement of the close's transaction: they share its transaction
 * id and lie on disk in hash order, so neither says which ballot came when. The sealed ballots
 * and the session's key go with it.
 */
async function finishBallots(
  tx: Tx,
  workspaceId: string,
  sessionId: string,
  receiptHashes: string[],
): Promise<void> {
  const sorted = [...receiptHashes].sort();
  if (sorted.length) {
    await tx.execute(sql`
      INSERT INTO ballot_receipt (workspace_id, session_id, receipt_hash)
      SELECT ${workspaceId}, ${sessionId}::uuid, h FROM unnest(${sorted}::text[]) AS h ORDER BY h`);
  }
  await tx.execute(
    sql`DELETE FROM sealed_ballot WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid`,
  );
  await tx.execute(
    sql`DELETE FROM ballot_seal WHERE workspace_id = ${workspaceId} AND session_id = ${sessionId}::uuid`,
  );
}

function toLedgerEntry(e: {
  sessionId: string;
  seq: number;
  type: string;
  actorId: string | null;
  at: Date;
  payload: unknown;
  slackRef: string | null;
  prevHash: string;
  hash: string;
}): LedgerEntry {
  return {
    sessionId: e.sessionId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    at: e.at,
    payload: e.payload,
    slackRef: e.slackRef,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
