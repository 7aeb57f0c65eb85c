import { describe, expect, it } from "vitest";
import { CATALOGS, plural, t, translator } from "../../../src/i18n/translate.ts";

const zh = Object.entries(CATALOGS["zh-CN"]);

/** The Chinese prose of a message: code spans, placeholders, mentions, links and emoji codes taken out. */
function prose(text: string): string {
  return text
    .replace(/`[^`]*`/g, " ")
    .replace(/\{\w+, plural, one \{[^{}]*\} other \{[^{}]*\}\}/g, " ")
    .replace(/\{\w+\}/g, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/:[a-z_]+:/g, " ")
    .replace(/\*/g, "");
}

describe("the Chinese catalog reads as an office writes", () => {
  it("uses Chinese punctuation next to Chinese text, not ASCII , ; : . ? ! ( )", () => {
    const han = "[\\u4e00-\\u9fff]";
    const ascii = "[,;:.?!()]";
    const pattern = new RegExp(`${han}\\s*${ascii}(?![\\w/])|(?<![\\w/])${ascii}\\s*${han}`);
    const offending = zh
      .filter(([, text]) => pattern.test(prose(text)))
      .map(([key, text]) => `${key}: ${text}`);
    expect(offending).toEqual([]);
  });

  it("addresses the reader as 您 throughout, never 你", () => {
    expect(zh.filter(([, text]) => text.includes("你")).map(([key]) => key)).toEqual([]);
  });

  it("uses the terms of the rules, not the words that read wrong to an official", () => {
    const all = zh.map(([, text]) => text).join("\n");
    for (const wrong of ["纪检监督", "秘书", "介绍议题", "法定人数", "对本议题负责", "放弃发言"])
      expect(all, wrong).not.toContain(wrong);
    expect(CATALOGS["zh-CN"]["role.discipline"]).toBe("纪检负责人");
    expect(CATALOGS["zh-CN"]["role.secretary"]).toBe("会议记录人");
    expect(all).toContain("首提人对所提议题终身负责");
    expect(all).toContain("汇报议题并提出具体意见");
    expect(all).toContain("到会人数不足");
  });

  it("does not call a snoozed check-in and a deferred vote by the same word", () => {
    expect(CATALOGS["zh-CN"]["checkin.status.snoozed"]).not.toContain("暂缓");
    expect(CATALOGS["zh-CN"]["ledger.outcome.deferred"]).toContain("暂缓");
  });
});

describe("lists and plurals", () => {
  it("joins lists with 、 in Chinese and with commas in English", () => {
    expect(translator("zh-CN").list(["财务", "人事", "工程项目"])).toBe("财务、人事、工程项目");
    expect(translator("en").list(["finance", "personnel"])).toBe("finance, personnel");
  });

  it("picks the English form for the number and keeps Chinese as it is", () => {
    expect(plural("en", 1, { one: "# secret ballot", other: "# secret ballots" })).toBe("1 secret ballot");
    expect(plural("en", 3, { one: "# secret ballot", other: "# secret ballots" })).toBe("3 secret ballots");
    expect(plural("zh-CN", 1, { one: "# 张", other: "# 张" })).toBe("1 张");
  });

  it("fills a plural placeholder inside a catalog message", () => {
    expect(t("en", "vote.receiptCounted", { number: 4, ballots: 1 })).toContain("1 ballot");
    expect(t("en", "vote.receiptCounted", { number: 4, ballots: 5 })).toContain("5 ballots");
  });
});
