import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BALLOT_KEY_BYTES } from "./sealed-box.ts";

/** Where the embedded setup keeps its ballot key: beside the database files, never inside them. */
export function ballotKeyFile(dataDir: string): string {
  return join(dataDir, "ballot.key");
}

/**
 * The ballot key from the setting, or, for the embedded database, from a file made once in the
 * data directory, readable by its owner only. Losing it loses the ballots of every vote still
 * open, so the README asks for a backup of it kept apart from the database's.
 */
export function loadBallotKey(setting: Buffer | undefined, dataDir: string): Buffer {
  if (setting) return setting;
  const file = ballotKeyFile(dataDir);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": never overwrite a key that exists; two processes starting at once keep the first one's.
    writeFileSync(file, `${randomBytes(BALLOT_KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = parseBallotKey(readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file} does not hold a ballot key (base64 of ${BALLOT_KEY_BYTES} bytes)`);
  return key;
}

/** Base64 of exactly 32 bytes, or null. */
export function parseBallotKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, "base64");
  return key.length === BALLOT_KEY_BYTES && key.toString("base64") === trimmed ? key : null;
}
