import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { KEY_BYTES } from "./key-file.ts";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored token that the key does not open: a wrong key, or a value changed in the database. */
export class TokenUnreadable extends Error {
  constructor(readonly context: string) {
    super(
      `a stored token for ${context} cannot be decrypted: is LASTWORD_TOKEN_KEY the one it was stored with?`,
    );
  }
}

/**
 * Slack tokens at rest, encrypted with AES-256-GCM under a key kept outside the database. Each
 * ciphertext is bound to what it belongs to (`context`, the installation's key): a token copied
 * onto another workspace's row does not decrypt there.
 */
export class TokenCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`a token key has ${KEY_BYTES} bytes`);
  }

  seal(token: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
  }

  open(sealed: string, context: string): string {
    const [version, data] = sealed.split(":", 2);
    if (version !== VERSION || !data) throw new TokenUnreadable(context);
    const raw = Buffer.from(data, "base64");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new TokenUnreadable(context);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new TokenUnreadable(context);
    }
  }
}
