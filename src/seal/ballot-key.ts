import { join } from "node:path";
import { loadKey, parseKey } from "../secrets/key-file.ts";

const BALLOT_KEY_FILE = "ballot.key";

/** Where the embedded setup keeps its ballot key: beside the database files, never inside them. */
export function ballotKeyFile(dataDir: string): string {
  return join(dataDir, BALLOT_KEY_FILE);
}

/**
 * The ballot key from the setting, or, for the embedded database, from a file made once in the
 * data directory, readable by its owner only (see loadKey). Losing it loses the ballots of every
 * vote still open, so the README asks for a backup of it kept apart from the database's.
 */
export function loadBallotKey(setting: Buffer | undefined, dataDir: string): Buffer {
  return loadKey(setting, dataDir, BALLOT_KEY_FILE);
}

/** Base64 of exactly 32 bytes, or null. */
export const parseBallotKey = parseKey;
