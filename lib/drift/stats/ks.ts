/**
 * Two-sample Kolmogorov–Smirnov test for numeric drift: the largest gap between the
 * empirical CDFs of the reference and the current sample, with the asymptotic p-value
 * (Kolmogorov distribution with Stephens' small-sample correction, as in Numerical
 * Recipes' `kstwo`). Missing values are left out; the missing-rate change is its own metric.
 */

/** The KS statistic D, its p-value and the sample sizes it was computed on. */
export interface KsResult {
  statistic: number;
  pValue: number;
  referenceCount: number;
  currentCount: number;
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
  const en = Math.sqrt((a.length * b.length) / (a.length + b.length));
  const pValue = kolmogorovSurvival((en + 0.12 + 0.11 / en) * statistic);
  return { statistic, pValue, referenceCount: a.length, currentCount: b.length };
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

function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out.push(values[i]);
  return Float64Array.from(out).sort();
}
