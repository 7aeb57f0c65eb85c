import { z } from "zod";
import type { Totals, VoteChoice } from "../domain/session/types.ts";
import { newSealKeyPair, open, seal, unwrapKey, wrapKey } from "./sealed-box.ts";

/*
 * 无记名投票, sealed: a secret ballot is sealed to its session's public key the moment it is cast,
 * and only the close opens it. The session's private key is kept wrapped by the ballot key, which
 * lives outside the database, so the database (its rows, old row versions, WAL, backups) holds no
 * choice in a form it can read by itself.
 */

/** What the database keeps for a session whose vote is secret. */
export interface SessionSeal {
  publicKey: Buffer;
  wrappedPrivateKey: Buffer;
}

/** What a sealed ballot holds: the choice per question and the hash of the voter's receipt. */
export interface BallotContent {
  choices: Record<string, VoteChoice>;
  receiptHash: string;
}

export function newSessionSeal(ballotKey: Buffer, workspaceId: string, sessionId: string): SessionSeal {
  const pair = newSealKeyPair();
  return {
    publicKey: pair.publicKey,
    wrappedPrivateKey: wrapKey(ballotKey, pair.privateKey, context(workspaceId, sessionId)),
  };
}

// Every sealed ballot of a session has the same length whatever it says: "abstain" is longer
// than "reject", and a length is as good as a choice to anyone reading the table.
const PADDED_TO = 512;

export function sealBallot(
  sessionSeal: Pick<SessionSeal, "publicKey">,
  ballot: BallotContent,
  workspaceId: string,
  sessionId: string,
): Buffer {
  const json = JSON.stringify({ c: ballot.choices, r: ballot.receiptHash });
  const padded = json.padEnd(Math.ceil((json.length + 1) / PADDED_TO) * PADDED_TO, " ");
  return seal(sessionSeal.publicKey, Buffer.from(padded, "utf8"), context(workspaceId, sessionId));
}

const opened = z.object({
  c: z.record(z.string(), z.enum(["approve", "reject", "abstain"])),
  r: z.string().regex(/^[0-9a-f]{64}$/),
});

export interface OpenedBallots {
  /** Per question id; a question nobody answered is absent. */
  totals: Record<string, Totals>;
  /** Sorted, so their order says nothing about who cast which. */
  receiptHashes: string[];
}

/** Opens every ballot of a session and counts them; throws if the ballot key is not the session's. */
export function openBallots(
  ballotKey: Buffer,
  sessionSeal: SessionSeal,
  boxes: readonly Buffer[],
  workspaceId: string,
  sessionId: string,
): OpenedBallots {
  const ctx = context(workspaceId, sessionId);
  const keyPair = {
    publicKey: sessionSeal.publicKey,
    privateKey: unwrapKey(ballotKey, sessionSeal.wrappedPrivateKey, ctx),
  };
  const totals: Record<string, Totals> = {};
  const receiptHashes: string[] = [];
  for (const box of boxes) {
    const ballot = opened.parse(JSON.parse(open(keyPair, box, ctx).toString("utf8")));
    for (const [questionId, choice] of Object.entries(ballot.c)) {
      totals[questionId] ??= { approve: 0, reject: 0, abstain: 0 };
      totals[questionId][choice] += 1;
    }
    receiptHashes.push(ballot.r);
  }
  receiptHashes.sort();
  return { totals, receiptHashes };
}

function context(workspaceId: string, sessionId: string): string {
  return `${workspaceId}/${sessionId}`;
}
