import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BOT_SCOPES } from "../../../src/slack/install/installer.ts";

describe("the OAuth install", () => {
  it("asks for the bot scopes the manifest declares, no more and no fewer", () => {
    const manifest = parse(readFileSync(new URL("../../../manifest.yml", import.meta.url), "utf8")) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});
