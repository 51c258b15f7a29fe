/**
 * Quantile binning. Each feature gets ascending float32 cut points; a value's bin is
 * the number of cuts at or below Math.fround(x), so "bin <= b" is exactly
 * "Math.fround(x) < cuts[b]", the predicate the tree format uses. NaN gets its own bin
 * after the value bins. The last cut is always the largest float32, so the split
 * "every value left, missing right" has a finite threshold.
 */
import type { Rng } from "../../random/mod.ts";

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Ascending float32 cut points for one column, at most maxBin - 1 of them, from the
 * given rows (all rows when omitted).
 * @example
 * computeCuts(new Float64Array([1, 2, 3]), 255); // [1.5, 2.5, FLOAT32_MAX]
 */
export function computeCuts(column: Float64Array, maxBin: number, rows?: Uint32Array): number[] {
  const values = sortedFloat32Values(column, rows);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  // One bin is kept for values at or above FLOAT32_MAX, so maxBin - 1 bins hold the data.
  const dataBins = maxBin - 1;
  if (distinct.length <= dataBins) {
    for (let k = 0; k + 1 < distinct.length; k++) {
      cuts.push(cutBetween(distinct[k], distinct[k + 1]));
    }
  } else {
    let taken = 0;
    let cumulative = 0;
    for (let k = 0; k + 1 < distinct.length && cuts.length < dataBins - 1; k++) {
      cumulative += counts[k];
      const perBin = (values.length - taken) / (dataBins - cuts.length);
      if (cumulative - taken >= perBin) {
        cuts.push(cutBetween(distinct[k], distinct[k + 1]));
        taken = cumulative;
      }
    }
  }
  const top = distinct.length > 0 ? distinct[distinct.length - 1] : -Infinity;
  if (top < FLOAT32_MAX) cuts.push(FLOAT32_MAX);
  return cuts;
}

/** A float32 strictly above `low` and at most `high` (both float32), near their middle. */
function cutBetween(low: number, high: number): number {
  const mid = Math.fround(low / 2 + high / 2);
  return mid > low && mid <= high ? mid : high;
}

function sortedFloat32Values(column: Float64Array, rows?: Uint32Array): Float32Array {
  const n = rows ? rows.length : column.length;
  const out = new Float32Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const x = column[rows ? rows[k] : k];
    if (x === x) out[count++] = x;
  }
  return out.subarray(0, count).sort();
}

/** The bin of one value under the given cuts; NaN maps to cuts.length + 1. */
export function binOf(cuts: ArrayLike<number>, x: number): number {
  if (x !== x) return cuts.length + 1;
  const fx = Math.fround(x);
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid] <= fx) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Writes the bin of every value of `column` into `out`. */
export function binColumn(column: Float64Array, cuts: number[], out: Uint8Array): void {
  const edges = Float64Array.from(cuts);
  const missingBin = cuts.length + 1;
  const last = edges.length;
  for (let i = 0; i < column.length; i++) {
    const x = column[i];
    if (x !== x) {
      out[i] = missingBin;
      continue;
    }
    const fx = Math.fround(x);
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid] <= fx) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
}

/** Rows chosen (seeded, ascending) to compute the cuts from, or undefined for all rows. */
export function sampleBinningRows(rows: number, limit: number, rng: Rng): Uint32Array | undefined {
  if (rows <= limit) return undefined;
  const pool = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) pool[i] = i;
  for (let i = 0; i < limit; i++) {
    const j = i + Math.floor(rng.float() * (rows - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.slice(0, limit).sort();
}
