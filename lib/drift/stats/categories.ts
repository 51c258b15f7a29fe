/**
 * Categorical features are stored as integer codes into the manifest's levels (NaN for
 * missing or unknown). These count the codes and compute PSI over categories instead of
 * quantile bins.
 */

/** Counts of each code 0..levels−1; NaN and out-of-range codes are left out. */
export function categoryCounts(codes: ArrayLike<number>, levels: number): Float64Array {
  const counts = new Float64Array(levels);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (Number.isInteger(c) && c >= 0 && c < levels) counts[c]++;
  }
  return counts;
}

/** One category's share in each sample and its PSI term. */
export interface CategoryBin {
  /** The category level. */
  label: string;
  referenceShare: number;
  currentShare: number;
  contribution: number;
}

/**
 * PSI over categories: Σ (c − r) · ln(c / r) with shares floored at `epsilon`.
 * @example
 * ```ts
 * import { categoricalPsi } from "./categories.ts";
 * const { value } = categoricalPsi([50, 50], [50, 50], ["F", "M"]);
 * if (value !== 0) throw new Error(`expected 0, got ${value}`);
 * ```
 */
export function categoricalPsi(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
  levels: readonly string[],
  epsilon = 1e-4,
): { value: number; bins: CategoryBin[] } {
  const refTotal = total(referenceCounts);
  const curTotal = total(currentCounts);
  const bins = levels.map((level, k) => {
    const r = refTotal === 0 ? 0 : referenceCounts[k] / refTotal;
    const c = curTotal === 0 ? 0 : currentCounts[k] / curTotal;
    const rs = Math.max(r, epsilon);
    const cs = Math.max(c, epsilon);
    return {
      label: level,
      referenceShare: r,
      currentShare: c,
      contribution: (cs - rs) * Math.log(cs / rs),
    };
  });
  return { value: bins.reduce((s, b) => s + b.contribution, 0), bins };
}

function total(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
