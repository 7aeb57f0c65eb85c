import { describe, expect, it } from "vitest";
import type { Member } from "../../../src/domain/roster/member.ts";
import {
  decide,
  fold,
  initialState,
  type SessionCommand,
  type SessionEvent,
} from "../../../src/domain/session/index.ts";
import { translator } from "../../../src/i18n/translate.ts";
import { formatUtc, minutesMarkdown } from "../../../src/reports/minutes.ts";

const BASE = Date.parse("2025-03-01T09:00:00.000Z");
const at = (seconds: number) => new Date(BASE + seconds * 1000).toISOString();
const u = (rank: number) => `U0MEMBER0${rank}`;

/** Seven members; the proposer (rank 4) holds no finance portfolio, rank 2 does. */
const ROSTER: Member[] = [
  { userId: u(1), rank: 1, title: "Party Secretary", powers: [], roles: [] },
  { userId: u(2), rank: 2, title: "Executive Deputy", powers: ["finance"], roles: [] },
  { userId: u(3), rank: 3, title: null, powers: ["personnel"], roles: ["discipline"] },
  { userId: u(4), rank: 4, title: "Deputy Director", powers: ["projects"], roles: [] },
  { userId: u(5), rank: 5, title: null, powers: [], roles: [] },
  { userId: u(6), rank: 6, title: null, powers: [], roles: [] },
  { userId: u(7), rank: 7, title: null, powers: [], roles: [] },
];

/** Runs commands through the real decider, as the bot would, and returns the ledger's events. */
function run(commands: SessionCommand[]): SessionEvent[] {
  let state = initialState;
  const events: SessionEvent[] = [];
  for (const command of commands) {
    const decision = decide(state, command);
    if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.error)}`);
    events.push(...decision.events);
    state = fold(decision.events, state);
  }
  return events;
}

let ts = 0;
const nextTs = () => `1740819600.${String(++ts).padStart(6, "0")}`;
const editedTs = nextTs();
const deletedTs = nextTs();

/** 7-member roster, proposer at rank 4, a statement in two messages, an edit, a pass, the principal out of turn, a skip. */
const SESSION = run([
  {
    type: "start",
    at: at(0),
    matter: "Renovate the county hospital, 2.4 million",
    category: "funds",
    proposerId: u(4),
    chairId: u(3),
    roster: ROSTER,
    absent: [u(6)],
    recused: [{ userId: u(5), reason: "his brother-in-law's firm is bidding" }],
    turnSeconds: 300,
  },
  {
    type: "reply",
    at: at(10),
    userId: u(4),
    messageTs: nextTs(),
    text: "The east wing leaks.\nIt has for three winters.",
  },
  {
    type: "reply",
    at: at(20),
    userId: u(4),
    messageTs: nextTs(),
    text: "Budget: 2.4M, from the reserve fund.",
  },
  { type: "finish", at: at(30), userId: u(4) },
  { type: "reply", at: at(40), userId: u(7), messageTs: editedTs, text: "I support it." },
  {
    type: "edit",
    at: at(45),
    userId: u(7),
    messageTs: editedTs,
    text: "I support it, if the works are tendered.",
  },
  { type: "reply", at: at(50), userId: u(1), messageTs: nextTs(), text: "We should clearly do this." },
  { type: "finish", at: at(60), userId: u(7) },
  { type: "reply", at: at(70), userId: u(3), messageTs: deletedTs, text: "Wrong thread, sorry" },
  { type: "delete", at: at(75), userId: u(3), messageTs: deletedTs },
  { type: "pass", at: at(80), userId: u(3) },
  { type: "skip", at: at(90), by: u(3), reason: "called away to a flood emergency" },
  { type: "reply", at: at(100), userId: u(1), messageTs: nextTs(), text: "Approve, with a tender." },
  { type: "finish", at: at(110), userId: u(1) },
]);

const META = { number: 12, channelId: "C0DECISIONS" };

/** The index of each needle in the text; -1 for a missing one makes order checks fail loudly. */
const positions = (text: string, needles: string[]) => needles.map((n) => text.indexOf(n));

describe("minutes of a session, for a discipline officer", () => {
  const en = minutesMarkdown(SESSION, META, translator("en"));

  it("state the matter, category, chair, ballot and quorum", () => {
    expect(en).toContain("# Minutes of session #12");
    expect(en).toContain("Team: <#C0DECISIONS>");
    expect(en).toContain("Matter: Renovate the county hospital, 2.4 million");
    expect(en).toContain("Category: large expenditure");
    expect(en).toContain(`Started 2025-03-01 09:00:00 UTC by <@${u(3)}>, who chairs the session.`);
    expect(en).toContain(`Principal: <@${u(1)}>`);
    expect(en).toContain("Ballot: named vote");
    expect(en).toContain("6 of 7 members; 4 needed for quorum");
  });

  it("name the first proposer and flag that they are not the deputy in charge", () => {
    expect(en).toContain(`First proposer: <@${u(4)}> (rank 4, Deputy Director)`);
    expect(en).toContain("the proposer is not the deputy in charge");
    expect(en).not.toContain("the proposer is the principal");
  });

  it("list present, absent and recused members, with reasons", () => {
    const attendance = en.slice(en.indexOf("## Attendance"), en.indexOf("## Speaking order"));
    expect(attendance).toContain("Present and taking part (5):");
    for (const rank of [1, 2, 3, 4, 7]) expect(attendance).toContain(`- <@${u(rank)}>`);
    expect(attendance).toContain(`Absent (1):\n- <@${u(6)}> (rank 6): absent when the session started`);
    expect(attendance).toContain(
      `Recused (1):\n- <@${u(5)}> (rank 5): stepped out 2025-03-01 09:00:00 UTC (recorded by <@${u(3)}>): his brother-in-law's firm is bidding`,
    );
  });

  it("give the speaking order, lowest rank first and the principal last, with every message of each statement", () => {
    const order = en.slice(en.indexOf("## Speaking order"), en.indexOf("## Replies out of turn"));
    const headings = positions(order, [
      `1. <@${u(4)}> (rank 4, Deputy Director): presents the proposal`,
      `2. <@${u(7)}> (rank 7): statement`,
      `3. <@${u(3)}> (rank 3): statement`,
      `4. <@${u(2)}> (rank 2, Executive Deputy): statement`,
      `5. <@${u(1)}> (rank 1, Party Secretary): concluding statement (principal)`,
    ]);
    expect(headings.every((p, i) => p >= 0 && (i === 0 || p > headings[i - 1]!))).toBe(true);
    // Both messages of the proposal, each line of a multi-line message kept.
    expect(order).toContain(
      "   > 2025-03-01 09:00:10 UTC: The east wing leaks.\n   > It has for three winters.",
    );
    expect(order).toContain("   > 2025-03-01 09:00:20 UTC: Budget: 2.4M, from the reserve fund.");
    expect(order).toContain("   Finished 2025-03-01 09:00:30 UTC.");
    // The latest text after the edit, and what it first said.
    expect(order).toContain("2025-03-01 09:00:40 UTC: I support it, if the works are tendered.");
    expect(order).toContain("(edited 1 time(s), last 2025-03-01 09:00:45 UTC; first written: I support it.)");
    // A withdrawn message stays on the record, marked, and the pass after it.
    expect(order).toContain("(withdrawn 2025-03-01 09:01:15 UTC; it read: Wrong thread, sorry)");
    expect(order).toContain("Passed 2025-03-01 09:01:20 UTC, without a statement.");
    expect(order).toContain(
      `Skipped 2025-03-01 09:01:30 UTC by <@${u(3)}>: called away to a flood emergency`,
    );
    expect(order).toContain("Approve, with a tender.");
    expect(order).toContain("Concluded 2025-03-01 09:01:50 UTC.");
    // Neither the absent nor the recused member has a place in the order.
    expect(order).not.toContain(u(5));
    expect(order).not.toContain(u(6));
  });

  it("expose the principal's reply out of turn: who, when, during whose turn", () => {
    const outOfTurn = en.slice(en.indexOf("## Replies out of turn"));
    expect(outOfTurn).toContain(
      "The principal spoke before the concluding turn: the last-speaker rule was broken.",
    );
    expect(outOfTurn).toContain(
      `- 2025-03-01 09:00:50 UTC: **<@${u(1)}> (principal)** replied during <@${u(7)}>'s turn (not counted as a statement): We should clearly do this.`,
    );
    // The out-of-turn reply is not part of the principal's statement.
    const conclusion = en.slice(en.indexOf(`5. <@${u(1)}>`), en.indexOf("## Replies out of turn"));
    expect(conclusion).not.toContain("We should clearly do this.");
  });

  it("end with the round, the outcome so far and where they come from", () => {
    expect(en).toContain(
      `2025-03-01 09:01:50 UTC: the round ended and voting opened; voters: <@${u(1)}>, <@${u(2)}>, <@${u(3)}>, <@${u(4)}>, <@${u(7)}>`,
    );
    expect(en).toContain("- Phase: voting");
    expect(en).toContain("- The principal gave the concluding statement.");
    expect(en).toContain("- The principal spoke out of turn: yes.");
    expect(en).toContain(`Derived from ${SESSION.length} ledger entries. Times are in UTC.`);
  });

  it("say the same in Simplified Chinese", () => {
    const zh = minutesMarkdown(SESSION, META, translator("zh-CN"));
    expect(zh).toContain("# 第 12 号议题会议纪要");
    expect(zh).toContain("类别：大额度资金使用");
    expect(zh).toContain("表决方式：记名投票");
    expect(zh).toContain(`首提人：<@${u(4)}>（排位 4，Deputy Director）`);
    expect(zh).toContain("首提人不是本议题所涉关键权力的分管领导");
    expect(zh).toContain(`缺席（1 人）：\n- <@${u(6)}>（排位 6）：开会时缺席`);
    expect(zh).toContain(`回避（1 人）：\n- <@${u(5)}>（排位 5）：`);
    expect(zh).toContain("his brother-in-law's firm is bidding");
    expect(zh).toContain("> 2025-03-01 09:00:10 UTC：The east wing leaks.");
    expect(zh).toContain("（已修改 1 次，最后一次于 2025-03-01 09:00:45 UTC；原文：I support it.）");
    expect(zh).toContain("（2025-03-01 09:01:15 UTC 撤回；原文：Wrong thread, sorry）");
    expect(zh).toContain("2025-03-01 09:01:20 UTC 不发言。");
    expect(zh).toContain(`2025-03-01 09:01:30 UTC 由 <@${u(3)}> 跳过：called away to a flood emergency`);
    expect(zh).toContain("**主要负责人在末位表态前发言，违反末位表态制。**");
    expect(zh).toContain(`**<@${u(1)}>（主要负责人）** 在 <@${u(7)}> 发言时插话`);
    expect(zh).toContain("阶段：表决中");
    expect(zh).toContain("主要负责人已作末位表态。");
    // No English label leaks into the Chinese minutes.
    expect(zh).not.toMatch(/Minutes|Present|Absent|Recused|Skipped|Passed|Phase/);
  });
});

describe("minutes of unusual ledgers", () => {
  it("list entries of types this version does not know, by type, actor and time, instead of failing", () => {
    const later = [
      ...SESSION,
      { type: "audit_note", at: at(200), by: u(2), note: "checked" } as unknown as SessionEvent,
    ];
    const text = minutesMarkdown(later, META, translator("en"));
    expect(text).toContain(
      `## Other ledger entries\n\n- 2025-03-01 09:03:20 UTC: \`audit_note\` by <@${u(2)}>`,
    );
    expect(text).toContain(`Derived from ${later.length} ledger entries.`);
  });

  it("show pauses, deferral and who did them, with reasons (the proposer marked absent defers)", () => {
    const events = run([
      {
        type: "start",
        at: at(0),
        matter: "Cut the night-shift budget",
        category: "funds",
        proposerId: u(2),
        chairId: u(3),
        roster: ROSTER,
        absent: [],
        recused: [],
        turnSeconds: 300,
      },
      { type: "pause", at: at(5), by: u(3), reason: "fire drill" },
      { type: "resume", at: at(65), by: u(3) },
      { type: "mark_absent", at: at(70), by: u(3), reason: "taken ill" },
    ]);
    const text = minutesMarkdown(events, META, translator("en"));
    expect(text).toContain(`- 2025-03-01 09:00:05 UTC: paused by <@${u(3)}>: fire drill`);
    expect(text).toContain(`- 2025-03-01 09:01:05 UTC: resumed by <@${u(3)}>`);
    expect(text).toContain(`- 2025-03-01 09:01:10 UTC: deferred by <@${u(3)}>: taken ill`);
    expect(text).toContain(
      `<@${u(2)}> (rank 2, Executive Deputy): marked absent 2025-03-01 09:01:10 UTC by <@${u(3)}>: taken ill`,
    );
    expect(text).toContain("The proposer is the deputy in charge of this matter.");
    expect(text).toContain("- Phase: deferred");
    expect(text).toContain("There is no concluding statement by the principal.");
  });

  it("name each nominee's recommender in a personnel matter, when the ledger records them", () => {
    const [started, ...rest] = SESSION;
    const questions = [
      { id: "n1", kind: "nominee", name: "Li Wei", recommenderId: u(2) },
      { id: "n2", kind: "nominee", name: "Chen Jing", recommenderId: null },
    ];
    const text = minutesMarkdown(
      [{ ...started!, questions } as unknown as SessionEvent, ...rest],
      META,
      translator("en"),
    );
    expect(text).toContain(
      `Recommenders:\n- Li Wei, recommended by <@${u(2)}> (rank 2, Executive Deputy)\n- Chen Jing, recommended by nobody on record`,
    );
    expect(minutesMarkdown(SESSION, META, translator("en"))).not.toContain("Recommenders:");
  });

  it("say so when the ledger holds no start", () => {
    expect(minutesMarkdown([], META, translator("en"))).toContain(
      "The ledger holds no start of this session.",
    );
  });

  it("write times as readable UTC", () => {
    expect(formatUtc("2025-03-01T17:00:00+08:00")).toBe("2025-03-01 09:00:00 UTC");
    expect(formatUtc(new Date("2025-03-01T09:00:00.123Z"))).toBe("2025-03-01 09:00:00 UTC");
  });
});
