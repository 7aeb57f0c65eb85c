import { describe, expect, it } from "vitest";
import {
  sealEntries,
  verifyChain,
  type LedgerContent,
  type LedgerEntry,
} from "../../../src/domain/ledger/hash.ts";
import { csvField, LEDGER_CSV_COLUMNS, ledgerCsv } from "../../../src/reports/ledger-csv.ts";

const SESSION_ID = "5f0c6f7e-3d2a-4b8e-9a41-0c5b7d2e1f00";

function entries(): LedgerEntry[] {
  const contents: LedgerContent[] = [
    {
      sessionId: SESSION_ID,
      seq: 1,
      type: "started",
      actorId: "U0MEMBER03",
      at: "2025-03-01T09:00:00.000Z",
      payload: { type: "started", matter: 'Roads, bridges, and "other" works' },
      slackRef: null,
    },
    {
      sessionId: SESSION_ID,
      seq: 2,
      type: "statement",
      actorId: "U0MEMBER04",
      at: new Date("2025-03-01T09:00:10.000Z"),
      payload: { type: "statement", text: 'Line one,\r\nline "two"\nline three' },
      slackRef: "1740819600.000001",
    },
    {
      sessionId: SESSION_ID,
      seq: 3,
      type: "turn_started",
      actorId: null,
      at: "2025-03-01T09:00:20.000Z",
      payload: { type: "turn_started" },
      slackRef: null,
    },
  ];
  return sealEntries(contents);
}

/** A strict RFC 4180 reader, to check the CSV reads back to exactly what was written. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === "") {
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error("unterminated quote");
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i += 1;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      if (ch === '"' || ch === "\n" || ch === "\r") throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
      field += ch;
      i += 1;
    }
  }
  if (field !== "" || row.length > 0) throw new Error("last record not terminated by CRLF");
  return rows;
}

describe("ledger CSV", () => {
  it("quotes fields holding commas, quotes or line breaks, doubling the quotes (RFC 4180)", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField("one\ntwo")).toBe('"one\ntwo"');
    expect(csvField("one\r\ntwo")).toBe('"one\r\ntwo"');
    expect(csvField("")).toBe("");
  });

  it("writes a header and one CRLF-terminated record per entry", () => {
    const csv = ledgerCsv(12, entries());
    expect(csv.startsWith("session_number,seq,at,type,actor,slack_ref,prev_hash,hash,payload_json\r\n")).toBe(
      true,
    );
    expect(csv).toContain("12,1,2025-03-01T09:00:00.000Z,started,U0MEMBER03,,");
    expect(csv).toContain('"{""matter"":""Roads, bridges, and \\""other\\"" works"",""type"":""started""}"');
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("reads back to the stored entries, so anyone can recompute the hash chain outside Lastword", () => {
    const original = entries();
    const [header, ...records] = parseCsv(ledgerCsv(12, original));
    expect(header).toEqual([...LEDGER_CSV_COLUMNS]);
    expect(records).toHaveLength(3);
    const rebuilt: LedgerEntry[] = records.map(
      ([, seq, at, type, actor, slackRef, prevHash, hash, payload]) => ({
        sessionId: SESSION_ID,
        seq: Number(seq),
        at: at!,
        type: type!,
        actorId: actor === "" ? null : actor!,
        slackRef: slackRef === "" ? null : slackRef!,
        prevHash: prevHash!,
        hash: hash!,
        payload: JSON.parse(payload!) as unknown,
      }),
    );
    expect(rebuilt[1]!.payload).toEqual({ type: "statement", text: 'Line one,\r\nline "two"\nline three' });
    expect(verifyChain(rebuilt)).toEqual({ ok: true });
  });
});
