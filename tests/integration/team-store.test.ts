import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TeamStore } from "../../src/store/team-store.ts";
import {
  addToRoster,
  choosePrincipalPolicy,
  grantAdmin,
  removeFromRoster,
  revokeAdmin,
  updateOnRoster,
} from "../../src/usecases/manage-roster.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

let t: TestDatabase;
let teams: TeamStore;
beforeAll(async () => {
  t = await createTestDatabase();
  teams = new TeamStore(t.db);
});
afterAll(() => t.drop());

const admin = (channelId: string, userId = "UADMIN") => ({ workspaceId: "T1", channelId, userId });
const member = (userId: string, rank: number, shift = false) => ({
  userId,
  rank,
  title: null,
  powers: [],
  shift,
});

describe("roster on Postgres", () => {
  it("makes the first person to set up a channel's team its admin, and only admins change it", async () => {
    const first = await addToRoster(teams, admin("C1"), member("U1", 1));
    expect(first).toMatchObject({ ok: true, becameFirstAdmin: true });
    const stranger = await addToRoster(teams, admin("C1", "USTRANGER"), member("U2", 2));
    expect(stranger).toMatchObject({ ok: false, error: { code: "notAdmin" } });
    expect((await teams.load(admin("C1"))).members.map((m) => m.userId)).toEqual(["U1"]);
  });

  it("keeps nothing of a refused first change, not even the team", async () => {
    const res = await addToRoster(teams, admin("C2"), { ...member("U1", 1), powers: ["finance"] });
    expect(res).toMatchObject({ ok: false, error: { code: "principalPowerBarred" } });
    expect((await teams.load(admin("C2"))).exists).toBe(false);
  });

  it("shifts ranks inside the unique-rank constraint", async () => {
    const a = admin("C3");
    for (const [u, r] of [
      ["U1", 1],
      ["U2", 2],
      ["U3", 3],
      ["U5", 5],
    ] as const)
      await addToRoster(teams, a, member(u, r));
    const res = await addToRoster(teams, a, member("UX", 2, true));
    expect(res).toMatchObject({ ok: true, shifted: ["U2", "U3"] });
    const ranks = (await teams.load(a)).members.map((m) => `${m.userId}:${m.rank}`);
    expect(ranks).toEqual(["U1:1", "UX:2", "U2:3", "U3:4", "U5:5"]);
    const moved = await updateOnRoster(teams, a, member("U5", 2, true));
    expect(moved.ok).toBe(true);
    expect((await teams.load(a)).members.map((m) => `${m.userId}:${m.rank}`)).toEqual([
      "U1:1",
      "U5:2",
      "UX:3",
      "U2:4",
      "U3:5",
    ]);
  });

  it("applies two admins' simultaneous changes one after the other, never both into one rank", async () => {
    const a = admin("C4");
    await addToRoster(teams, a, member("U1", 1));
    await grantAdmin(teams, a, "UADMIN2");
    const [x, y] = await Promise.all([
      addToRoster(teams, a, member("UA", 2)),
      addToRoster(teams, admin("C4", "UADMIN2"), member("UB", 2)),
    ]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect((await teams.load(a)).members.filter((m) => m.rank === 2)).toHaveLength(1);
  });

  it("keeps teams of different workspaces apart", async () => {
    await addToRoster(teams, { workspaceId: "T2", channelId: "C1", userId: "UOTHER" }, member("UZ", 1));
    expect((await teams.load(admin("C1"))).members.map((m) => m.userId)).toEqual(["U1"]);
  });

  it("refuses to leave a team without admins, and a policy the principal breaks", async () => {
    const a = admin("C5");
    await addToRoster(teams, a, { ...member("P", 1), powers: ["procurement"] });
    expect(await revokeAdmin(teams, a, "UADMIN")).toMatchObject({ ok: false, error: { code: "lastAdmin" } });
    expect(await choosePrincipalPolicy(teams, a, "four")).toMatchObject({
      ok: false,
      error: { code: "policyConflictsWithPrincipal" },
    });
    expect((await teams.load(a)).settings.policy).toBe("five");
    expect(await removeFromRoster(teams, a, "P")).toMatchObject({ ok: true });
    expect(await choosePrincipalPolicy(teams, a, "four")).toMatchObject({ ok: true });
  });
});
