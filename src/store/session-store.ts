import { randomUUID } from "node:crypto";
import { sessionEventContent } from "../domain/ledger/entry.ts";
import { GENESIS, sealEntries, type LedgerEntry } from "../domain/ledger/hash.ts";
import type { SessionEvent } from "../domain/session/events.ts";
import { sessionProjection } from "../domain/session/projection.ts";
import type { SessionState } from "../domain/session/state.ts";
import type { SessionSeal } from "../seal/ballots.ts";
import { type NewJob, scheduleJobs } from "./job-store.ts";
import { type Database, type Queryable, Sql, sql, type Tx, type TxOptions } from "./db.ts";
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
  /** The Slack deliveries this session's entries were recorded from. */
  dedupeKeys: Set<string>;
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
    return this.db.tx(
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
  }

  async load(workspaceId: string, sessionId: string): Promise<LoadedSession | null> {
    const [row] = await this.db.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid`);
    return row ? withEntries(this.db, row) : null;
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
   * Runs `work` with the session's row locked, so that everything that decides on this session's
   * ledger (any replica, any request) takes its turn: the decision is made on the ledger as it
   * is, and what it appends is written before anyone else decides. Null when there is no session.
   */
  async transact<T>(
    workspaceId: string,
    sessionId: string,
    work: (loaded: LoadedSession, tx: SessionTx) => Promise<T>,
    options: Pick<TxOptions, "deadline"> = {},
  ): Promise<T | null> {
    return this.db.tx(async (tx) => {
      // The lock and the row in one round trip.
      const [row] = await tx.query<SessionRow>(sql`SELECT ${SESSION_COLUMNS} FROM session
        WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid FOR UPDATE`);
      if (!row) return null;
      const loaded = await withEntries(tx, row);
      return work(loaded, new SessionTx(tx, loaded));
    }, options);
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

/** The writes a decision may make while it holds the session's lock. */
export class SessionTx {
  constructor(
    private readonly tx: Tx,
    private readonly loaded: LoadedSession,
  ) {}

  /**
   * Has this Slack delivery been recorded already (a retry)? A delivery's key names its message,
   * which is in one session's thread, so this session's entries (read under the lock) tell; the
   * unique key on (workspace, dedupe key) still guards the table.
   */
  seen(dedupeKey: string): boolean {
    return this.loaded.dedupeKeys.has(dedupeKey);
  }

  /** The session's seal, if a secret ballot has been cast in it. */
  async ballotSeal(): Promise<SessionSeal | null> {
    const { workspaceId, id } = this.loaded.row;
    const [row] = await this.tx.query<SessionSeal>(sql`
      SELECT public_key AS "publicKey", wrapped_private_key AS "wrappedPrivateKey" FROM ballot_seal
      WHERE workspace_id = ${workspaceId} AND session_id = ${id}::uuid`);
    return row ?? null;
  }

  /** The sealed ballots cast so far, read under the lock: none can land before the append. */
  async sealedBallots(): Promise<Buffer[]> {
    const { workspaceId, id } = this.loaded.row;
    const rows = await this.tx.query<{ sealed: Buffer }>(sql`
      SELECT sealed FROM sealed_ballot WHERE workspace_id = ${workspaceId} AND session_id = ${id}::uuid`);
    return rows.map((r) => r.sealed);
  }

  async append(req: AppendRequest): Promise<LedgerEntry[]> {
    const { workspaceId, id: sessionId, announcedSeq, lastSeq } = this.loaded.row;
    const last = this.loaded.entries[this.loaded.entries.length - 1];
    const entries = sealEntries(
      req.events.map((e, i) =>
        sessionEventContent(sessionId, (last?.seq ?? 0) + 1 + i, e, i === 0 ? (req.slackRef ?? null) : null),
      ),
      last?.hash ?? GENESIS,
    );
    if (entries.length === 0) return [];
    const tx = this.tx;
    await insertEntries(tx, workspaceId, entries, req.dedupeKey);
    await scheduleJobs(tx, req.jobs ?? []);
    if (req.sealedBallot) await insertSealedBallot(tx, workspaceId, sessionId, req.sealedBallot);
    if (req.ballotsDone) await finishBallots(tx, workspaceId, sessionId, req.ballotsDone.receiptHashes);
    const newLast = entries[entries.length - 1]!.seq;
    // Entries that show nothing in Slack need no trip through the outbox, unless older ones wait.
    const nothingToShow = req.quiet === true && announcedSeq === lastSeq;
    const p = sessionProjection(req.state);
    await tx.execute(sql`
      UPDATE session SET phase = ${p.phase}, current_speaker_id = ${p.currentSpeakerId}, outcome = ${p.outcome}, last_seq = ${newLast},
        announced_seq = CASE WHEN ${nothingToShow}::boolean THEN ${newLast}::int ELSE announced_seq END, updated_at = now()
      WHERE workspace_id = ${workspaceId} AND id = ${sessionId}::uuid`);
    return entries;
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

const ENTRY_COLUMNS = sql`session_id AS "sessionId", seq, type, actor_id AS "actorId", at, payload, slack_ref AS "slackRef",
  dedupe_key AS "dedupeKey", prev_hash AS "prevHash", hash`;

type EntryRow = Parameters<typeof toLedgerEntry>[0] & { dedupeKey: string | null };

async function withEntries(db: Queryable, row: SessionRow): Promise<LoadedSession> {
  const rows = await db.query<EntryRow>(sql`SELECT ${ENTRY_COLUMNS} FROM ledger_entry
    WHERE workspace_id = ${row.workspaceId} AND session_id = ${row.id}::uuid ORDER BY seq`);
  const entries = rows.map(toLedgerEntry);
  const dedupeKeys = new Set(rows.flatMap((r) => (r.dedupeKey ? [r.dedupeKey] : [])));
  return { row, entries, events: entries.map((e) => e.payload as SessionEvent), dedupeKeys };
}

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
