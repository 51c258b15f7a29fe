/**
 * Canonical JSON: object keys sorted at every level, so equal values give equal text (and
 * equal hashes). Apart from hash.ts so the no-op path can use it without loading
 * node:crypto.
 */

/**
 * Serialises a value to JSON with object keys sorted at every level, so equal values
 * always give equal text (and equal hashes).
 * @example
 * ```ts
 * import { canonicalJson } from "./canonical_json.ts";
 * const text = canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] });
 * if (text !== '{"a":[2,{"c":4,"d":3}],"b":1}') throw new Error(text);
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}
