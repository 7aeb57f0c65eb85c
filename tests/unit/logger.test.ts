import { describe, expect, it } from "vitest";
import { createLogger, routeConsoleTo } from "../../src/logger.ts";

describe("the log", () => {
  it("turns what a library prints with console.* into JSON lines, at the matching level", () => {
    const lines: string[] = [];
    const log = createLogger("debug", (line) => lines.push(line));
    const target = {
      log: console.log,
      info: console.info,
      debug: console.debug,
      warn: console.warn,
      error: console.error,
    };
    routeConsoleTo(log, target);
    target.warn("[NODE-CRON] [WARN] missed execution at %s", "Sun Jan 01 2027");
    target.error(new Error("boom"));
    target.log("plain", { n: 1 });
    const parsed = lines.map((l) => JSON.parse(l) as { level: string; msg: string; source: string });
    expect(parsed.map((p) => [p.level, p.source])).toEqual([
      ["warn", "console"],
      ["error", "console"],
      ["info", "console"],
    ]);
    expect(parsed[0]!.msg).toBe("[NODE-CRON] [WARN] missed execution at Sun Jan 01 2027");
    expect(parsed[1]!.msg).toMatch(/^Error: boom/);
    expect(parsed[2]!.msg).toBe("plain { n: 1 }");
  });
});
