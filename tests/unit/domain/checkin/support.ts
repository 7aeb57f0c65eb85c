import { coreEn } from "../../../../src/i18n/catalog/core.en.ts";
import { coreZhCN } from "../../../../src/i18n/catalog/core.zh-CN.ts";
import { checkinEn } from "../../../../src/i18n/catalog/checkin.en.ts";
import { checkinZhCN } from "../../../../src/i18n/catalog/checkin.zh-CN.ts";
import type { CheckinTranslate } from "../../../../src/domain/checkin/message.ts";
import type { Member } from "../../../../src/domain/roster/member.ts";

// The check-in catalog is not wired into en.ts / zh-CN.ts by this module, so tests translate from
// the catalog files directly, the same way src/i18n/translate.ts does.
function translator(catalog: Record<string, string>): CheckinTranslate {
  return (key, params = {}) => {
    const text = catalog[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
  };
}

export const trEn = translator({ ...coreEn, ...checkinEn });
export const trZh = translator({ ...coreZhCN, ...checkinZhCN });

export const member = (userId: string, rank: number, extra: Partial<Member> = {}): Member => ({
  userId,
  rank,
  title: null,
  powers: [],
  roles: [],
  ...extra,
});

export const iso = (d: Date) => d.toISOString();
