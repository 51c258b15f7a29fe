/** Missing-rate change between a reference and a current sample (NaN marks missing). */

/** Missing rates of both samples and their difference (current − reference). */
export interface MissingRateChange {
  reference: number;
  current: number;
  change: number;
}

/** Share of non-finite values (NaN when the sample is empty). */
export function missingRate(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  let missing = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) missing++;
  return missing / values.length;
}

/**
 * How much more often the value is missing now than in the reference.
 * @example
 * ```ts
 * import { missingRateChange } from "./missing.ts";
 * const change = missingRateChange([1, NaN, 3, 4], [NaN, NaN, 3, 4]);
 * if (change.change !== 0.25) throw new Error(`expected 0.25, got ${change.change}`);
 * ```
 */
export function missingRateChange(
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): MissingRateChange {
  const ref = missingRate(reference);
  const cur = missingRate(current);
  return { reference: ref, current: cur, change: cur - ref };
}

/**
 * {@link missingRateChange} with the reference given as counts (a sketch's): the same
 * value as from the reference's values.
 */
export function missingRateChangeFromCounts(
  reference: { rows: number; missing: number },
  current: ArrayLike<number>,
): MissingRateChange {
  const ref = reference.rows === 0 ? NaN : reference.missing / reference.rows;
  const cur = missingRate(current);
  return { reference: ref, current: cur, change: cur - ref };
}
