import { describe, expect, it } from "vitest";
import { defaultBallot, parseSessionCategory } from "../../../../src/domain/session/category.ts";
import { decide } from "../../../../src/domain/session/decide.ts";
import { initialState } from "../../../../src/domain/session/state.ts";
import type { StartCommand } from "../../../../src/domain/session/commands.ts";
import { at, meeting, member, roster, startCommand } from "./fixtures.ts";

function refusal(command: StartCommand) {
  const decision = decide(initialState, command);
  if (decision.ok) throw new Error(`accepted: ${JSON.stringify(decision.events.map((e) => e.type))}`);
  return decision.error;
}

function accepted(command: StartCommand) {
  const decision = decide(initialState, command);
  if (!decision.ok) throw new Error(`refused: ${JSON.stringify(decision.error)}`);
  return decision.events;
}

describe("categories (三重一大)", () => {
  it("reads English and Chinese names", () => {
    expect(parseSessionCategory("Personnel")).toBe("personnel");
    expect(parseSessionCategory(" funds ")).toBe("funds");
    expect(parseSessionCategory("决策")).toBe("decision");
    expect(parseSessionCategory("人事")).toBe("personnel");
    expect(parseSessionCategory("项目")).toBe("project");
    expect(parseSessionCategory("资金")).toBe("funds");
    expect(parseSessionCategory("其他")).toBe("other");
    expect(parseSessionCategory("lunch")).toBeUndefined();
  });

  it("votes personnel matters by secret ballot unless the start says otherwise", () => {
    expect(defaultBallot("personnel")).toBe("secret");
    expect(defaultBallot("funds")).toBe("named");
    const [started] = accepted(startCommand({ category: "personnel" }));
    expect(started).toMatchObject({ type: "started", ballot: "secret" });
    const [overridden] = accepted(startCommand({ category: "personnel", ballot: "named" }));
    expect(overridden).toMatchObject({ ballot: "named" });
  });
});

describe("starting a session", () => {
  it("records the matter, the order and the first turn", () => {
    const events = accepted(startCommand({ matter: "  Renovate the east wing  " }));
    expect(events.map((e) => e.type)).toEqual(["started", "turn_started"]);
    expect(events[0]).toMatchObject({
      matter: "Renovate the east wing",
      proposerId: "U4",
      chairId: "U2",
      by: "U2",
      principalId: "U1",
      proposerIsPrincipal: false,
      proposerInCharge: null,
      quorum: { present: 7, required: 4, rosterSize: 7 },
      questions: [{ id: "motion", kind: "motion", name: null, recommenderId: null }],
      threshold: { numerator: 1, denominator: 2, inclusive: false },
    });
    expect(events[1]).toEqual({
      type: "turn_started",
      at: at(0),
      turnIndex: 0,
      userId: "U4",
      kind: "proposal",
      deadline: at(300),
    });
  });

  it("is refused on a session that has started", () => {
    const m = meeting();
    expect(m.refused(startCommand()).code).toBe("alreadyStarted");
  });

  it.each([
    ["noRoster", startCommand({ roster: [] }), {}],
    ["emptyMatter", startCommand({ matter: "   " }), {}],
    ["proposerNotOnRoster", startCommand({ proposerId: "U99" }), { proposerId: "U99" }],
    ["absentNotOnRoster", startCommand({ absent: ["U99"] }), { userId: "U99" }],
    [
      "recusedNotOnRoster",
      startCommand({ recused: [{ userId: "U99", reason: "brother-in-law" }] }),
      { userId: "U99" },
    ],
    ["recusalReasonRequired", startCommand({ recused: [{ userId: "U5", reason: " " }] }), { userId: "U5" }],
    [
      "memberAbsent",
      startCommand({ absent: ["U5"], recused: [{ userId: "U5", reason: "x" }] }),
      { userId: "U5" },
    ],
    ["proposerAbsent", startCommand({ absent: ["U4"] }), { proposerId: "U4" }],
    ["proposerRecused", startCommand({ recused: [{ userId: "U4", reason: "x" }] }), { proposerId: "U4" }],
    ["invalidTurnSeconds", startCommand({ turnSeconds: 0 }), { turnSeconds: 0 }],
    [
      "duplicateRosterMember",
      startCommand({ roster: [...roster(3), { ...member(4), userId: "U2" }] }),
      { userId: "U2" },
    ],
    ["duplicateRank", startCommand({ roster: [...roster(4), { ...member(4), userId: "U9" }] }), { rank: 4 }],
    [
      "principalMayNotPropose",
      startCommand({ proposerId: "U1", rules: { principalMayPropose: false } }),
      { proposerId: "U1" },
    ],
    [
      "noQuorum",
      startCommand({ absent: ["U5", "U6", "U7", "U3"] }),
      { present: 3, required: 4, rosterSize: 7 },
    ],
    ["invalidTime", startCommand({ at: "yesterday" }), { at: "yesterday" }],
    ["invalidTime", startCommand({ at: "2025-03-01T09:00:00" }), { at: "2025-03-01T09:00:00" }],
  ])("refuses %s", (code, command, params) => {
    expect(refusal(command)).toEqual({ code, params });
  });

  it("lets a principal propose by default, and says so", () => {
    const [started] = accepted(startCommand({ proposerId: "U1" }));
    expect(started).toMatchObject({ proposerIsPrincipal: true });
  });

  it("shows whether the proposer holds the power the matter belongs to (分管领导)", () => {
    const team = [member(1), member(2, ["finance"]), member(3, ["personnel"]), member(4, ["projects"])];
    const inCharge = (category: StartCommand["category"], proposerId: string) => {
      const [started] = accepted(startCommand({ roster: team, category, proposerId }));
      return started?.type === "started" ? started.proposerInCharge : "missing";
    };
    expect(inCharge("funds", "U2")).toBe(true);
    expect(inCharge("funds", "U3")).toBe(false);
    expect(inCharge("personnel", "U3")).toBe(true);
    expect(inCharge("project", "U2")).toBe(false);
    expect(inCharge("project", "U4")).toBe(true);
    expect(inCharge("decision", "U2")).toBeNull();
    expect(inCharge("other", "U2")).toBeNull();
  });

  it("does not let extra fields of a store row into the event", () => {
    const row = { ...member(2), workspaceId: "T1", createdAt: new Date(0) };
    const [started] = accepted(startCommand({ roster: [member(1), row, member(3)], proposerId: "U2" }));
    expect(started?.type === "started" && started.roster[1]).toEqual(member(2));
  });
});

describe("quorum at the start", () => {
  const six = roster(6);

  it("refuses exactly half of six for 'more than half'", () => {
    expect(refusal(startCommand({ roster: six, absent: ["U5", "U6", "U3"] }))).toEqual({
      code: "noQuorum",
      params: { present: 3, required: 4, rosterSize: 6 },
    });
  });

  it("accepts four of six for 'more than half'", () => {
    accepted(startCommand({ roster: six, absent: ["U5", "U6"] }));
  });

  it("accepts exactly two thirds for personnel (三分之二以上 includes two thirds)", () => {
    accepted(startCommand({ roster: six, category: "personnel", absent: ["U5", "U6"] }));
  });

  it("refuses less than two thirds for personnel", () => {
    expect(refusal(startCommand({ roster: six, category: "personnel", absent: ["U5", "U6", "U3"] }))).toEqual(
      {
        code: "noQuorum",
        params: { present: 3, required: 4, rosterSize: 6 },
      },
    );
    expect(refusal(startCommand({ category: "personnel", absent: ["U5", "U6", "U7"] }))).toEqual({
      code: "noQuorum",
      params: { present: 4, required: 5, rosterSize: 7 },
    });
  });

  it("accepts four of seven and refuses three of seven", () => {
    accepted(startCommand({ absent: ["U5", "U6", "U7"] }));
    expect(refusal(startCommand({ absent: ["U3", "U5", "U6", "U7"] })).code).toBe("noQuorum");
  });

  it("counts recused members as present", () => {
    accepted(
      startCommand({
        absent: ["U5", "U6", "U7"],
        recused: [{ userId: "U3", reason: "her department" }],
      }),
    );
  });

  it("follows a team's own rule", () => {
    const unanimous = { numerator: 1, denominator: 1, inclusive: true };
    expect(refusal(startCommand({ absent: ["U7"], rules: { quorum: { decision: unanimous } } })).code).toBe(
      "noQuorum",
    );
    accepted(startCommand({ category: "funds", absent: ["U7"], rules: { quorum: { decision: unanimous } } }));
  });
});
