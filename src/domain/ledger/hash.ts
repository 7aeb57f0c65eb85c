import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json.ts";

export { canonicalJson };

/**
 * 全程纪实留痕 (full record): each ledger entry's hash covers the previous entry's hash and its own
 * content, so changing, removing or reordering any entry breaks every hash after it.
 */
export const GENESIS = "0".repeat(64);

/** The first entry of a session's ledger has this sequence number. */
export const FIRST_SEQ = 1;

/** What an entry's hash covers: everything but the two hashes themselves. */
export interface LedgerContent {
  sessionId: string;
  seq: number;
  type: string;
  actorId: string | null;
  /** An ISO instant or a Date: both are hashed as the same millisecond ISO string. */
  at: string | Date;
  payload: unknown;
  slackRef: string | null;
}

export interface LedgerEntry extends LedgerContent {
  prevHash: string;
  hash: string;
}

export function entryHash(prevHash: string, entry: LedgerContent): string {
  const content = {
    sessionId: entry.sessionId,
    seq: entry.seq,
    type: entry.type,
    actorId: entry.actorId,
    at: canonicalInstant(entry.at),
    payload: entry.payload,
    slackRef: entry.slackRef,
  };
  return createHash("sha256")
    .update(prevHash + canonicalJson(content), "utf8")
    .digest("hex");
}

/** Links content entries into a chain, starting after `prevHash`. */
export function sealEntries(contents: readonly LedgerContent[], prevHash: string = GENESIS): LedgerEntry[] {
  const sealed: LedgerEntry[] = [];
  let previous = prevHash;
  for (const content of contents) {
    const hash = entryHash(previous, content);
    sealed.push({ ...content, prevHash: previous, hash });
    previous = hash;
  }
  return sealed;
}

export type ChainCheck = { ok: true } | { ok: false; seq: number; reason: "hash" | "link" | "gap" };

export interface VerifyOptions {
  /** Where the given entries start; defaults to a whole ledger (FIRST_SEQ after GENESIS). */
  from?: { seq: number; prevHash: string };
}

/**
 * Checks a ledger in sequence order and names the first entry that is wrong: `gap` when its
 * sequence number is not the next one, `link` when it does not point at the previous entry's hash,
 * `hash` when its content no longer matches its own hash.
 */
export function verifyChain(entries: readonly LedgerEntry[], options: VerifyOptions = {}): ChainCheck {
  let expectedSeq = options.from?.seq ?? FIRST_SEQ;
  let previous = options.from?.prevHash ?? GENESIS;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) return { ok: false, seq: entry.seq, reason: "gap" };
    if (entry.prevHash !== previous) return { ok: false, seq: entry.seq, reason: "link" };
    if (entryHash(entry.prevHash, entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: "hash" };
    previous = entry.hash;
    expectedSeq += 1;
  }
  return { ok: true };
}

/**
 * Timestamps come back from Postgres as Dates with millisecond precision; hashing the normalised
 * ISO string keeps a hash computed before the write equal to one computed after the read.
 */
function canonicalInstant(at: string | Date): string {
  const millis = typeof at === "string" ? Date.parse(at) : at.getTime();
  if (Number.isNaN(millis)) throw new TypeError(`entryHash: ${String(at)} is not an instant`);
  return new Date(millis).toISOString();
}
