import { describe, expect, it } from "vitest";
import { en } from "../../../src/i18n/en.ts";
import { matchLocale, pickLocale } from "../../../src/i18n/locales.ts";
import { CATALOGS, placeholders, t } from "../../../src/i18n/translate.ts";

describe("message catalogs", () => {
  it("give every key in both languages with the same placeholders", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(CATALOGS["zh-CN"][key], key).toBeTruthy();
      expect(placeholders(CATALOGS["zh-CN"][key]), key).toEqual(placeholders(en[key]));
    }
  });

  it("fills placeholders", () => {
    expect(t("zh-CN", "roster.added", { user: "U1", rank: 3 })).toBe("<@U1> 已加入班子，排位第 3。");
  });

  it("picks the reader's Slack locale, then the team's, then the default", () => {
    expect(matchLocale("zh-TW")).toBe("zh-CN");
    expect(matchLocale("en-GB")).toBe("en");
    expect(pickLocale({ reader: "fr-FR" }, "zh-CN", "en")).toBe("zh-CN");
    expect(pickLocale({ reader: undefined }, null, "zh-CN")).toBe("zh-CN");
    expect(pickLocale({ reader: "en-US" }, "zh-CN", "zh-CN")).toBe("en");
  });

  it("speaks the team's language in its channel, whatever the readers' locales and the default", () => {
    expect(pickLocale("channel", "zh-CN", "en")).toBe("zh-CN");
    expect(pickLocale("channel", "en", "zh-CN")).toBe("en");
    expect(pickLocale("channel", null, "zh-CN")).toBe("zh-CN");
  });
});
