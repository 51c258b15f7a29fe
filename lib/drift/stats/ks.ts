/**
 * Two-sample Kolmogorov–Smirnov test for numeric drift: the largest gap between the
 * empirical CDFs of the reference and the current sample, with the asymptotic p-value
 * (Kolmogorov distribution with Stephens' small-sample correction, as in Numerical
 * Recipes' `kstwo`). Missing values are left out; the missing-rate change is its own metric.
 */
import { sortedFinite } from "./psi.ts";

/** The KS statistic D, its p-value and the sample sizes it was computed on. */
export interface KsResult {
  statistic: number;
  pValue: number;
  referenceCount: number;
  currentCount: number;
  /**
   * With a reference sketch that kept only some CDF points: the most `statistic` can differ
   * from the exact statistic (the p-value is that of `statistic`). Absent when exact.
   */
  statisticBound?: number;
}

/** A reference's empirical CDF: distinct values ascending, counts of values ≤ each. */
export interface ReferenceCdf {
  cdfValues: ArrayLike<number>;
  cdfCounts: ArrayLike<number>;
  /** Bound on the error of the statistic from kept points only (0: every value kept). */
  ksBound: number;
}

/**
 * Two-sample KS test of `current` against `reference` (finite values only).
 * @example
 * ```ts
 * import { ksTest } from "./ks.ts";
 * const { statistic } = ksTest([1, 2, 3, 4], [3, 4, 5, 6]);
 * if (statistic !== 0.5) throw new Error(`expected 0.5, got ${statistic}`);
 * ```
 */
export function ksTest(reference: ArrayLike<number>, current: ArrayLike<number>): KsResult {
  const a = sortedFinite(reference);
  const b = sortedFinite(current);
  if (a.length === 0 || b.length === 0) {
    return { statistic: NaN, pValue: NaN, referenceCount: a.length, currentCount: b.length };
  }
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (i < a.length && j < b.length) {
    // Step both CDFs past every copy of the smaller value so ties move together.
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    statistic = Math.max(statistic, Math.abs(i / a.length - j / b.length));
  }
  return withPValue(statistic, a.length, b.length);
}

/**
 * KS test of `current` against a reference given as its CDF points. With every distinct
 * reference value kept it equals {@link ksTest} exactly; with some kept, the reference CDF
 * between two kept points is taken at the lower one, off by at most `ksBound`, so the
 * statistic is within `ksBound` of the exact one (|sup f − sup g| ≤ sup |f − g|).
 * @example
 * ```ts
 * import { ksAgainstCdf } from "./ks.ts";
 * const reference = { cdfValues: [1, 2, 3, 4], cdfCounts: [1, 2, 3, 4], ksBound: 0 };
 * const { statistic } = ksAgainstCdf(reference, [3, 4, 5, 6]);
 * if (statistic !== 0.5) throw new Error(`expected 0.5, got ${statistic}`);
 * ```
 */
export function ksAgainstCdf(reference: ReferenceCdf, current: ArrayLike<number>): KsResult {
  const { cdfValues: u, cdfCounts: c } = reference;
  const n = u.length === 0 ? 0 : c[u.length - 1];
  const b = sortedFinite(current);
  if (n === 0 || b.length === 0) {
    return { statistic: NaN, pValue: NaN, referenceCount: n, currentCount: b.length };
  }
  let k = 0;
  let i = 0;
  let j = 0;
  let statistic = 0;
  while (k < u.length && j < b.length) {
    const v = Math.min(u[k], b[j]);
    if (u[k] === v) i = c[k++];
    while (j < b.length && b[j] === v) j++;
    statistic = Math.max(statistic, Math.abs(i / n - j / b.length));
  }
  const result = withPValue(statistic, n, b.length);
  return reference.ksBound > 0 ? { ...result, statisticBound: reference.ksBound } : result;
}

function withPValue(statistic: number, n: number, m: number): KsResult {
  const en = Math.sqrt((n * m) / (n + m));
  const pValue = kolmogorovSurvival((en + 0.12 + 0.11 / en) * statistic);
  return { statistic, pValue, referenceCount: n, currentCount: m };
}

/** P(K > λ) for the Kolmogorov distribution: 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}. */
export function kolmogorovSurvival(lambda: number): number {
  if (lambda < 1e-3) return 1;
  let sum = 0;
  let sign = 1;
  let previous = 0;
  for (let j = 1; j <= 100; j++) {
    const term = sign * Math.exp(-2 * j * j * lambda * lambda);
    sum += term;
    if (Math.abs(term) <= 1e-10 * Math.abs(sum) || Math.abs(term) <= 1e-12 * previous) {
      return Math.min(1, Math.max(0, 2 * sum));
    }
    sign = -sign;
    previous = Math.abs(term);
  }
  return 1;
}
