import { en, type MessageKey } from "./en.ts";
import type { Locale } from "./locales.ts";
import { zhCN } from "./zh-CN.ts";

export type { MessageKey };
export type Params = Record<string, string | number>;

/** Words in one language: a message by key, and the language's way of listing things. */
export interface Translate {
  (key: MessageKey, params?: Params): string;
  readonly locale: Locale;
  /** "a, b, c" in English, "甲、乙、丙" in Chinese. */
  list(items: readonly string[]): string;
}

const CATALOGS: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

const LIST_SEPARATOR: Record<Locale, string> = { en: ", ", "zh-CN": "、" };

// `{count, plural, one {# ballot} other {# ballots}}`: the form for the number, # replaced by it.
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

/** The form of a word for `count` in `locale` (English one/other; Chinese has one form). */
export function plural(locale: Locale, count: number, forms: { one: string; other: string }): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? forms.one : forms.other;
  return form.replaceAll("#", String(count));
}

/** Fills `{name}` placeholders. A placeholder with no value stays visible, so a gap is noticed. */
export function t(locale: Locale, key: MessageKey, params: Params = {}): string {
  return CATALOGS[locale][key]
    .replace(PLURAL, (whole, name: string, one: string, other: string) => {
      const n = params[name];
      return typeof n === "number" ? plural(locale, n, { one, other }) : whole;
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      params[name] === undefined ? whole : String(params[name]),
    );
}

export function translator(locale: Locale): Translate {
  return Object.assign((key: MessageKey, params?: Params) => t(locale, key, params), {
    locale,
    list: (items: readonly string[]) => items.join(LIST_SEPARATOR[locale]),
  });
}

/** Every key's placeholders, plural ones included, for the test that checks both catalogs agree. */
export function placeholders(text: string): string[] {
  const names = [...text.matchAll(PLURAL)].map((m) => m[1]!);
  const plain = [...text.replace(PLURAL, "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  return [...new Set([...names, ...plain])].sort();
}

export { CATALOGS };
