import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKey } from "../../../src/secrets/key-file.ts";
import { TokenCipher, TokenUnreadable } from "../../../src/secrets/token-cipher.ts";

const key = (byte: number) => Buffer.alloc(32, byte);

describe("bot tokens at rest", () => {
  it("are stored without the token in them, and open again with the same key", () => {
    const cipher = new TokenCipher(key(1));
    const sealed = cipher.seal("xoxb-1234-secret", "T0ORGA0000");
    expect(sealed).not.toContain("xoxb");
    expect(sealed).not.toContain("secret");
    expect(cipher.open(sealed, "T0ORGA0000")).toBe("xoxb-1234-secret");
    // A fresh IV each time: the same token sealed twice does not give the same text.
    expect(cipher.seal("xoxb-1234-secret", "T0ORGA0000")).not.toBe(sealed);
  });

  it("do not open with another key, on another workspace's row, or once changed", () => {
    const sealed = new TokenCipher(key(1)).seal("xoxb-1234-secret", "T0ORGA0000");
    expect(() => new TokenCipher(key(2)).open(sealed, "T0ORGA0000")).toThrow(TokenUnreadable);
    expect(() => new TokenCipher(key(1)).open(sealed, "T0ORGB0000")).toThrow(TokenUnreadable);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1]! ^= 1;
    expect(() => new TokenCipher(key(1)).open(`v1:${raw.toString("base64")}`, "T0ORGA0000")).toThrow(
      TokenUnreadable,
    );
  });

  it("use the setting's key, else a key file made once in the data directory, readable by its owner only", () => {
    const dir = mkdtempSync(join(tmpdir(), "lastword-key-"));
    expect(loadKey(key(9), dir, "token.key")).toEqual(key(9));
    const first = loadKey(undefined, dir, "token.key");
    expect(first).toHaveLength(32);
    expect(statSync(join(dir, "token.key")).mode & 0o777).toBe(0o600);
    expect(loadKey(undefined, dir, "token.key")).toEqual(first);
    expect(readFileSync(join(dir, "token.key"), "utf8").trim()).toBe(first.toString("base64"));
  });
});
