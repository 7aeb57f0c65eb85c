import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../../../src/domain/session/events.ts";
import { DEFAULT_SETTINGS, type TeamSnapshot } from "../../../src/store/team-store.ts";
import { chairPermission, startRefusal } from "../../../src/usecases/session-permissions.ts";

const member = (userId: string, rank: number) => ({ userId, rank, title: null, powers: [], roles: [] });

function team(start?: "members" | "admins"): TeamSnapshot {
  return {
    exists: true,
    createdAt: new Date("2026-12-01T00:00:00Z"),
    joinedAt: {},
    settings: { ...DEFAULT_SETTINGS, rules: start ? { start } : {} },
    members: [member("UPRINCIPAL", 1), member("UDEPUTY", 2)],
    admins: ["UADMIN"],
  };
}

const chairedBy = (chairId: string) => [{ type: "started", chairId }] as unknown as SessionEvent[];

describe("who may start a session", () => {
  it("lets roster members and admins start by default, nobody else", () => {
    expect(startRefusal(team(), "UDEPUTY")).toBeNull();
    expect(startRefusal(team(), "UADMIN")).toBeNull();
    expect(startRefusal(team(), "UOUTSIDER")).toEqual({ code: "startMembersOnly", params: {} });
  });

  it("lets only admins start when the team says so", () => {
    expect(startRefusal(team("admins"), "UADMIN")).toBeNull();
    expect(startRefusal(team("admins"), "UPRINCIPAL")).toEqual({ code: "startAdminsOnly", params: {} });
  });
});

describe("who may act as the chair", () => {
  it("is the member who started the session, while still on the roster, or any admin", () => {
    expect(chairPermission(team(), chairedBy("UDEPUTY"), "UDEPUTY")).toEqual({ ok: true, byIsAdmin: false });
    expect(chairPermission(team(), chairedBy("UDEPUTY"), "UADMIN")).toEqual({ ok: true, byIsAdmin: true });
    expect(chairPermission(team(), chairedBy("UDEPUTY"), "UPRINCIPAL")).toEqual({
      ok: false,
      error: { code: "notChair", params: { chairId: "UDEPUTY" } },
    });
    expect(chairPermission(team(), chairedBy("UGONE"), "UGONE")).toEqual({
      ok: false,
      error: { code: "chairLeftRoster", params: {} },
    });
  });
});
