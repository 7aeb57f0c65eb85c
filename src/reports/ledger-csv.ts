import { canonicalJson, type LedgerEntry } from "../domain/ledger/hash.ts";

/*
 * A session's ledger as CSV (RFC 4180): every entry as stored, hashes included, so that anyone can
 * recompute the chain outside Lastword. The payload is canonical JSON, the same text the hash covers.
 */

export const LEDGER_CSV_COLUMNS = [
  "session_number",
  "seq",
  "at",
  "type",
  "actor",
  "slack_ref",
  "prev_hash",
  "hash",
  "payload_json",
] as const;

/** RFC 4180: a field holding a comma, a double quote or a line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}

/**
 * The header and one record per entry, without line terminators: a caller that has to split the
 * CSV (Slack's message limits) cuts between records, never inside a quoted field.
 */
export function ledgerCsvRecords(sessionNumber: number, entries: readonly LedgerEntry[]): string[] {
  return [
    csvRecord(LEDGER_CSV_COLUMNS),
    ...entries.map((e) =>
      csvRecord([
        String(sessionNumber),
        String(e.seq),
        new Date(e.at).toISOString(),
        e.type,
        e.actorId ?? "",
        e.slackRef ?? "",
        e.prevHash,
        e.hash,
        canonicalJson(e.payload),
      ]),
    ),
  ];
}

/** The whole file: records end with CRLF, as RFC 4180 has it. */
export function ledgerCsv(sessionNumber: number, entries: readonly LedgerEntry[]): string {
  return ledgerCsvRecords(sessionNumber, entries)
    .map((r) => `${r}\r\n`)
    .join("");
}
