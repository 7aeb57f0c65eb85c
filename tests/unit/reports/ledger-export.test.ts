import { describe, expect, it } from "vitest";
import { sessionEventContent } from "../../../src/domain/ledger/entry.ts";
import { sealEntries } from "../../../src/domain/ledger/hash.ts";
import type { Member } from "../../../src/domain/roster/member.ts";
import {
  decide,
  fold,
  initialState,
  type SessionCommand,
  type SessionEvent,
} from "../../../src/domain/session/index.ts";
import { translator } from "../../../src/i18n/translate.ts";
import { ledgerCsvRecords } from "../../../src/reports/ledger-csv.ts";
import { exportReply, parseLedgerWords } from "../../../src/slack/commands/lastword/ledger.ts";
import type { Reply } from "../../../src/slack/commands/lastword/reply.ts";
import type { SessionExport } from "../../../src/usecases/ledger.ts";

const SESSION_ID = "5f0c6f7e-3d2a-4b8e-9a41-0c5b7d2e1f00";
const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();
const ROSTER: Member[] = [1, 2, 3].map((rank) => ({
  userId: `U0MEMBER0${rank}`,
  rank,
  title: null,
  powers: [],
  roles: [],
}));

/** The proposer speaks `messages` times with `text`, through the real decider. */
function sessionWith(messages: number, text: string): SessionExport {
  const commands: SessionCommand[] = [
    {
      type: "start",
      at: at(0),
      matter: "Budget",
      category: "decision",
      proposerId: "U0MEMBER03",
      chairId: "U0MEMBER02",
      roster: ROSTER,
      absent: [],
      recused: [],
      turnSeconds: 300,
    },
    ...Array.from(
      { length: messages },
      (_, i): SessionCommand => ({
        type: "reply",
        at: at(i + 1),
        userId: "U0MEMBER03",
        messageTs: `1740819600.${String(i + 1).padStart(6, "0")}`,
        text,
      }),
    ),
  ];
  let state = initialState;
  const events: SessionEvent[] = [];
  for (const c of commands) {
    const d = decide(state, c);
    if (!d.ok) throw new Error(d.error.code);
    events.push(...d.events);
    state = fold(d.events, state);
  }
  const entries = sealEntries(events.map((e, i) => sessionEventContent(SESSION_ID, i + 1, e)));
  return { number: 7, channelId: "C0DECISIONS", entries, events, problem: null };
}

const messagesOf = (reply: Reply): Reply[] => [reply, ...(reply.followUps ?? [])];
/** The bodies of the code blocks in the messages, in order. */
const codeBodies = (messages: Reply[]) =>
  messages.flatMap((m) => [...m.text.matchAll(/```\n([\s\S]*?)\n```/g)].map((x) => x[1]!));
const unescapeSlack = (t: string) =>
  t
    .replace(/\u200b/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** What Slack takes: five posts to a response_url, and a message's text is cut past 40,000 characters. */
function expectWithinSlackLimits(reply: Reply) {
  const messages = messagesOf(reply);
  expect(messages.length).toBeLessThanOrEqual(5);
  for (const m of messages) {
    expect(m.text.length).toBeLessThanOrEqual(40_000);
    expect(m.blocks).toBeUndefined();
    expect(m.inChannel).toBeFalsy();
  }
}

describe("ledger export as Slack messages", () => {
  it("fits a short session in one private message: the chain's state, the minutes and the CSV", () => {
    const session = sessionWith(2, "Fix the roof.");
    const reply = exportReply(session, translator("en"));
    expectWithinSlackLimits(reply);
    expect(reply.followUps).toEqual([]);
    expect(reply.text).toContain("*Session #7: minutes and ledger*");
    expect(reply.text).toContain(
      `4 ledger entries; the hash chain holds. Last hash: \`${session.entries.at(-1)!.hash}\``,
    );
    expect(reply.text).toContain("Minutes (Markdown), part 1 of 1\n```\n# Minutes of session #7");
    expect(reply.text).toContain(
      "Ledger (CSV), part 1 of 1\n```\nsession_number,seq,at,type,actor,slack_ref,prev_hash,hash,payload_json\n7,1,",
    );
  });

  it("splits a long session over several messages between records, each shown exactly as stored", () => {
    const text = 'Costs: <@U0MEMBER01> & <b>roads</b>, ```code``` and "quotes"\n'.repeat(40);
    const session = sessionWith(12, text);
    const messages = messagesOf(exportReply(session, translator("en")));
    expectWithinSlackLimits(messages[0]!);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.at(-1)!.text).not.toContain("not shown");
    const records = ledgerCsvRecords(7, session.entries);
    const csvBlocks = codeBodies(messages)
      .filter((b) => b.startsWith("session_number") || b.startsWith("7,"))
      .map(unescapeSlack);
    expect(csvBlocks.length).toBeGreaterThan(1);
    // Every record appears whole inside one code block, and the blocks pasted together are the CSV.
    for (const record of records)
      expect(csvBlocks.some((body) => body.split("\n").includes(record))).toBe(true);
    expect(csvBlocks.join("\n")).toBe(records.join("\n"));
    // Nothing in a code block closes it early.
    for (const body of codeBodies(messages)) expect(body).not.toContain("```");
  });

  it("cuts what does not fit in five messages, and says how much", () => {
    const session = sessionWith(80, "x".repeat(2500));
    const reply = exportReply(session, translator("zh-CN"));
    expectWithinSlackLimits(reply);
    expect(reply.followUps).toHaveLength(4);
    expect(reply.followUps!.at(-1)!.text).toMatch(/Slack 对一条命令最多接受 5 条回复；其余 \d+ 个字符未显示/);
  });
});

describe("ledger words", () => {
  it("reads list, verify and export with a number or #number, and leaves other verbs alone", () => {
    expect(parseLedgerWords(["ledger"])).toEqual({ kind: "list" });
    expect(parseLedgerWords(["LEDGER", "Verify"])).toEqual({ kind: "verify" });
    expect(parseLedgerWords(["ledger", "export", "12"])).toEqual({ kind: "export", number: 12 });
    expect(parseLedgerWords(["ledger", "export", "#12"])).toEqual({ kind: "export", number: 12 });
    expect(parseLedgerWords(["ledger", "export", "＃１２"])).toEqual({ kind: "export", number: 12 });
    expect(parseLedgerWords(["checkins"])).toBeUndefined();
  });

  it("refuses a missing or bad number and an unknown subcommand, with what to type", () => {
    expect(parseLedgerWords(["ledger", "export"])).toMatchObject({
      kind: "refused",
      key: "ledger.error.numberMissing",
    });
    expect(parseLedgerWords(["ledger", "export", "twelve"])).toMatchObject({
      kind: "refused",
      key: "ledger.error.numberInvalid",
      params: { value: "twelve" },
    });
    expect(parseLedgerWords(["ledger", "export", "0"])).toMatchObject({
      kind: "refused",
      key: "ledger.error.numberInvalid",
    });
    expect(parseLedgerWords(["ledger", "burn"])).toMatchObject({
      kind: "refused",
      key: "ledger.error.unknownSubcommand",
      params: { word: "burn" },
    });
  });
});
