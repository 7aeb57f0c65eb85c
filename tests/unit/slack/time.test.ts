import { describe, expect, it } from "vitest";
import { slackDate } from "../../../src/slack/blocks/time.ts";

describe("a time shown in Slack", () => {
  it("is a <!date^…> token (each reader's own timezone) whose fallback is the team's time, zone named", () => {
    // 2026-12-02T01:13:40Z is 1796174020 s after the epoch, and 09:13 in Beijing.
    expect(slackDate("2026-12-02T01:13:40Z", "Asia/Shanghai")).toBe(
      "<!date^1796174020^{date_num} {time}|2026-12-02 09:13 (Asia/Shanghai)>",
    );
    expect(slackDate("2026-12-02T01:13:40Z", "UTC")).toBe(
      "<!date^1796174020^{date_num} {time}|2026-12-02 01:13 (UTC)>",
    );
  });
});
