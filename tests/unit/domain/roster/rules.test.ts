import { describe, expect, it } from "vitest";
import type { Member } from "../../../../src/domain/roster/member.ts";
import { parseKeyPower, powersBarredFromPrincipal } from "../../../../src/domain/roster/powers.ts";
import {
  addMember,
  balanceWarnings,
  checkMaxPowers,
  checkPolicyChange,
  composeRoster,
  removeMember,
  setMember,
  setRoles,
  type RosterPolicy,
} from "../../../../src/domain/roster/rules.ts";

const five: RosterPolicy = { principalPolicy: "five", maxPowers: 2 };
const m = (userId: string, rank: number, powers: Member["powers"] = []): Member => ({
  userId,
  rank,
  title: null,
  powers,
  roles: [],
});
const ranks = (members: Member[]) => members.map((x) => `${x.userId}:${x.rank}`);
const add = (
  roster: Member[],
  userId: string,
  rank: number,
  extra: Partial<{ powers: Member["powers"]; shift: boolean }> = {},
  policy = five,
) =>
  addMember(
    roster,
    { userId, rank, title: null, powers: extra.powers ?? [], shift: extra.shift ?? false },
    policy,
  );

describe("key powers", () => {
  it("reads English names and the Chinese aliases", () => {
    expect(parseKeyPower("Finance")).toBe("finance");
    expect(parseKeyPower("工程项目")).toBe("projects");
    expect(parseKeyPower("司法")).toBe("judiciary");
    expect(parseKeyPower("budget")).toBeUndefined();
  });

  it("bars the powers each county's rule names from the principal", () => {
    expect([...powersBarredFromPrincipal("four")].sort()).toEqual([
      "finance",
      "personnel",
      "procurement",
      "projects",
    ]);
    expect([...powersBarredFromPrincipal("five")].sort()).toEqual([
      "approvals",
      "enforcement",
      "finance",
      "personnel",
      "projects",
    ]);
    expect(powersBarredFromPrincipal("eight")).toHaveLength(8);
  });
});

describe("adding members", () => {
  it("keeps the roster in rank order", () => {
    let r: Member[] = [];
    for (const [u, rank] of [
      ["C", 3],
      ["A", 1],
      ["B", 2],
    ] as const) {
      const res = add(r, u, rank);
      if (!res.ok) throw new Error(res.error.code);
      r = res.value;
    }
    expect(ranks(r)).toEqual(["A:1", "B:2", "C:3"]);
  });

  it("refuses a rank that is held, naming the holder", () => {
    const res = add([m("A", 1), m("B", 2)], "C", 2);
    expect(res).toEqual({ ok: false, error: { code: "rankTaken", params: { rank: 2, holder: "B" } } });
  });

  it("shifts the holder and the unbroken run below down one when asked, leaving later ranks alone", () => {
    const res = add([m("A", 1), m("B", 2), m("C", 3), m("E", 5)], "X", 2, { shift: true });
    expect(res.ok && ranks(res.value)).toEqual(["A:1", "X:2", "B:3", "C:4", "E:5"]);
  });

  it("refuses rank 0 and negative ranks, and a member twice", () => {
    expect(add([], "A", 0)).toMatchObject({ ok: false, error: { code: "rankInvalid" } });
    expect(add([m("A", 1)], "A", 2)).toMatchObject({ ok: false, error: { code: "alreadyOnRoster" } });
  });

  it("refuses to give the principal a power the team's policy bars, naming the rule", () => {
    const res = add([], "P", 1, { powers: ["finance", "assets"] });
    expect(res).toEqual({
      ok: false,
      error: { code: "principalPowerBarred", params: { user: "P", powers: "finance", policy: "five" } },
    });
    // assets is only barred under "eight"
    expect(add([], "P", 1, { powers: ["assets"] }).ok).toBe(true);
    expect(add([], "P", 1, { powers: ["assets"] }, { principalPolicy: "eight", maxPowers: 2 })).toMatchObject(
      { ok: false },
    );
    // procurement is barred under "four" but not under "five"
    expect(add([], "P", 1, { powers: ["procurement"] }).ok).toBe(true);
    expect(add([], "P", 1, { powers: ["procurement"] }, { principalPolicy: "four", maxPowers: 2 }).ok).toBe(
      false,
    );
  });
});

describe("changing members", () => {
  const roster = [m("A", 1), m("B", 2, ["finance"]), m("C", 3)];

  it("refuses to make the holder of a barred power the principal", () => {
    const res = setMember(
      roster.filter((x) => x.userId !== "A"),
      { userId: "B", rank: 1, shift: false },
      five,
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: "principalPowerBarred", params: { user: "B", powers: "finance" } },
    });
  });

  it("keeps the title and powers that are not given", () => {
    const res = setMember(roster, { userId: "B", rank: 4, shift: false }, five);
    expect(res.ok && res.value.find((x) => x.userId === "B")).toEqual({
      userId: "B",
      rank: 4,
      title: null,
      powers: ["finance"],
      roles: [],
    });
  });

  it("moves a member into a held rank only with shift", () => {
    expect(setMember(roster, { userId: "C", rank: 2, shift: false }, five)).toMatchObject({
      ok: false,
      error: { code: "rankTaken" },
    });
    const res = setMember(roster, { userId: "C", rank: 2, shift: true }, five);
    expect(res.ok && ranks(res.value)).toEqual(["A:1", "C:2", "B:3"]);
  });

  it("removes only members who are there", () => {
    expect(removeMember(roster, "Z")).toMatchObject({ ok: false, error: { code: "notOnRoster" } });
    expect(
      removeMember(roster, "B").ok && ranks((removeMember(roster, "B") as { value: Member[] }).value),
    ).toEqual(["A:1", "C:3"]);
  });

  it("sets roles without duplicates", () => {
    const res = setRoles(roster, "C", ["discipline", "discipline"]);
    expect(res.ok && res.value.find((x) => x.userId === "C")?.roles).toEqual(["discipline"]);
  });
});

describe("policy changes and balance", () => {
  it("refuses a policy the current principal would break", () => {
    const roster = [m("P", 1, ["procurement"]), m("B", 2)];
    expect(checkPolicyChange(roster, "five")).toBeUndefined();
    expect(checkPolicyChange(roster, "four")).toEqual({
      code: "policyConflictsWithPrincipal",
      params: { user: "P", powers: "procurement", policy: "four" },
    });
  });

  it("warns about deputies above the limit, never about the principal", () => {
    const roster = [
      m("P", 1, ["assets", "judiciary", "procurement"]),
      m("B", 2, ["finance", "personnel", "projects"]),
      m("C", 3, ["assets", "approvals"]),
    ];
    expect(balanceWarnings(roster, 2)).toEqual([
      { userId: "B", powers: ["finance", "personnel", "projects"], max: 2 },
    ]);
    expect(balanceWarnings(roster, 1).map((w) => w.userId)).toEqual(["B", "C"]);
  });

  it("accepts a limit from 0 to 8", () => {
    expect(checkMaxPowers(0)).toBeUndefined();
    expect(checkMaxPowers(9)).toMatchObject({ code: "maxPowersInvalid" });
    expect(checkMaxPowers(1.5)).toMatchObject({ code: "maxPowersInvalid" });
  });
});

describe("composeRoster (the setup form's whole roster at once)", () => {
  const entry = (userId: string, rank: number, powers: Member["powers"] = []) => ({
    userId,
    rank,
    title: null,
    powers,
  });

  it("places every member by the rule add uses, keeping the roles they had", () => {
    const previous = [{ ...m("U2", 5), roles: ["discipline" as const] }];
    const composed = composeRoster([entry("U2", 2), entry("U1", 1)], previous, five);
    expect(composed).toEqual({
      ok: true,
      value: [m("U1", 1), { ...m("U2", 2), roles: ["discipline"] }],
    });
  });

  it("returns every refusal with its member, and moves nobody aside for a shared rank", () => {
    const composed = composeRoster(
      [entry("U1", 1, ["finance"]), entry("U2", 2), entry("U3", 2), entry("U4", 0)],
      [],
      five,
    );
    expect(composed).toEqual({
      ok: false,
      errors: [
        {
          userId: "U1",
          error: { code: "principalPowerBarred", params: { user: "U1", powers: "finance", policy: "five" } },
        },
        { userId: "U3", error: { code: "rankTaken", params: { rank: 2, holder: "U2" } } },
        { userId: "U4", error: { code: "rankInvalid", params: { rank: 0 } } },
      ],
    });
  });
});
