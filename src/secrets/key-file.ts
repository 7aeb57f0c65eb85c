import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const KEY_BYTES = 32;

/** Base64 of exactly 32 bytes, or null. */
export function parseKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed, "base64");
  return key.length === KEY_BYTES && key.toString("base64") === trimmed ? key : null;
}

/**
 * A key from its setting or, for the embedded setup, from a file made once in the data directory
 * and readable by its owner only. The key is kept outside the database so that a copy of the
 * database (a backup, a dump handed to support) does not carry what opens it.
 */
export function loadKey(setting: Buffer | undefined, dataDir: string, fileName: string): Buffer {
  if (setting) return setting;
  const file = join(dataDir, fileName);
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": never overwrite a key that exists; two processes starting at once keep the first one's.
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const key = parseKey(readFileSync(file, "utf8"));
  if (!key) throw new Error(`${file} does not hold a key (base64 of ${KEY_BYTES} bytes)`);
  return key;
}
