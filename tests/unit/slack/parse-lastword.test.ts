import { describe, expect, it } from "vitest";
import { parseLastword, tokenize } from "../../../src/slack/commands/lastword/parse.ts";

describe("/lastword parsing", () => {
  it("keeps quoted titles together, in straight or Chinese quotes", () => {
    expect(tokenize(`roster add <@U1|wang> 2 "Executive Deputy" finance`)).toEqual([
      "roster",
      "add",
      "<@U1|wang>",
      "2",
      "Executive Deputy",
      "finance",
    ]);
    expect(tokenize("roster add <@U1> 2 “常务 副职” 财务")).toEqual([
      "roster",
      "add",
      "<@U1>",
      "2",
      "常务 副职",
      "财务",
    ]);
  });

  it("reads add with a title and a comma list of powers, in English or Chinese", () => {
    expect(parseLastword(`roster add <@U1|wang> 2 "Executive Deputy" finance,personnel`)).toEqual({
      ok: true,
      value: {
        kind: "roster.add",
        userId: "U1",
        rank: 2,
        title: "Executive Deputy",
        powers: ["finance", "personnel"],
        shift: false,
      },
    });
    expect(parseLastword("roster add <@U2> 3 财务、工程项目 --shift")).toEqual({
      ok: true,
      value: {
        kind: "roster.add",
        userId: "U2",
        rank: 3,
        title: null,
        powers: ["finance", "projects"],
        shift: true,
      },
    });
  });

  it("leaves title and powers unset on a bare set", () => {
    expect(parseLastword("roster set <@U1> 4")).toEqual({
      ok: true,
      value: { kind: "roster.set", userId: "U1", rank: 4, shift: false },
    });
  });

  it("says what is wrong with bad input", () => {
    expect(parseLastword("roster add <@U1>")).toMatchObject({
      ok: false,
      error: { key: "error.rankMissing" },
    });
    expect(parseLastword("roster add <@U1> two")).toMatchObject({
      ok: false,
      error: { key: "error.rankNotNumber", params: { value: "two" } },
    });
    expect(parseLastword("roster add @wang 2")).toMatchObject({
      ok: false,
      error: { key: "error.mentionMissing" },
    });
    expect(parseLastword("roster add <@U1> 2 Deputy finance,budget")).toMatchObject({
      ok: false,
      error: { key: "error.unknownPower", params: { word: "budget" } },
    });
    expect(parseLastword("roster sack <@U1>")).toMatchObject({
      ok: false,
      error: { key: "error.unknownSubcommand" },
    });
    expect(parseLastword("policy six")).toMatchObject({ ok: false, error: { key: "error.unknownPolicy" } });
    expect(parseLastword("policy start admins")).toEqual({
      ok: true,
      value: { kind: "policy.start", who: "admins" },
    });
    expect(parseLastword("policy start everyone")).toMatchObject({
      ok: false,
      error: { key: "error.usage" },
    });
    expect(parseLastword("roster role <@U1> boss")).toMatchObject({
      ok: false,
      error: { key: "error.unknownRole" },
    });
  });

  it("takes roles, policies and rules in Chinese as an office types them, as it does in English", () => {
    const same = (zh: string, en: string) => expect(parseLastword(zh), zh).toEqual(parseLastword(en));
    same("名单 role <@U1> 纪检负责人", "roster role <@U1> discipline");
    same("roster role <@U1> 纪委书记", "roster role <@U1> discipline");
    same("roster role <@U1> 会议记录人", "roster role <@U1> secretary");
    same("roster role <@U1> 纪检负责人,会议记录人", "roster role <@U1> discipline,secretary");
    same("roster role <@U1> 无", "roster role <@U1> none");
    same("规则 五不直管", "policy five");
    same("policy 四不直接分管", "policy four");
    same("policy 八不直接分管", "policy eight");
    same("policy 分管上限 ２", "policy max-powers 2");
    same("policy 主要负责人提议 否", "policy principal-proposes no");
    same("policy 主要负责人提议 是", "policy principal-proposes yes");
    same("policy 通过比例 三分之二", "policy threshold two-thirds");
    same("policy 到会人数 过半数 人事", "policy quorum more-than-half personnel");
    same("policy 发起 管理员", "policy start admins");
    same("policy 发言时限 10", "policy turn-minutes 10");
    expect(parseLastword("policy 发起")).toMatchObject({ ok: false, error: { key: "error.usage" } });
    expect(parseLastword("roster role <@U1> 书记")).toMatchObject({
      ok: false,
      error: { key: "error.unknownRole", params: { word: "书记" } },
    });
  });

  it("hands unknown verbs on for other modules to answer", () => {
    expect(parseLastword("ledger verify")).toEqual({
      ok: true,
      value: { kind: "other", words: ["ledger", "verify"] },
    });
    expect(parseLastword("help")).toEqual({ ok: true, value: { kind: "help" } });
    // Alone, it sets up the channel's team (help once the team exists: see the setup form's test).
    expect(parseLastword("")).toEqual({ ok: true, value: { kind: "setup", firstUse: true } });
    expect(parseLastword("roster edit")).toEqual({ ok: true, value: { kind: "setup", firstUse: false } });
  });
});
