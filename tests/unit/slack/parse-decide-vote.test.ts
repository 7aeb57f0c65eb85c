import { describe, expect, it } from "vitest";
import { parseDecide } from "../../../src/slack/commands/decide/parse.ts";

describe("/decide --vote", () => {
  it("takes the vote's length or 'live' anywhere after the proposer, in English or Chinese, and leaves the matter as typed", () => {
    expect(parseDecide("funds <@U0WANG0001> Repair the bridge --vote 4h")).toEqual({
      kind: "start",
      args: {
        category: "funds",
        proposerId: "U0WANG0001",
        matter: "Repair the bridge",
        nominees: [],
        vote: { seconds: 4 * 3600 },
      },
    });
    const zh = parseDecide("资金 <@U0WANG0001> --表决时限 现场 县医院改造");
    expect(zh).toMatchObject({
      kind: "start",
      args: { matter: "县医院改造", vote: { untilAllVoted: true } },
    });
    expect(parseDecide("funds <@U0WANG0001> Repair the bridge")).toMatchObject({
      kind: "start",
      args: { matter: "Repair the bridge" },
    });
  });

  it("refuses a length it cannot read, with the allowed range", () => {
    expect(parseDecide("funds <@U0WANG0001> Repair the bridge --vote soon")).toEqual({
      kind: "error",
      key: "error.invalidVoteSeconds",
    });
  });
});
