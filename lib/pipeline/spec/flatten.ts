/** Nested mappings (params, metrics JSON) flattened to dotted keys for tables and diffs. */

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Flattens nested mappings into dotted keys; lists and scalars are leaves. Keys come in
 * document order.
 * @example
 * ```ts
 * import { flattenKeys } from "./flatten.ts";
 * const flat = flattenKeys({ train: { eta: 0.1, cols: [1, 2] } });
 * if (flat["train.eta"] !== 0.1) throw new Error(JSON.stringify(flat)); // "train.cols": [1, 2]
 * ```
 */
export function flattenKeys(value: unknown, prefix = ""): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  if (!isMapping(value)) {
    if (prefix !== "") flat[prefix] = value;
    return flat;
  }
  for (const [key, child] of Object.entries(value)) {
    const dotted = prefix === "" ? key : `${prefix}.${key}`;
    if (isMapping(child) && Object.keys(child).length > 0) {
      Object.assign(flat, flattenKeys(child, dotted));
    } else {
      flat[dotted] = child;
    }
  }
  return flat;
}

/**
 * Flattens mappings and lists alike into dotted keys (list items by index), so every
 * value is a scalar or an empty container. Keys come in document order.
 * @example
 * ```ts
 * import { flattenLeaves } from "./flatten.ts";
 * const flat = flattenLeaves({ checks: [{ value: 0.7 }] });
 * if (flat["checks.0.value"] !== 0.7) throw new Error(JSON.stringify(flat));
 * ```
 */
export function flattenLeaves(value: unknown, prefix = ""): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const entries = Array.isArray(value)
    ? value.map((child, i) => [String(i), child] as const)
    : isMapping(value)
    ? Object.entries(value)
    : undefined;
  if (entries === undefined) {
    if (prefix !== "") flat[prefix] = value;
    return flat;
  }
  for (const [key, child] of entries) {
    const dotted = prefix === "" ? key : `${prefix}.${key}`;
    const nonEmpty = Array.isArray(child)
      ? child.length > 0
      : isMapping(child) && Object.keys(child).length > 0;
    if (nonEmpty) {
      Object.assign(flat, flattenLeaves(child, dotted));
    } else {
      flat[dotted] = child;
    }
  }
  return flat;
}

/** Formats a leaf value for a table cell: strings as they are, the rest as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}
