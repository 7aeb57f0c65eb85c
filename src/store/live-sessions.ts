import type { SessionState } from "../domain/session/state.ts";
import type { SessionRow } from "./session-store.ts";

/**
 * What this process knows of a session it decided on: its state folded up to `lastSeq`, the hash
 * of that entry (the next one links to it) and the Slack deliveries already recorded. Enough to
 * decide and append without reading the ledger; the append itself checks that `lastSeq` is still
 * the session's last, so a stale copy is never written from, only caught up.
 */
export interface LiveSession {
  row: SessionRow;
  state: SessionState;
  lastSeq: number;
  lastHash: string;
  /** Grows with the session's entries, like its state; the unique key still guards the table. */
  dedupeKeys: ReadonlySet<string>;
}

/**
 * The live sessions of this process, the least recently used dropped first past `limit`, so
 * memory stays flat however many sessions a long-running replica has seen. A session dropped (or
 * never seen) is read once from its ledger when next decided on.
 */
export class LiveSessions {
  private readonly byKey = new Map<string, LiveSession>();

  constructor(private readonly limit = 1_000) {}

  get(workspaceId: string, sessionId: string): LiveSession | undefined {
    const key = keyOf(workspaceId, sessionId);
    const live = this.byKey.get(key);
    if (live) {
      // Map keeps insertion order: moving a used entry to the end makes the first the oldest.
      this.byKey.delete(key);
      this.byKey.set(key, live);
    }
    return live;
  }

  /** Keeps `live` unless a newer copy is already here (two decisions of this process overlapping). */
  remember(live: LiveSession): void {
    const key = keyOf(live.row.workspaceId, live.row.id);
    const known = this.byKey.get(key);
    if (known && known.lastSeq > live.lastSeq) return;
    this.byKey.delete(key);
    this.byKey.set(key, live);
    while (this.byKey.size > this.limit) this.byKey.delete(this.byKey.keys().next().value!);
  }

  /** A finished session takes no more decisions worth keeping it for. */
  forget(workspaceId: string, sessionId: string): void {
    this.byKey.delete(keyOf(workspaceId, sessionId));
  }

  /** The session's Slack messages, once posted (the header's thread, the vote message). */
  patchRow(
    workspaceId: string,
    sessionId: string,
    patch: Partial<Pick<SessionRow, "threadTs" | "voteTs">>,
  ): void {
    const live = this.byKey.get(keyOf(workspaceId, sessionId));
    if (live) live.row = { ...live.row, ...patch };
  }

  get size(): number {
    return this.byKey.size;
  }
}

function keyOf(workspaceId: string, sessionId: string): string {
  return `${workspaceId}/${sessionId}`;
}
