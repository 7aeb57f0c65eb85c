import { escapeMrkdwn } from "../../mrkdwn.ts";
import type { MessageKey, Params, Translate } from "../../../i18n/translate.ts";
import { ledgerCsv, ledgerCsvRecords } from "../../../reports/ledger-csv.ts";
import { categoryLabel, minutesMarkdown, outcomeLabel, phaseLabel } from "../../../reports/minutes.ts";
import {
  exportSession,
  isIntact,
  listRecentSessions,
  verifyTeamLedger,
  type LedgerProblem,
  type LedgerVerification,
  type SessionExport,
  type SessionSummary,
} from "../../../usecases/ledger.ts";
import type { SlackDeps } from "../../deps.ts";
import { sendFilesPrivately, type FileToSend } from "../../send-files.ts";
import type { LastwordVerb } from "./index.ts";
import { MAX_FOLLOW_UPS, privately, type Reply } from "./reply.ts";

/*
 * `/lastword ledger`: recent sessions; `ledger verify`: every hash chain of the team;
 * `ledger export <number>`: one session's minutes (Markdown) and raw ledger (CSV), as two files in
 * the asker's direct messages; as messages to copy where the installation may not upload files.
 */

export type LedgerCommand =
  | { kind: "list" }
  | { kind: "verify"; hash?: string }
  | { kind: "export"; number: number }
  | { kind: "refused"; key: MessageKey; params?: Params };

/** Undefined when the words are not a ledger command at all, so another verb may take them. */
export function parseLedgerWords(words: readonly string[]): LedgerCommand | undefined {
  const [verb, sub, arg] = words;
  if (verb?.toLowerCase() !== "ledger") return undefined;
  switch (sub?.toLowerCase()) {
    case undefined:
    case "list":
      return { kind: "list" };
    case "verify":
      return parseHash(arg);
    case "export":
      return parseSessionNumber(arg);
    default:
      return { kind: "refused", key: "ledger.error.unknownSubcommand", params: { word: sub ?? "" } };
  }
}

/**
 * `verify` alone, or with a hash copied from the minutes in Slack: 64 hex digits, in either case,
 * perhaps inside the backticks Slack shows it in.
 */
function parseHash(word: string | undefined): LedgerCommand {
  if (word === undefined) return { kind: "verify" };
  const hash = word
    .normalize("NFKC")
    .replace(/^`+|`+$/g, "")
    .toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hash)) return { kind: "refused", key: "ledger.verify.hashInvalid" };
  return { kind: "verify", hash };
}

/** `12` or `#12`; NFKC first, so full-width `＃１２` typed with a Chinese input method works too. */
function parseSessionNumber(word: string | undefined): LedgerCommand {
  if (word === undefined) return { kind: "refused", key: "ledger.error.numberMissing" };
  const m = /^#?([1-9]\d{0,8})$/.exec(word.normalize("NFKC"));
  if (!m) return { kind: "refused", key: "ledger.error.numberInvalid", params: { value: word } };
  return { kind: "export", number: Number(m[1]) };
}

export function ledgerVerb(
  deps: Pick<SlackDeps, "sessions" | "teams" | "defaultTimezone" | "log">,
): LastwordVerb {
  return async (words, actor, tr, _voices, client) => {
    const cmd = parseLedgerWords(words);
    if (!cmd) return undefined;
    const team = { workspaceId: actor.workspaceId, channelId: actor.channelId };
    switch (cmd.kind) {
      case "refused":
        return privately(tr(cmd.key, cmd.params));
      case "list":
        return listReply(await listRecentSessions(deps.sessions, team), actor.channelId, tr);
      case "verify":
        return privately(
          verificationText(
            await verifyTeamLedger(deps.sessions, team, cmd.hash === undefined ? {} : { hash: cmd.hash }),
            tr,
            cmd.hash,
          ),
        );
      case "export": {
        const { settings } = await deps.teams.load(team);
        const outcome = await exportSession(deps.sessions, team, cmd.number, settings.rules.namedVotes);
        if (!outcome.ok)
          return privately(
            tr(
              outcome.error.code === "namedVoteOpen"
                ? "record.export.namedVoteOpen"
                : "ledger.error.sessionNotFound",
              outcome.error.params,
            ),
          );
        const timezone = settings.timezone ?? deps.defaultTimezone;
        const sent = await sendFilesPrivately(
          client,
          actor.userId,
          exportFiles(outcome.session, tr, timezone),
          exportComment(outcome.session, tr, timezone),
        );
        if (sent.ok) return privately(tr("ledger.export.sentAsFiles", { number: cmd.number }));
        deps.log.info("ledger export not uploaded; sent as messages", { error: sent.error });
        return exportReply(outcome.session, tr, timezone);
      }
    }
  };
}

// ---- list ---------------------------------------------------------------------------------------

const MATTER_SHOWN = 80;

export function listReply(sessions: readonly SessionSummary[], channelId: string, tr: Translate): Reply {
  if (sessions.length === 0) return privately(tr("ledger.list.empty"));
  const lines = sessions.map((s) =>
    tr("ledger.list.line", {
      number: s.number,
      date: s.createdAt.toISOString().slice(0, 10),
      category: s.category ? categoryLabel(s.category, tr) : "-",
      status: s.outcome ? outcomeLabel(s.outcome, tr) : phaseLabel(s.phase, tr),
      matter:
        s.matter === null
          ? tr("ledger.list.unknownMatter")
          : escapeMrkdwn(shorten(s.matter.replace(/\s+/g, " "), MATTER_SHOWN)),
    }),
  );
  const header = tr("ledger.list.header", { channel: channelId });
  const hint = tr("ledger.list.hint");
  return {
    text: [header, ...lines, hint].join("\n"),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${header}*\n${lines.join("\n")}` } },
      { type: "context", elements: [{ type: "mrkdwn", text: hint }] },
    ],
  };
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

// ---- verify -------------------------------------------------------------------------------------

export function verificationText(v: LedgerVerification, tr: Translate, hash?: string): string {
  const lines: string[] = [];
  if (hash !== undefined) {
    lines.push(
      v.found
        ? tr("ledger.verify.hashFound", { hash, number: v.found.sessionNumber, seq: v.found.seq })
        : tr("ledger.verify.hashNotFound", { hash }),
    );
  }
  if (v.sessions === 0 && v.missingNumbers.length === 0 && v.uncounted === null)
    return [...lines, tr("ledger.verify.empty")].join("\n");
  if (isIntact(v))
    return [...lines, tr("ledger.verify.intact", { sessions: v.sessions, entries: v.entries })].join("\n");
  if (v.firstProblem) {
    lines.push(
      tr("ledger.verify.broken", {
        number: v.firstProblem.sessionNumber,
        seq: v.firstProblem.seq,
        reason: reasonText(v.firstProblem, tr),
      }),
      tr("ledger.verify.brokenCount", { broken: v.brokenSessions, sessions: v.sessions, entries: v.entries }),
    );
  }
  if (v.missingNumbers.length > 0) {
    lines.push(tr("ledger.verify.missing", { numbers: v.missingNumbers.map((n) => `#${n}`).join(", ") }));
  }
  if (v.uncounted) lines.push(tr("ledger.verify.uncounted", v.uncounted));
  return lines.join("\n");
}

function reasonText(problem: Pick<LedgerProblem, "reason">, tr: Translate): string {
  return tr(`ledger.verify.reason.${problem.reason}`);
}

// ---- export -------------------------------------------------------------------------------------

/*
 * The export goes as plain message text, not blocks: a section block holds only 3,000 characters,
 * which would cut long CSV records in two, and a message's blocks are refused past about 13,000
 * characters in all. Text is truncated only past 40,000 characters, and code blocks render in it.
 * A response_url takes five posts: what does not fit in five messages is cut, and the last says so.
 */
const MESSAGE_CHARS = 36_000;
const CODE_CHARS = 30_000;
const MESSAGES = 1 + MAX_FOLLOW_UPS;

/** The two files of an export: the minutes as Markdown, in the team's timezone, and the ledger as CSV. */
export function exportFiles(session: SessionExport, tr: Translate, timezone: string): FileToSend[] {
  const { number } = session;
  return [
    {
      filename: `lastword-session-${number}-minutes.md`,
      title: tr("ledger.export.minutesFile", { number, timezone }),
      content: minutesOf(session, tr, timezone),
    },
    {
      filename: `lastword-session-${number}-ledger.csv`,
      title: tr("ledger.export.csvFile", { number }),
      content: ledgerCsv(number, session.entries),
    },
  ];
}

/** What the files arrive with: whether the chain holds, and which timezone the minutes use. */
function exportComment(session: SessionExport, tr: Translate, timezone: string): string {
  return [
    tr("ledger.export.header", { number: session.number }),
    chainText(session, tr),
    tr("ledger.export.filesHint", { timezone }),
  ].join("\n");
}

function minutesOf(session: SessionExport, tr: Translate, timezone: string): string {
  return minutesMarkdown(
    session.events,
    { number: session.number, channelId: session.channelId, timezone },
    tr,
  );
}

export function exportReply(session: SessionExport, tr: Translate, timezone = "UTC"): Reply {
  const minutes = minutesOf(session, tr, timezone);
  const documents = [
    {
      titleKey: "ledger.export.minutesPart" as const,
      chunks: codeChunks(minutes.trimEnd().split("\n"), breakFences),
    },
    // The CSV is shown exactly as stored: entities keep Slack from reading `<@U…>` or `&` in it.
    {
      titleKey: "ledger.export.csvPart" as const,
      chunks: codeChunks(ledgerCsvRecords(session.number, session.entries), escapeCode),
    },
  ];
  const title = tr("ledger.export.header", { number: session.number });
  const header = `*${title}*\n${chainText(session, tr)}\n${tr("ledger.export.copyHint")}`;
  const parts = documents.flatMap((doc) =>
    doc.chunks.map((chunk, i) => `${tr(doc.titleKey, { part: i + 1, parts: doc.chunks.length })}\n${chunk}`),
  );
  const pages = paginate([header, ...parts]);
  const shown = pages.slice(0, MESSAGES);
  const omitted = pages.slice(MESSAGES).reduce((n, page) => n + page.length, 0);
  if (omitted > 0)
    shown[shown.length - 1] += `\n${tr("ledger.export.truncated", { messages: MESSAGES, omitted })}`;
  const [first, ...rest] = shown.map((text): Reply => ({ text }));
  return { ...first!, followUps: rest };
}

function chainText(session: SessionExport, tr: Translate): string {
  if (session.problem)
    return tr("ledger.export.chainBroken", {
      seq: session.problem.seq,
      reason: reasonText(session.problem, tr),
    });
  return tr("ledger.export.chainOk", {
    entries: session.entries.length,
    hash: session.entries.at(-1)?.hash ?? "",
  });
}

/**
 * Code blocks of whole units (lines, CSV records), so that a record is never cut in two unless it
 * alone is longer than a block.
 */
export function codeChunks(
  units: readonly string[],
  encode: (text: string) => string,
  room = CODE_CHARS,
): string[] {
  const pieces = units.flatMap((u) => splitToFit(u, room, encode));
  const chunks: string[] = [];
  let current: string | null = null;
  for (const piece of pieces) {
    if (current !== null && current.length + 1 + piece.length <= room) current += `\n${piece}`;
    else {
      if (current !== null) chunks.push(fence(current));
      current = piece;
    }
  }
  if (current !== null) chunks.push(fence(current));
  return chunks;
}

/** Encodes `text`, cutting it into pieces that each fit `room` once encoded (never inside an entity or a character). */
function splitToFit(text: string, room: number, encode: (text: string) => string): string[] {
  const encoded = encode(text);
  if (encoded.length <= room) return [encoded];
  const pieces: string[] = [];
  let piece = "";
  for (const [token] of encoded.matchAll(/&(?:amp|lt|gt);|./gsu)) {
    if (piece.length + token.length > room) {
      pieces.push(piece);
      piece = "";
    }
    piece += token;
  }
  pieces.push(piece);
  return pieces;
}

/** Message texts made of whole parts, each text within MESSAGE_CHARS. */
function paginate(parts: readonly string[]): string[] {
  const pages: string[] = [];
  for (const part of parts) {
    const last = pages.length - 1;
    if (last >= 0 && pages[last]!.length + 2 + part.length <= MESSAGE_CHARS) pages[last] += `\n\n${part}`;
    else pages.push(part);
  }
  return pages;
}

function fence(body: string): string {
  return `\`\`\`\n${body}\n\`\`\``;
}

/** Three backticks in the text would close the code block: a zero-width space keeps them apart. */
function breakFences(text: string): string {
  return text.replace(/`(?=`)/g, "`\u200b");
}

/** Slack reads &, < and > as markup even in code; entities make it show them as they are. */
function escapeCode(text: string): string {
  return breakFences(text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}
