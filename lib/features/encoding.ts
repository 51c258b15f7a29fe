/**
 * Categorical encoding shared by the feature store, the trainer and the server: the
 * levels of a column sorted by code point, a level's code its index, and missing or
 * unknown values NULL. The levels are saved in the manifest so all three agree.
 */

/**
 * Sorts category levels deterministically (by UTF-16 code units, no locale) without
 * duplicates.
 * @example
 * ```ts
 * import { sortLevels } from "./encoding.ts";
 * const levels = sortLevels(["Y", "N"]);
 * if (levels.join() !== "N,Y") throw new Error(`expected N,Y, got ${levels}`);
 * ```
 */
export function sortLevels(levels: Iterable<string>): string[] {
  return [...new Set(levels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The code of a value (its index in `levels`), or null when missing or unknown. */
export function encodeLevel(
  value: string | null | undefined,
  levels: readonly string[],
): number | null {
  if (value === null || value === undefined) return null;
  const code = levels.indexOf(value);
  return code === -1 ? null : code;
}

/** The level a code stands for, or null when the code is missing or out of range. */
export function decodeLevel(
  code: number | null | undefined,
  levels: readonly string[],
): string | null {
  if (code === null || code === undefined || !Number.isInteger(code)) return null;
  return levels[code] ?? null;
}
