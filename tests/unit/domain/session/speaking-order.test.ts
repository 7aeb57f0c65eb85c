import { describe, expect, it } from "vitest";
import { speakingOrder } from "../../../../src/domain/session/speaking-order.ts";
import { meeting, member, roster, speakAndFinish, startCommand } from "./fixtures.ts";

const ids = (turns: Array<{ userId: string }>) => turns.map((t) => t.userId);

describe("speaking order (末位发言制)", () => {
  it("has the proposer present, then the lowest rank upward, and the principal last", () => {
    const order = speakingOrder({ roster: roster(7), proposerId: "U4", absent: [], recused: [] });
    expect(ids(order)).toEqual(["U4", "U7", "U6", "U5", "U3", "U2", "U1"]);
    expect(order.map((t) => t.kind)).toEqual([
      "proposal",
      "statement",
      "statement",
      "statement",
      "statement",
      "statement",
      "conclusion",
    ]);
  });

  it("leaves out absent and recused members", () => {
    const order = speakingOrder({ roster: roster(7), proposerId: "U4", absent: ["U6"], recused: ["U2"] });
    expect(ids(order)).toEqual(["U4", "U7", "U5", "U3", "U1"]);
  });

  it("has a principal who proposes present first and conclude last", () => {
    const order = speakingOrder({ roster: roster(7), proposerId: "U1", absent: [], recused: [] });
    expect(ids(order)).toEqual(["U1", "U7", "U6", "U5", "U4", "U3", "U2", "U1"]);
    expect(order[0]?.kind).toBe("proposal");
    expect(order.at(-1)?.kind).toBe("conclusion");
  });

  it("ends without a conclusion when the principal is absent or recused", () => {
    expect(ids(speakingOrder({ roster: roster(5), proposerId: "U3", absent: ["U1"], recused: [] }))).toEqual([
      "U3",
      "U5",
      "U4",
      "U2",
    ]);
    expect(ids(speakingOrder({ roster: roster(5), proposerId: "U3", absent: [], recused: ["U1"] }))).toEqual([
      "U3",
      "U5",
      "U4",
      "U2",
    ]);
  });

  it("follows ranks, not the order the roster is listed in", () => {
    const shuffled = [5, 2, 7, 1, 3, 6, 4].map((rank) => member(rank));
    expect(ids(speakingOrder({ roster: shuffled, proposerId: "U7", absent: [], recused: [] }))).toEqual([
      "U7",
      "U6",
      "U5",
      "U4",
      "U3",
      "U2",
      "U1",
    ]);
  });
});

describe("a round without the principal", () => {
  it("opens the vote after the last other member and records that nobody concluded", () => {
    const m = meeting(startCommand({ roster: roster(5), proposerId: "U3", absent: ["U1"] }));
    expect(m.state.noConcludingStatement).toBe(true);
    for (let i = 0; i < 4; i++) speakAndFinish(m, 10 * (i + 1));
    expect(m.state.phase).toBe("voting");
    expect(m.events.at(-1)).toEqual({
      type: "voting_opened",
      at: expect.any(String),
      eligibleVoters: ["U2", "U3", "U4", "U5"],
      concluded: false,
      deadline: expect.any(String),
    });
  });

  it("calls the principal who proposed twice: to present and to conclude", () => {
    const m = meeting(startCommand({ roster: roster(3), proposerId: "U1", chairId: "U1" }));
    expect(m.state.facts?.proposerIsPrincipal).toBe(true);
    const called: string[] = [m.state.current?.userId ?? ""];
    for (let i = 0; i < 4; i++) {
      speakAndFinish(m, 10 * (i + 1));
      if (m.state.current) called.push(m.state.current.userId);
    }
    expect(called).toEqual(["U1", "U3", "U2", "U1"]);
    expect(m.events.filter((e) => e.type === "principal_concluded")).toHaveLength(1);
    expect(m.state.phase).toBe("voting");
    expect(m.state.noConcludingStatement).toBe(false);
  });
});
