import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Member } from "../../src/domain/roster/member.ts";
import { verifyChain } from "../../src/domain/ledger/hash.ts";
import { decide, fold, initialState, type SessionCommand } from "../../src/domain/session/index.ts";
import { SessionStore } from "../../src/store/session-store.ts";
import { TeamStore, type TeamRef } from "../../src/store/team-store.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

const WORKSPACE = "T0LIVE0001";
const at = (s: number) => new Date(Date.parse("2025-03-01T09:00:00.000Z") + s * 1000).toISOString();
const u = (rank: number) => `U0MEMBER0${rank}`;
const ROSTER: Member[] = [1, 2, 3].map((rank) => ({
  userId: u(rank),
  rank,
  title: null,
  powers: [],
  roles: [],
}));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function startSession(store: SessionStore, channelId: string): Promise<string> {
  const team: TeamRef = { workspaceId: WORKSPACE, channelId };
  await new TeamStore(database.db).change(team, u(2), async () => undefined);
  const start = decide(initialState, {
    type: "start",
    at: at(0),
    matter: "Build the bridge",
    category: "project",
    proposerId: u(3),
    chairId: u(2),
    roster: ROSTER,
    absent: [],
    recused: [],
    turnSeconds: 300,
  });
  if (!start.ok) throw new Error(start.error.code);
  return (await store.create(team, start.events, fold(start.events))).row.id;
}

const reply = (userId: string, n: number): SessionCommand => ({
  type: "reply",
  at: at(n),
  userId,
  messageTs: `1740819600.${String(n).padStart(6, "0")}`,
  text: `Statement ${n}.`,
});

/** Decides `command` on what `store` knows and appends it; null when the session moved meanwhile. */
async function decideOn(store: SessionStore, sessionId: string, command: SessionCommand, refresh = false) {
  const live = (await store.current(WORKSPACE, sessionId, { refresh }))!;
  const decision = decide(live.state, command);
  if (!decision.ok) throw new Error(decision.error.code);
  return store.appendAt(live, { events: decision.events, state: fold(decision.events, live.state) });
}

describe("a decision appended on the seq it was made on", () => {
  it("writes nothing from a copy another replica has moved, and appends once caught up, the chain whole", async () => {
    const a = new SessionStore(database.db);
    const b = new SessionStore(database.db);
    const id = await startSession(a, "C0LIVE0001");
    const speaker = (await a.current(WORKSPACE, id))!.state.current!.userId;
    // b learns the session, then a appends twice: b's copy is two entries behind.
    await b.current(WORKSPACE, id);
    expect(await decideOn(a, id, reply(speaker, 1))).not.toBeNull();
    expect(await decideOn(a, id, reply(speaker, 2))).not.toBeNull();
    const before = await database.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM ledger_entry WHERE session_id = $1",
      [id],
    );

    expect(await decideOn(b, id, reply(speaker, 3)), "decided on a stale copy").toBeNull();
    expect(
      await database.sql<{ n: number }>("SELECT count(*)::int AS n FROM ledger_entry WHERE session_id = $1", [
        id,
      ]),
    ).toEqual(before);

    const appended = await decideOn(b, id, reply(speaker, 3), true);
    expect(appended?.entries.map((e) => e.seq)).toEqual([before[0]!.n + 1]);
    const statements = (appended?.live.state.statements ?? []).map((s) => s.text);
    expect(statements.slice(-3)).toEqual(["Statement 1.", "Statement 2.", "Statement 3."]);
    const entries = (await a.load(WORKSPACE, id))!.entries;
    expect(verifyChain(entries, { from: { seq: 1, prevHash: entries[0]!.prevHash } })).toEqual({ ok: true });
    const [row] = await database.sql<{ last_seq: number }>("SELECT last_seq FROM session WHERE id = $1", [
      id,
    ]);
    expect(row!.last_seq).toBe(entries.at(-1)!.seq);
  });
});
