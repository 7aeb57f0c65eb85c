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
  // Built with plain loops: every ledger entry is hashed through here when it is appended and
  // again for each `ledger verify`, where the tuples and closures of entries/filter/map showed.
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) throw new TypeError("canonicalJson: undefined in an array is not JSON");
      out += i === 0 ? canonicalJson(item) : `,${canonicalJson(item)}`;
    }
    return `${out}]`;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as `<` does on strings.
  const keys = Object.keys(record).sort();
  let out = "{";
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length === 1 ? "" : ","}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
