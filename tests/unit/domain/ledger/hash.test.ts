import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  entryHash,
  GENESIS,
  sealEntries,
  verifyChain,
  type LedgerContent,
  type LedgerEntry,
} from "../../../../src/domain/ledger/hash.ts";

function content(seq: number, payload: unknown = { n: seq }): LedgerContent {
  return {
    sessionId: "3f1c8d4e-0000-4000-8000-000000000001",
    seq,
    type: "statement",
    actorId: "U4",
    at: `2025-03-01T09:00:0${seq}.000Z`,
    payload,
    slackRef: `1740819600.00000${seq}`,
  };
}

const chain = (): LedgerEntry[] => sealEntries([1, 2, 3, 4].map((seq) => content(seq)));

describe("canonicalJson", () => {
  it("sorts keys at every depth and leaves out undefined properties", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: "x" }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it("gives the same text for the same value built in another order", () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  it("refuses what JSON cannot carry", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it("escapes like JSON", () => {
    expect(canonicalJson({ 会议: '末位\n"发言"' })).toBe('{"会议":"末位\\n\\"发言\\""}');
  });
});

describe("entryHash", () => {
  it("gives the hash recorded ledgers were sealed with (a change to the canonical text would break every chain)", () => {
    const payload = {
      type: "statement",
      text: '末位表态 "quoted"\n',
      files: [{ id: "F1", name: "a.pdf" }, { id: "F2" }],
      turnIndex: 3,
      n10: 1,
      n9: 2,
      skipped: undefined,
      nested: { z: [1, [2, { b: null, a: true }]], a: -1.5 },
    };
    expect(entryHash(GENESIS, { ...content(7, payload), slackRef: null })).toBe(
      "31e6a45b6aafad73a771b0bbcdf5c4cf949085926d67f5cdc28a2d43a4fd3d12",
    );
  });

  it("is a sha256 hex over the previous hash and the content", () => {
    const hash = entryHash(GENESIS, content(1));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entryHash(GENESIS, content(1))).toBe(hash);
    expect(entryHash("1".repeat(64), content(1))).not.toBe(hash);
  });

  it("hashes an instant read back as a Date like the string it was written as", () => {
    const written = content(1);
    const readBack = { ...written, at: new Date("2025-03-01T09:00:01.000Z") };
    expect(entryHash(GENESIS, readBack)).toBe(entryHash(GENESIS, written));
    expect(entryHash(GENESIS, { ...written, at: "2025-03-01T09:00:01Z" })).toBe(entryHash(GENESIS, written));
  });

  it("does not depend on key order in the payload", () => {
    expect(entryHash(GENESIS, content(1, { a: 1, b: 2 }))).toBe(
      entryHash(GENESIS, content(1, { b: 2, a: 1 })),
    );
  });
});

describe("verifyChain", () => {
  it("accepts an untouched chain and an empty one", () => {
    expect(verifyChain(chain())).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it("names the entry whose content was changed", () => {
    const entries = chain();
    entries[2] = { ...entries[2]!, payload: { n: 99 } };
    expect(verifyChain(entries)).toEqual({ ok: false, seq: 3, reason: "hash" });
  });

  it("catches a change to any column the hash covers", () => {
    const changes: Array<Partial<LedgerContent>> = [
      { type: "passed" },
      { actorId: "U1" },
      { actorId: null },
      { at: "2025-03-01T09:00:09.000Z" },
      { slackRef: null },
      { sessionId: "another" },
    ];
    for (const change of changes) {
      const entries = chain();
      entries[1] = { ...entries[1]!, ...change };
      expect(verifyChain(entries)).toEqual({ ok: false, seq: 2, reason: "hash" });
    }
  });

  it("names the next entry as a broken link when an entry was rewritten with a fresh hash", () => {
    const entries = chain();
    const forged = { ...entries[1]!, payload: { n: 99 } };
    entries[1] = { ...forged, hash: entryHash(forged.prevHash, forged) };
    expect(verifyChain(entries)).toEqual({ ok: false, seq: 3, reason: "link" });
  });

  it("names a gap where an entry was removed", () => {
    const entries = chain();
    entries.splice(1, 1);
    expect(verifyChain(entries)).toEqual({ ok: false, seq: 3, reason: "gap" });
  });

  it("names a missing first entry as a gap, and a first entry not on GENESIS as a broken link", () => {
    expect(verifyChain(chain().slice(1))).toEqual({ ok: false, seq: 2, reason: "gap" });
    const entries = chain();
    entries[0] = { ...entries[0]!, prevHash: "f".repeat(64) };
    expect(verifyChain(entries)).toEqual({ ok: false, seq: 1, reason: "link" });
  });

  it("verifies a tail of the chain from a known entry", () => {
    const entries = chain();
    const from = { seq: 3, prevHash: entries[1]!.hash };
    expect(verifyChain(entries.slice(2), { from })).toEqual({ ok: true });
  });
});
