import type { SessionCommand } from "../../src/domain/session/commands.ts";
import { holdSession as recordSession } from "../support/hold-session.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/roster/member.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { TeamStore, type TeamRef } from "../../src/store/team-store.ts";
import { CHANNEL, startWorld, WORKSPACE, type World } from "../support/bot.ts";
import { withClient } from "../support/database.ts";

const u = (rank: number) => `U0MEMBER0${rank}`;
const OFFICER = "U0OFFICER1";
const ZHANG = "U0ZHANG001";
const ROSTER: Member[] = [1, 2, 3, 4, 5].map((rank) => ({
  userId: u(rank),
  rank,
  title: null,
  powers: [],
  roles: [],
}));
const TEAM: TeamRef = { workspaceId: WORKSPACE, channelId: CHANNEL };
const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();

const NO_FILES_WRITE = {
  ok: false,
  error: "missing_scope",
  needed: "files:write",
  provided: "commands,chat:write,users:read,channels:history,groups:history,im:write,im:history",
};

type Answer = { response_type: "ephemeral" | "in_channel"; text: string; blocks?: unknown[] };

let world: World;
let sessions: SessionStore;
const held: Array<{ id: string; number: number; entries: number }> = [];

beforeAll(async () => {
  world = await startWorld(
    [
      { id: OFFICER, name: "officer", locale: "en-US" },
      { id: ZHANG, name: "zhang", locale: "zh-CN" },
      ...ROSTER.map((m) => ({ id: m.userId, name: `member${m.rank}`, locale: "en-US" })),
    ],
    // The scheduler would announce these sessions in the channel; this file is about the ledger.
    { autoTick: false },
  );
  // This installation was not granted files:write: exports come as messages to copy, except in the
  // test that grants it.
  world.fake.respondTo("files.getUploadURLExternal", NO_FILES_WRITE);
  // /decide is another module's: the sessions are written straight through the store, as it would.
  sessions = new SessionStore(world.database.db);
  await new TeamStore(world.database.db).change(TEAM, u(2), async () => undefined);
  held.push(await holdSession("Build the river bridge", ["Build it.", "Budget: 2.4M, tendered."]));
  held.push(
    await holdSession("Resurface the north road", ['Costs: <b>1.1M</b> & more, see "plan", ```table```']),
  );
});
afterAll(() => world?.close());

/** A session held the way the bot holds one: each command decided on the folded ledger, then appended. */
async function holdSession(
  matter: string,
  statements: string[],
): Promise<{ id: string; number: number; entries: number }> {
  const [start, ...rest]: SessionCommand[] = [
    {
      type: "start",
      at: at(0),
      matter,
      category: "project",
      proposerId: u(4),
      chairId: u(2),
      roster: ROSTER,
      absent: [],
      recused: [{ userId: u(3), reason: "owns the quarry" }],
      turnSeconds: 300,
    },
    ...statements.map(
      (text, i): SessionCommand => ({
        type: "reply",
        at: at(i + 1),
        userId: u(4),
        messageTs: `1740819600.${String(held.length * 100 + i + 1).padStart(6, "0")}`,
        text,
      }),
    ),
    { type: "finish", at: at(30), userId: u(4) },
    { type: "pass", at: at(40), userId: u(5) },
  ];
  return recordSession(sessions, TEAM, [start!, ...rest]);
}

/**
 * Sends `/lastword <text>` through Bolt's HTTP receiver, signed, and collects every post to its
 * response_url until `done` says the answer is complete (one post, unless told otherwise).
 */
async function lastword(
  user: string,
  text: string,
  done: (answers: Answer[]) => boolean = (a) => a.length >= 1,
): Promise<Answer[]> {
  const sent = await world.bot.driver.command({
    command: "/lastword",
    text,
    userId: user,
    channelId: CHANNEL,
  });
  expect(sent.status).toBe(200);
  expect(sent.text).toBe("");
  await world.fake.waitForResponse((r) => r.id === sent.responseUrlId, 10_000);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answers = world.fake.responses
      .filter((r) => r.id === sent.responseUrlId)
      .map((r) => r.body as Answer);
    if (done(answers)) return answers;
    if (Date.now() > deadline)
      throw new Error(`incomplete answer to ${text}: ${answers.map((a) => a.text.slice(0, 80)).join(" | ")}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const one = async (user: string, text: string): Promise<Answer> => (await lastword(user, text))[0]!;
const lastPartOf = (kind: string) => (answers: Answer[]) =>
  new RegExp(`${kind} \\(CSV\\), part (\\d+) of \\1\\n`).test(answers.at(-1)?.text ?? "");

describe("/lastword ledger through Bolt's HTTP receiver", () => {
  it("lists the team's recent sessions privately, newest first", async () => {
    const answer = await one(OFFICER, "ledger");
    expect(answer.response_type).toBe("ephemeral");
    const lines = answer.text.split("\n");
    expect(lines[0]).toBe(`Recent sessions of <#${CHANNEL}>`);
    expect(lines[1]).toMatch(
      /^#2 · \d{4}-\d{2}-\d{2} · major project · speaking · Resurface the north road$/,
    );
    expect(lines[2]).toMatch(/^#1 · \d{4}-\d{2}-\d{2} · major project · speaking · Build the river bridge$/);
    expect(answer.text).toContain("`/lastword ledger export <number>`");
  });

  it("lists in the caller's language", async () => {
    const answer = await one(ZHANG, "ledger");
    expect(answer.text).toContain(`<#${CHANNEL}> 最近的议题`);
    expect(answer.text).toMatch(/#1 · [\d-]+ · 重大项目安排 · 发言中 · Build the river bridge/);
  });

  it("verifies every chain of the team and says how much it checked", async () => {
    const answer = await one(OFFICER, "ledger verify");
    expect(answer.response_type).toBe("ephemeral");
    const entries = held.reduce((n, s) => n + s.entries, 0);
    expect(answer.text).toBe(
      `:white_check_mark: The ledger is intact: 2 sessions and ${entries} entries checked, every hash chain holds.`,
    );
  });

  it("without files:write, exports a session's minutes and CSV privately as code blocks to copy, with #12 or 12", async () => {
    const answers = await lastword(OFFICER, "ledger export #1", lastPartOf("Ledger"));
    expect(world.fake.callsTo("files.getUploadURLExternal").length).toBeGreaterThan(0);
    expect(world.fake.filesIn(OFFICER)).toEqual([]);
    expect(answers.every((a) => a.response_type === "ephemeral")).toBe(true);
    const text = answers.map((a) => a.text).join("\n");
    expect(text).toContain("*Session #1: minutes and ledger*");
    expect(text).toContain(`${held[0]!.entries} ledger entries; the hash chain holds.`);
    expect(text).toContain("Minutes (Markdown), part 1 of 1\n```\n# Minutes of session #1");
    expect(text).toContain("- Matter: Build the river bridge");
    expect(text).toContain(`First proposer: <@${u(4)}> (rank 4)`);
    expect(text).toContain(`<@${u(3)}> (rank 3): stepped out`);
    expect(text).toContain("owns the quarry");
    expect(text).toContain("Budget: 2.4M, tendered.");
    expect(text).toContain("Passed 2025-03-01 09:00:40 UTC, without a statement.");
    expect(text).toContain(
      "Ledger (CSV), part 1 of 1\n```\nsession_number,seq,at,type,actor,slack_ref,prev_hash,hash,payload_json\n1,1,2025-03-01T09:00:00.000Z,started,",
    );
    const same = await lastword(OFFICER, "ledger export 1", lastPartOf("Ledger"));
    expect(same.map((a) => a.text)).toEqual(answers.map((a) => a.text));
  });

  it("shows the CSV exactly as stored, so Slack neither formats nor hides any of it", async () => {
    const [answer] = await lastword(OFFICER, "ledger export 2", lastPartOf("Ledger"));
    const csv = answer!.text.slice(answer!.text.indexOf("Ledger (CSV)"));
    expect(csv).toContain(
      'Costs: &lt;b&gt;1.1M&lt;/b&gt; &amp; more, see \\""plan\\"", `\u200b`\u200b`table`\u200b`\u200b`',
    );
  });

  it("refuses privately, saying what to type", async () => {
    const cases: Array<[string, string]> = [
      [
        "ledger export 99",
        "This channel's team has no session #99. Type `/lastword ledger` to see recent sessions.",
      ],
      ["ledger export", "Give a session number, for example `/lastword ledger export 12`."],
      [
        "ledger export twelve",
        "`twelve` is not a session number. Type it like `/lastword ledger export 12` or `/lastword ledger export #12`.",
      ],
      [
        "ledger burn",
        "I don't know `ledger burn`. Use `/lastword ledger`, `/lastword ledger verify` or `/lastword ledger export <number>`.",
      ],
    ];
    for (const [text, expected] of cases) {
      const answer = await one(OFFICER, text);
      expect(answer.response_type, text).toBe("ephemeral");
      expect(answer.text, text).toBe(expected);
    }
    expect((await one(ZHANG, "ledger export 99")).text).toBe(
      "本频道的班子没有第 99 号议题。输入 `/lastword ledger` 查看最近的议题。",
    );
  });

  it("after a DBA changes a statement in the database, verify names the session and the entry", async () => {
    const victim = held[0]!;
    await withClient(world.database.url, async (c) => {
      await c.query("SET session_replication_role = replica");
      await c.query(
        `UPDATE ledger_entry SET payload = jsonb_set(payload, '{text}', '"Do not build it."') WHERE session_id = $1 AND seq = 4`,
        [victim.id],
      );
    });
    const answer = await one(OFFICER, "ledger verify");
    expect(answer.text).toBe(
      ":rotating_light: The ledger has been tampered with. First bad entry: session #1, entry 4: its content no longer matches its hash (hash).\n" +
        `1 of 2 sessions fail (${held[0]!.entries + held[1]!.entries} entries checked).`,
    );
    const zh = await one(ZHANG, "ledger verify");
    expect(zh.text).toContain("台账被篡改。第一处问题：第 1 号议题，第 4 条记录：内容与其哈希不符（hash）");
    const exported = await lastword(OFFICER, "ledger export 1", lastPartOf("Ledger"));
    expect(exported[0]!.text).toContain(
      ":rotating_light: The hash chain breaks at entry 4: its content no longer matches its hash (hash).",
    );
    expect(exported[0]!.text).toContain("Do not build it.");
  });

  it("sends a long session's export as several private posts, in order", async () => {
    const long = await holdSession(
      "Adopt the five-year plan",
      Array.from({ length: 8 }, (_, i) => `Chapter ${i + 1}. ${"The plan says much. ".repeat(300)}`),
    );
    const answers = await lastword(OFFICER, `ledger export ${long.number}`, lastPartOf("Ledger"));
    expect(answers.length).toBeGreaterThan(2);
    expect(answers.length).toBeLessThanOrEqual(5);
    expect(answers.every((a) => a.response_type === "ephemeral" && a.text.length <= 40_000)).toBe(true);
    const labels = answers.flatMap((a) =>
      [...a.text.matchAll(/(Minutes \(Markdown\)|Ledger \(CSV\)), part (\d+) of (\d+)/g)].map(
        (m) => `${m[1]} ${m[2]}/${m[3]}`,
      ),
    );
    const minutesParts = labels.filter((l) => l.startsWith("Minutes")).length;
    const csvParts = labels.length - minutesParts;
    expect(labels).toEqual([
      ...Array.from({ length: minutesParts }, (_, i) => `Minutes (Markdown) ${i + 1}/${minutesParts}`),
      ...Array.from({ length: csvParts }, (_, i) => `Ledger (CSV) ${i + 1}/${csvParts}`),
    ]);
    expect(answers.at(-1)!.text).not.toContain("not shown");
  });

  it("uploads the minutes (in the team's timezone) and the CSV as two files to the person who asked", async () => {
    world.fake.respondTo("files.getUploadURLExternal", undefined);
    try {
      await one(u(2), "team timezone Asia/Shanghai");
      const answer = await one(OFFICER, "ledger export 2");
      expect(answer.response_type).toBe("ephemeral");
      expect(answer.text).toBe(
        "I've sent you session #2's minutes (Markdown) and ledger (CSV) as two files in our direct messages.",
      );
      const files = world.fake.filesIn(OFFICER);
      expect(files.map((f) => [f.name, f.title])).toEqual([
        ["lastword-session-2-minutes.md", "Minutes of session #2 (times in Asia/Shanghai)"],
        ["lastword-session-2-ledger.csv", "Ledger of session #2 (CSV, times in UTC)"],
      ]);
      const [minutes, csv] = files.map((f) => f.content!.toString("utf8"));
      expect(minutes).toMatch(/^# Minutes of session #2\n/);
      expect(minutes).toContain("- Matter: Resurface the north road");
      expect(minutes).toContain("Passed 2025-03-01 17:00:40 (Asia/Shanghai), without a statement.");
      expect(minutes).toContain("Times are in Asia/Shanghai.");
      // The CSV as stored, not escaped for Slack: a file is not mrkdwn.
      const records = csv!.split("\r\n");
      expect(records[0]).toBe("session_number,seq,at,type,actor,slack_ref,prev_hash,hash,payload_json");
      expect(records[1]).toMatch(/^2,1,2025-03-01T09:00:00\.000Z,started,/);
      expect(records).toHaveLength(held[1]!.entries + 2); // the header, the entries, "" after the last CRLF
      expect(csv).toContain('Costs: <b>1.1M</b> & more, see \\""plan\\"", ```table```');
      const [shared] = world.fake.messagesIn(OFFICER).filter((m) => m.files);
      expect(shared!.text).toContain("The minutes give times in Asia/Shanghai");
    } finally {
      world.fake.respondTo("files.getUploadURLExternal", NO_FILES_WRITE);
    }
  });

  it("made only Web API calls that match Slack's spec", () => {
    world.fake.assertNoViolations();
  });
});
