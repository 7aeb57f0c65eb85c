/**
 * Postgres refuses a NUL character and a lone UTF-16 surrogate in text and jsonb, so a reply or a
 * command containing one could never be written down: Slack would be answered 500 and redeliver it
 * for ever, and the statement would be lost. Both are replaced by U+FFFD (the replacement
 * character, shown as �), so the rest of what the person typed is kept and the gap stays visible.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point.
const NOT_STORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(NOT_STORABLE, "\uFFFD");
}

/** A copy of a parsed request body with every string made storable; the body itself if none needed it. */
export function storableBody<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableBody) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableBody(v)])) as T;
  }
  return value;
}
