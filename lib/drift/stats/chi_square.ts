/**
 * Chi-square test of homogeneity for categorical drift: do the reference and the
 * current sample share one distribution over the categories? A 2 × k contingency table
 * of counts; categories empty in both samples are dropped before counting degrees of
 * freedom.
 */
import { regularizedGammaQ } from "./gamma.ts";

/** The χ² statistic, its degrees of freedom and p-value. */
export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
}

/**
 * χ² test on per-category counts of two samples (same category order in both).
 * @example
 * ```ts
 * import { chiSquareTest } from "./chi_square.ts";
 * const { statistic } = chiSquareTest([10, 20], [20, 10]);
 * if (Math.abs(statistic - 20 / 3) > 1e-9) throw new Error(`expected 6.667, got ${statistic}`);
 * ```
 */
export function chiSquareTest(
  referenceCounts: ArrayLike<number>,
  currentCounts: ArrayLike<number>,
): ChiSquareResult {
  if (referenceCounts.length !== currentCounts.length) {
    throw new RangeError(
      `Cannot run a chi-square test: ${referenceCounts.length} reference categories ` +
        `but ${currentCounts.length} current ones`,
    );
  }
  const refTotal = sum(referenceCounts);
  const curTotal = sum(currentCounts);
  const total = refTotal + curTotal;
  let statistic = 0;
  let used = 0;
  for (let k = 0; k < referenceCounts.length; k++) {
    const column = referenceCounts[k] + currentCounts[k];
    if (column === 0) continue;
    used++;
    const expectedRef = (refTotal * column) / total;
    const expectedCur = (curTotal * column) / total;
    statistic += (referenceCounts[k] - expectedRef) ** 2 / expectedRef;
    statistic += (currentCounts[k] - expectedCur) ** 2 / expectedCur;
  }
  const degreesOfFreedom = used - 1;
  if (refTotal === 0 || curTotal === 0 || degreesOfFreedom < 1) {
    return { statistic: refTotal === 0 || curTotal === 0 ? NaN : 0, degreesOfFreedom, pValue: NaN };
  }
  return {
    statistic,
    degreesOfFreedom,
    pValue: chiSquareSurvival(statistic, degreesOfFreedom),
  };
}

/** P(χ²_df > x). */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  return regularizedGammaQ(degreesOfFreedom / 2, x / 2);
}

function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}
