import type { SessionCommand } from "../../src/domain/session/commands.ts";
import { holdSession as recordSession } from "../support/hold-session.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/roster/member.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { entryHash } from "../../src/domain/ledger/hash.ts";
import { TeamStore, type TeamRef } from "../../src/store/team-store.ts";
import { exportSession, listRecentSessions, verifyTeamLedger } from "../../src/usecases/ledger.ts";
import { createTestDatabase, withClient, type TestDatabase } from "../support/database.ts";

const WORKSPACE = "T0LEDGER01";
const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();
const u = (rank: number) => `U0MEMBER0${rank}`;
const ROSTER: Member[] = [1, 2, 3, 4, 5].map((rank) => ({
  userId: u(rank),
  rank,
  title: null,
  powers: [],
  roles: [],
}));

let database: TestDatabase;
let sessions: SessionStore;
beforeAll(async () => {
  database = await createTestDatabase();
  sessions = new SessionStore(database.db);
});
afterAll(() => database?.drop());

/** A team of its own per test, so a tampered ledger does not leak into another test's result. */
async function newTeam(channelId: string): Promise<TeamRef> {
  const team = { workspaceId: WORKSPACE, channelId };
  await new TeamStore(database.db).change(team, u(2), async () => undefined);
  return team;
}

/**
 * Holds a session the way the bot does: each command decided on the folded ledger, its events
 * appended after the expected seq. Returns the session's id and number.
 */
async function holdSession(
  team: TeamRef,
  matter: string,
  t0 = 0,
): Promise<{ id: string; number: number; entries: number }> {
  const ts = (n: number) => `17408196${String(t0).padStart(2, "0")}.${String(n).padStart(6, "0")}`;
  const [start, ...rest]: SessionCommand[] = [
    {
      type: "start",
      at: at(t0),
      matter,
      category: "project",
      proposerId: u(4),
      chairId: u(2),
      roster: ROSTER,
      absent: [],
      recused: [],
      turnSeconds: 300,
    },
    { type: "reply", at: at(t0 + 1), userId: u(4), messageTs: ts(1), text: "Build the bridge." },
    { type: "finish", at: at(t0 + 2), userId: u(4) },
    { type: "pass", at: at(t0 + 3), userId: u(5) },
    { type: "reply", at: at(t0 + 4), userId: u(3), messageTs: ts(2), text: "Agreed, if tendered." },
    { type: "finish", at: at(t0 + 5), userId: u(3) },
  ];
  return recordSession(sessions, team, [start!, ...rest]);
}

/**
 * Changes the ledger as a DBA could: the append-only trigger is a trigger, and replica mode skips
 * triggers for this connection only.
 */
async function tamper(sql: string, values: unknown[]): Promise<void> {
  await withClient(database.url, async (c) => {
    await c.query("SET session_replication_role = replica");
    await c.query(sql, values);
  });
}

describe("ledger verification on a real database", () => {
  it("finds nothing wrong with an intact ledger, and counts what it checked", async () => {
    const team = await newTeam("C0INTACT01");
    const held = [
      await holdSession(team, "Bridge"),
      await holdSession(team, "Road", 10),
      await holdSession(team, "School", 20),
    ];
    const result = await verifyTeamLedger(sessions, team);
    expect(result).toEqual({
      sessions: 3,
      entries: held.reduce((n, s) => n + s.entries, 0),
      brokenSessions: 0,
      firstProblem: null,
      missingNumbers: [],
      uncounted: null,
    });
  });

  it("the append-only trigger refuses a plain UPDATE", async () => {
    const team = await newTeam("C0TRIGGER1");
    const s = await holdSession(team, "Bridge");
    await expect(
      database.sql("UPDATE ledger_entry SET payload = '{}'::jsonb WHERE session_id = $1 AND seq = 3", [s.id]),
    ).rejects.toThrow(/append-only/);
  });

  it("names the session and entry whose payload was changed, with reason hash", async () => {
    const team = await newTeam("C0TAMPER01");
    await holdSession(team, "Bridge");
    const victim = await holdSession(team, "Road", 10);
    await holdSession(team, "School", 20);
    await tamper(
      `UPDATE ledger_entry SET payload = jsonb_set(payload, '{text}', '"Opposed."') WHERE session_id = $1 AND seq = 3`,
      [victim.id],
    );
    const result = await verifyTeamLedger(sessions, team);
    expect(result.firstProblem).toEqual({ sessionNumber: 2, seq: 3, reason: "hash" });
    expect(result.brokenSessions).toBe(1);
    expect(result.sessions).toBe(3);
  });

  it("reports a deleted middle entry as a gap at the entry after it", async () => {
    const team = await newTeam("C0DELETE01");
    const victim = await holdSession(team, "Bridge");
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1 AND seq = 4", [victim.id]);
    const result = await verifyTeamLedger(sessions, team);
    expect(result.firstProblem).toEqual({ sessionNumber: 1, seq: 5, reason: "gap" });
  });

  it("reports deleted last entries as truncated: the chain alone cannot show it, the session row's count can", async () => {
    const team = await newTeam("C0TAIL0001");
    const victim = await holdSession(team, "Bridge");
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1 AND seq = $2", [victim.id, victim.entries]);
    const result = await verifyTeamLedger(sessions, team);
    expect(result.firstProblem).toEqual({ sessionNumber: 1, seq: victim.entries - 1, reason: "truncated" });
  });

  it("reports a whole session removed as a missing number", async () => {
    const team = await newTeam("C0GONE0001");
    await holdSession(team, "Bridge");
    const victim = await holdSession(team, "Road", 10);
    await holdSession(team, "School", 20);
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1", [victim.id]);
    await tamper("DELETE FROM session WHERE id = $1", [victim.id]);
    const result = await verifyTeamLedger(sessions, team);
    // Session 3's first entry linked to session 2's head, which is gone.
    expect(result).toMatchObject({
      sessions: 2,
      firstProblem: { sessionNumber: 3, seq: 1, reason: "unlinked" },
      missingNumbers: [2],
    });
  });

  it("links each session's first entry to the head of the session before it", async () => {
    const team = await newTeam("C0LINKED01");
    const first = await holdSession(team, "Bridge");
    const second = await holdSession(team, "Road", 10);
    const heads = await database.sql<{ session_id: string; prev_hash: string; hash: string; seq: number }>(
      "SELECT session_id, seq, prev_hash, hash FROM ledger_entry WHERE session_id = ANY($1) ORDER BY session_id, seq",
      [[first.id, second.id]],
    );
    const lastOfFirst = heads.filter((h) => h.session_id === first.id).at(-1)!;
    const firstOfSecond = heads.find((h) => h.session_id === second.id && h.seq === 1)!;
    expect(firstOfSecond.prev_hash).toBe(lastOfFirst.hash);
  });

  it("reads a team a page of sessions at a time, the next page while this one is checked: each session once, in order, with its own entries", async () => {
    const team = await newTeam("C0PAGED001");
    const held = [];
    for (let i = 0; i < 5; i++) held.push(await holdSession(team, `Matter ${i + 1}`, i * 10));
    const read = [];
    for await (const { row, entries } of sessions.allEntriesByTeam(team, 2)) {
      read.push({
        number: row.number,
        id: row.id,
        seqs: entries.map((e) => e.seq),
        own: entries.every((e) => e.sessionId === row.id),
      });
    }
    expect(read.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(read.map((r) => r.id)).toEqual(held.map((h) => h.id));
    expect(read.map((r) => r.seqs)).toEqual(
      held.map((h) => Array.from({ length: h.entries }, (_, i) => i + 1)),
    );
    expect(read.every((r) => r.own)).toBe(true);

    // Pages of two: session 3's link to session 2 crosses a page, session 5 is a page of its own.
    class PagedStore extends SessionStore {
      override allEntriesByTeam(t: TeamRef) {
        return super.allEntriesByTeam(t, 2);
      }
    }
    const paged = new PagedStore(database.db);
    expect(await verifyTeamLedger(paged, team)).toMatchObject({
      sessions: 5,
      brokenSessions: 0,
      firstProblem: null,
    });
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1", [held[1]!.id]);
    await tamper("DELETE FROM session WHERE id = $1", [held[1]!.id]);
    await tamper(
      `UPDATE ledger_entry SET payload = jsonb_set(payload, '{text}', '"Opposed."') WHERE session_id = $1 AND seq = 3`,
      [held[4]!.id],
    );
    expect(await verifyTeamLedger(paged, team)).toMatchObject({
      sessions: 4,
      brokenSessions: 2,
      firstProblem: { sessionNumber: 3, seq: 1, reason: "unlinked" },
      missingNumbers: [2],
    });
  });

  it("checks only the team asked about", async () => {
    const tampered = await newTeam("C0NEIGHBOR");
    const mine = await newTeam("C0MINE0001");
    const victim = await holdSession(tampered, "Bridge");
    await holdSession(mine, "Bridge");
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1 AND seq = 2", [victim.id]);
    expect((await verifyTeamLedger(sessions, tampered)).firstProblem).not.toBeNull();
    expect(await verifyTeamLedger(sessions, mine)).toMatchObject({ sessions: 1, firstProblem: null });
    expect(
      (await verifyTeamLedger(sessions, { workspaceId: "T0ELSEWHERE", channelId: "C0MINE0001" })).sessions,
    ).toBe(0);
  });
});

describe("ledger list and export on a real database", () => {
  it("lists recent sessions, newest first, with the matter from the ledger", async () => {
    const team = await newTeam("C0LIST0001");
    await holdSession(team, "Bridge");
    await holdSession(team, "Road", 10);
    const list = await listRecentSessions(sessions, team);
    expect(list.map((s) => [s.number, s.matter, s.category, s.phase, s.outcome])).toEqual([
      [2, "Road", "project", "speaking", null],
      [1, "Bridge", "project", "speaking", null],
    ]);
    expect(list[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("exports a session's entries by number, and refuses a number the team does not have", async () => {
    const team = await newTeam("C0EXPORT01");
    const held = await holdSession(team, "Bridge");
    const found = await exportSession(sessions, team, 1, undefined);
    expect(found.ok && found.session.entries.length).toBe(held.entries);
    expect(found.ok && found.session.problem).toBeNull();
    expect(found.ok && found.session.events[0]!.type).toBe("started");
    expect(await exportSession(sessions, team, 9, undefined)).toEqual({
      ok: false,
      error: { code: "sessionNotFound", params: { number: 9 } },
    });
  });
});

/**
 * Rewrites a session's entries from `fromSeq` on, recomputing every hash after the edit so that
 * the session's own chain holds again: what a DBA who knows the hashing would do.
 */
async function rewriteTail(
  sessionId: string,
  fromSeq: number,
  edit: (payload: Record<string, unknown>) => void,
) {
  const rows = await database.sql<{
    seq: number;
    type: string;
    actor_id: string | null;
    at: Date;
    payload: Record<string, unknown>;
    slack_ref: string | null;
    prev_hash: string;
  }>(
    "SELECT seq, type, actor_id, at, payload, slack_ref, prev_hash FROM ledger_entry WHERE session_id = $1 ORDER BY seq",
    [sessionId],
  );
  let previous = rows.find((r) => r.seq === fromSeq)!.prev_hash;
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    if (row.seq === fromSeq) edit(row.payload);
    const hash = entryHash(previous, {
      sessionId,
      seq: row.seq,
      type: row.type,
      actorId: row.actor_id,
      at: row.at,
      payload: row.payload,
      slackRef: row.slack_ref,
    });
    await tamper(
      "UPDATE ledger_entry SET payload = $1, prev_hash = $2, hash = $3 WHERE session_id = $4 AND seq = $5",
      [row.payload, previous, hash, sessionId, row.seq],
    );
    previous = hash;
  }
  return previous;
}

describe("tampering that keeps each session's own chain whole (issue 12, item 5)", () => {
  it("a tail recomputed after an edit breaks the next session's link", async () => {
    const team = await newTeam("C0RETAIL01");
    const victim = await holdSession(team, "Bridge");
    await holdSession(team, "Road", 10);
    await rewriteTail(victim.id, 4, (p) => {
      p.text = "Opposed.";
    });
    const result = await verifyTeamLedger(sessions, team);
    expect(result.firstProblem).toEqual({ sessionNumber: 2, seq: 1, reason: "unlinked" });
  });

  it("a rewritten tail of the newest session no longer leads to the hash posted with its minutes", async () => {
    const team = await newTeam("C0RETAIL02");
    await holdSession(team, "Bridge");
    const newest = await holdSession(team, "Road", 10);
    const [posted] = await database.sql<{ hash: string }>(
      "SELECT hash FROM ledger_entry WHERE session_id = $1 ORDER BY seq DESC LIMIT 1",
      [newest.id],
    );
    expect((await verifyTeamLedger(sessions, team, { hash: posted!.hash })).found).toEqual({
      sessionNumber: 2,
      seq: newest.entries,
    });
    const forged = await rewriteTail(newest.id, 4, (p) => {
      p.text = "Opposed.";
    });
    const result = await verifyTeamLedger(sessions, team, { hash: posted!.hash });
    // Inside the database everything agrees again; only the hash people saw gives it away.
    expect(result.firstProblem).toBeNull();
    expect(result.found).toBeNull();
    expect((await verifyTeamLedger(sessions, team, { hash: forged })).found).toEqual({
      sessionNumber: 2,
      seq: newest.entries,
    });
  });

  it("deleting the last entries and lowering last_seq to match is found in the session row", async () => {
    const team = await newTeam("C0LOWERED1");
    const victim = await holdSession(team, "Bridge");
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1 AND seq > $2", [
      victim.id,
      victim.entries - 2,
    ]);
    await tamper("UPDATE session SET last_seq = $2 WHERE id = $1", [victim.id, victim.entries - 2]);
    const result = await verifyTeamLedger(sessions, team);
    expect(result.firstProblem).toEqual({ sessionNumber: 1, seq: victim.entries - 2, reason: "projection" });
  });

  it("deleting the newest session is found by the team's count of sessions", async () => {
    const team = await newTeam("C0NEWEST01");
    await holdSession(team, "Bridge");
    const newest = await holdSession(team, "Road", 10);
    await tamper("DELETE FROM ledger_entry WHERE session_id = $1", [newest.id]);
    await tamper("DELETE FROM session WHERE id = $1", [newest.id]);
    const result = await verifyTeamLedger(sessions, team);
    expect(result).toMatchObject({ sessions: 1, firstProblem: null, missingNumbers: [] });
    expect(result.uncounted).toEqual({ recorded: 2, found: 1 });
  });

  it("TRUNCATE is refused; a superuser who gets round the trigger leaves the team's count behind", async () => {
    const team = await newTeam("C0TRUNC001");
    await holdSession(team, "Bridge");
    await expect(database.sql("TRUNCATE ledger_entry, session")).rejects.toThrow(/append-only/);
    expect((await verifyTeamLedger(sessions, team)).sessions).toBe(1);
    await tamper("TRUNCATE ledger_entry, session", []);
    const result = await verifyTeamLedger(sessions, team);
    expect(result).toMatchObject({ sessions: 0, uncounted: { recorded: 1, found: 0 } });
  });
});
