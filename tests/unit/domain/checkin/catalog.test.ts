import { describe, expect, it } from "vitest";
import { checkinEn } from "../../../../src/i18n/catalog/checkin.en.ts";
import { checkinZhCN } from "../../../../src/i18n/catalog/checkin.zh-CN.ts";
import { placeholders } from "../../../../src/i18n/translate.ts";
import { CHECKIN_STATUSES } from "../../../../src/domain/checkin/status.ts";
import { SNOOZE_CHOICES } from "../../../../src/domain/checkin/status.ts";

describe("check-in catalogs", () => {
  it("give the same keys in both languages", () => {
    expect(Object.keys(checkinZhCN).sort()).toEqual(Object.keys(checkinEn).sort());
  });

  it("give every key a text with the same placeholders", () => {
    for (const key of Object.keys(checkinEn) as (keyof typeof checkinEn)[]) {
      expect(key.startsWith("checkin."), key).toBe(true);
      expect(checkinEn[key], key).toBeTruthy();
      expect(checkinZhCN[key], key).toBeTruthy();
      expect(placeholders(checkinZhCN[key]), key).toEqual(placeholders(checkinEn[key]));
    }
  });

  it("cover every status, snooze choice, quarter and month the code asks for", () => {
    const keys = new Set(Object.keys(checkinEn));
    for (const s of CHECKIN_STATUSES) expect(keys.has(`checkin.status.${s}`), s).toBe(true);
    for (const c of SNOOZE_CHOICES) expect(keys.has(`checkin.snooze.${c}`), c).toBe(true);
    for (const q of [1, 2, 3, 4]) expect(keys.has(`checkin.task.q${q}`)).toBe(true);
    for (let m = 1; m <= 12; m++) expect(keys.has(`checkin.month.${m}`)).toBe(true);
  });

  it("keep modal titles within Slack's 24 characters", () => {
    for (const key of ["checkin.done.modalTitle", "checkin.cannot.modalTitle"] as const) {
      expect(checkinEn[key].length, key).toBeLessThanOrEqual(24);
      expect(checkinZhCN[key].length, key).toBeLessThanOrEqual(24);
    }
  });
});
