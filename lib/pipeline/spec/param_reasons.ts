/**
 * Why a stage's params make it stale, key by key: a stage that names a whole section
 * (`params: [train]`) is told which dotted key inside it changed
 * (`param train.gbdt.max_depth 4 → 6`), not the section's old and new JSON.
 */
import { canonicalJson } from "../store/canonical_json.ts";

/** Longest value shown in a reason; longer ones end in "…". */
export const MAX_REASON_VALUE = 60;

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Formats a param value for a reason: numbers and booleans bare, strings quoted, long ones elided. */
export function formatParamValue(value: unknown): string {
  if (value === undefined) return "(unset)";
  const text = typeof value === "string" ? JSON.stringify(value) : canonicalJson(value);
  return text.length > MAX_REASON_VALUE ? `${text.slice(0, MAX_REASON_VALUE - 1)}…` : text;
}

function compare(key: string, before: unknown, after: unknown, reasons: string[]): void {
  if (isMapping(before) && isMapping(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const child of keys) {
      const dotted = `${key}.${child}`;
      if (!Object.hasOwn(after, child)) {
        reasons.push(`param ${dotted} removed (was ${formatParamValue(before[child])})`);
      } else if (!Object.hasOwn(before, child)) {
        reasons.push(`param ${dotted} added (${formatParamValue(after[child])})`);
      } else compare(dotted, before[child], after[child], reasons);
    }
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) {
    reasons.push(`param ${key} ${formatParamValue(before)} → ${formatParamValue(after)}`);
  }
}

/**
 * Compares the named params' current values with the locked ones (both keyed by the
 * dotted keys the stage names), descending into mappings; sorted by key.
 * @example
 * ```ts
 * import { paramReasons } from "./param_reasons.ts";
 * paramReasons({ train: { eta: 0.05 } }, { train: { eta: 0.1 } }); // ["param train.eta 0.1 → 0.05"]
 * ```
 */
export function paramReasons(
  current: Record<string, unknown>,
  locked: Record<string, unknown>,
): string[] {
  const reasons: string[] = [];
  const keys = [...new Set([...Object.keys(locked), ...Object.keys(current)])].sort();
  for (const key of keys) {
    if (!Object.hasOwn(current, key)) {
      reasons.push(`param ${key} removed (was ${formatParamValue(locked[key])})`);
    } else if (!Object.hasOwn(locked, key)) {
      reasons.push(`param ${key} added (${formatParamValue(current[key])})`);
    } else compare(key, locked[key], current[key], reasons);
  }
  return reasons;
}
