import { en, type MessageKey } from "./en.ts";
import type { Locale } from "./locales.ts";
import { zhCN } from "./zh-CN.ts";

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

/** Fills `{name}` placeholders. A placeholder with no value stays visible, so a gap is noticed. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return CATALOGS[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : String(params[name]),
  );
}

export function translator(locale: Locale): Translate {
  return (key, params) => t(locale, key, params);
}

/** Every key's placeholders, for the test that checks both catalogs agree. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

export { CATALOGS };
