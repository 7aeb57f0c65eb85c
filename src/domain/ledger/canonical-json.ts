/**
 * JSON with object keys sorted, so that the same value always gives the same text and the same
 * hash, whatever order its keys were built or read back in (JSONB reorders them). Undefined object
 * properties are left out, as JSON.stringify does; values JSON cannot carry faithfully (NaN,
 * Infinity, undefined in arrays, functions, bigints) are refused rather than silently changed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not JSON`);
      return JSON.stringify(value);
    case "object":
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item: unknown) => {
        if (item === undefined) throw new TypeError("canonicalJson: undefined in an array is not JSON");
        return canonicalJson(item);
      })
      .join(",")}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
