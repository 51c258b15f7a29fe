/**
 * Correlation of two paired samples: Pearson's r on the values, Spearman's ρ as Pearson's
 * r on their ranks (ties take their average rank, as scipy.stats.spearmanr does). Pairs
 * where either value is not finite are left out. NaN when fewer than two pairs remain or
 * a side is constant (the coefficient is undefined there).
 */

/**
 * Pearson's correlation coefficient of `x` and `y`, pair by pair.
 * @example
 * ```ts
 * import { pearson } from "./correlation.ts";
 * const r = pearson([1, 2, 3, 4], [2, 4, 6, 8]);
 * if (Math.abs(r - 1) > 1e-12) throw new Error(`expected 1, got ${r}`);
 * ```
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = finitePairs(x, y);
  const n = a.length;
  if (n < 2) return NaN;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= n;
  meanB /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - meanA;
    const db = b[i] - meanB;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return NaN;
  // Rounding can push a perfect correlation a hair past ±1.
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * Spearman's rank correlation of `x` and `y`, pair by pair.
 * @example
 * ```ts
 * import { spearman } from "./correlation.ts";
 * const rho = spearman([1, 2, 3, 4], [1, 8, 27, 64]); // monotone, not linear
 * if (rho !== 1) throw new Error(`expected 1, got ${rho}`);
 * ```
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const [a, b] = finitePairs(x, y);
  return pearson(averageRanks(a), averageRanks(b));
}

/** 1-based ranks of `values`, ties sharing the mean of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

function finitePairs(x: ArrayLike<number>, y: ArrayLike<number>): [Float64Array, Float64Array] {
  if (x.length !== y.length) {
    throw new RangeError(`Cannot correlate samples: lengths ${x.length} and ${y.length} differ`);
  }
  const keep: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) keep.push(i);
  }
  return [Float64Array.from(keep, (i) => x[i]), Float64Array.from(keep, (i) => y[i])];
}
