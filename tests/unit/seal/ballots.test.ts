import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ballotKeyFile, loadBallotKey, parseBallotKey } from "../../../src/seal/ballot-key.ts";
import { newSessionSeal, openBallots, sealBallot } from "../../../src/seal/ballots.ts";
import { newSealKeyPair, open, seal } from "../../../src/seal/sealed-box.ts";

const ballotKey = randomBytes(32);
const ws = "T1";
const session = "5f0c4f9e-2b0a-4a44-9a55-3c1d9d0e0a01";
const receipt = (n: number) => n.toString(16).padStart(64, "0");

describe("sealed box", () => {
  it("opens with the recipient's key pair and the same context only", () => {
    const pair = newSealKeyPair();
    const box = seal(pair.publicKey, Buffer.from("approve"), "T1/s1");
    expect(open(pair, box, "T1/s1").toString()).toBe("approve");
    expect(() => open(pair, box, "T1/s2")).toThrow();
    expect(() => open(newSealKeyPair(), box, "T1/s1")).toThrow();
    const flipped = Buffer.from(box);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(pair, flipped, "T1/s1")).toThrow();
  });

  it("seals the same message differently every time and never shows it", () => {
    const pair = newSealKeyPair();
    const a = seal(pair.publicKey, Buffer.from("approve"), "c");
    const b = seal(pair.publicKey, Buffer.from("approve"), "c");
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from("approve"))).toBe(false);
  });
});

describe("sealed ballots", () => {
  it("are opened and counted at the close, with the receipts sorted", () => {
    const sessionSeal = newSessionSeal(ballotKey, ws, session);
    const cast = [
      { choices: { q1: "approve", q2: "reject" }, receiptHash: receipt(3) },
      { choices: { q1: "abstain", q2: "reject" }, receiptHash: receipt(1) },
      { choices: { q1: "approve", q2: "approve" }, receiptHash: receipt(2) },
    ] as const;
    const boxes = cast.map((b) => sealBallot(sessionSeal, { ...b, choices: { ...b.choices } }, ws, session));
    const result = openBallots(ballotKey, sessionSeal, boxes, ws, session);
    expect(result.totals).toEqual({
      q1: { approve: 2, reject: 0, abstain: 1 },
      q2: { approve: 1, reject: 2, abstain: 0 },
    });
    expect(result.receiptHashes).toEqual([receipt(1), receipt(2), receipt(3)]);
  });

  it("all have the same length whatever they say", () => {
    const sessionSeal = newSessionSeal(ballotKey, ws, session);
    const lengths = (["approve", "reject", "abstain"] as const).map(
      (choice) =>
        sealBallot(sessionSeal, { choices: { q1: choice, q2: choice }, receiptHash: receipt(1) }, ws, session)
          .length,
    );
    expect(new Set(lengths).size).toBe(1);
  });

  it("cannot be opened without the ballot key, nor in another session", () => {
    const sessionSeal = newSessionSeal(ballotKey, ws, session);
    const box = sealBallot(sessionSeal, { choices: { q1: "reject" }, receiptHash: receipt(1) }, ws, session);
    expect(() => openBallots(randomBytes(32), sessionSeal, [box], ws, session)).toThrow();
    expect(() => openBallots(ballotKey, sessionSeal, [box], ws, "another")).toThrow();
    expect(sessionSeal.wrappedPrivateKey.includes(box.subarray(1, 33))).toBe(false);
  });
});

describe("the ballot key", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("is made once in the data directory, readable by its owner only, and kept", () => {
    const dir = mkdtempSync(join(tmpdir(), "lw-key-"));
    dirs.push(dir);
    const first = loadBallotKey(undefined, join(dir, "data"));
    const file = ballotKeyFile(join(dir, "data"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(loadBallotKey(undefined, join(dir, "data")).equals(first)).toBe(true);
    expect(parseBallotKey(readFileSync(file, "utf8"))!.equals(first)).toBe(true);
  });

  it("comes from the setting when there is one, and no file is made", () => {
    const dir = mkdtempSync(join(tmpdir(), "lw-key-"));
    dirs.push(dir);
    const setting = randomBytes(32);
    expect(loadBallotKey(setting, dir)).toBe(setting);
    expect(() => statSync(ballotKeyFile(dir))).toThrow();
  });

  it("must be base64 of 32 bytes", () => {
    expect(parseBallotKey(randomBytes(32).toString("base64"))).toHaveLength(32);
    expect(parseBallotKey(randomBytes(16).toString("base64"))).toBeNull();
    expect(parseBallotKey("not base64 at all!")).toBeNull();
  });
});
