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
 * ```ts
 * import { computeCuts, FLOAT32_MAX } from "./binning.ts";
 * const cuts = computeCuts(new Float64Array([1, 2, 3]), 255);
 * if (cuts.join() !== [1.5, 2.5, FLOAT32_MAX].join()) throw new Error(`got ${cuts}`);
 * ```
 */
export function computeCuts(column: Float64Array, maxBin: number, rows?: Uint32Array): number[] {
  const values = sortedFloat32Values(column, rows);
  const n = values.length;
  const cuts: number[] = [];
  let distinctCount = 0;
  for (let i = 0; i < n; i++) if (i === 0 || values[i] !== values[i - 1]) distinctCount++;
  // One bin is kept for values at or above FLOAT32_MAX, so maxBin - 1 bins hold the data.
  const dataBins = maxBin - 1;
  if (distinctCount <= dataBins) {
    for (let i = 1; i < n; i++) {
      if (values[i] !== values[i - 1]) cuts.push(cutBetween(values[i - 1], values[i]));
    }
  } else {
    // Greedy quantiles: close a bin once it holds its share of the rows still unbinned.
    let taken = 0;
    for (let i = 1; i < n && cuts.length < dataBins - 1; i++) {
      if (values[i] === values[i - 1]) continue;
      const perBin = (n - taken) / (dataBins - cuts.length);
      if (i - taken >= perBin) {
        cuts.push(cutBetween(values[i - 1], values[i]));
        taken = i;
      }
    }
  }
  const top = n > 0 ? values[n - 1] : -Infinity;
  if (top < FLOAT32_MAX) cuts.push(FLOAT32_MAX);
  return cuts;
}

/** A float32 strictly above `low` and at most `high` (both float32), near their middle. */
function cutBetween(low: number, high: number): number {
  const mid = Math.fround(low / 2 + high / 2);
  return mid > low && mid <= high ? mid : high;
}

/**
 * Non-missing values of the column (or of the given rows) as float32, ascending, with
 * -0 folded into 0. An LSD radix sort on order-preserving keys: typed-array sort is the
 * slowest part of binning otherwise.
 */
function sortedFloat32Values(column: Float64Array, rows?: Uint32Array): Float32Array {
  const n = rows ? rows.length : column.length;
  const floats = new Float32Array(n);
  let count = 0;
  for (let k = 0; k < n; k++) {
    const x = column[rows ? rows[k] : k];
    if (x === x) floats[count++] = x === 0 ? 0 : x;
  }
  const keys = new Int32Array(floats.buffer, 0, count);
  for (let i = 0; i < count; i++) keys[i] = orderedKey(keys[i]);
  const sorted = radixSort(keys);
  const out = new Float32Array(count);
  const outBits = new Int32Array(out.buffer);
  for (let i = 0; i < count; i++) outBits[i] = floatBits(sorted[i]);
  return out;
}

const SIGN = -2147483648;

/**
 * Maps float32 bits (as int32) to a key whose unsigned order is the floats' order.
 * Everything stays int32 so V8 keeps it unboxed.
 */
function orderedKey(bits: number): number {
  return bits < 0 ? ~bits : bits ^ SIGN;
}

function floatBits(key: number): number {
  return key < 0 ? key ^ SIGN : ~key;
}

function radixSort(keys: Int32Array): Int32Array {
  let from: Int32Array = keys;
  let to: Int32Array = new Int32Array(keys.length);
  const counts = new Int32Array(2048);
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < from.length; i++) counts[(from[i] >>> shift) & 2047]++;
    let total = 0;
    for (let d = 0; d < 2048; d++) {
      const c = counts[d];
      counts[d] = total;
      total += c;
    }
    for (let i = 0; i < from.length; i++) to[counts[(from[i] >>> shift) & 2047]++] = from[i];
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
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

/**
 * Writes the bin of every value of `column` into `out` (same result as binOf). A table
 * over the top 16 bits of each value's order key narrows the cuts to search to the few
 * sharing that prefix.
 */
export function binColumn(column: Float64Array, cuts: number[], out: Uint8Array): void {
  const edges = Float64Array.from(cuts);
  const edgeKeys = new Int32Array(Float32Array.from(cuts, (c) => (c === 0 ? 0 : c)).buffer);
  // below[p] = number of cuts whose key is under p << 16, i.e. below every value with prefix p.
  const below = new Uint16Array(65537);
  let passed = 0;
  for (let p = 0; p <= 65536; p++) {
    while (passed < edgeKeys.length && orderedKey(edgeKeys[passed]) >>> 16 < p) passed++;
    below[p] = passed;
  }
  const missingBin = cuts.length + 1;
  const chunk = new Float32Array(4096);
  const chunkBits = new Int32Array(chunk.buffer);
  for (let from = 0; from < column.length; from += chunk.length) {
    const size = Math.min(chunk.length, column.length - from);
    chunk.set(size === chunk.length ? column.subarray(from, from + size) : column.subarray(from));
    for (let k = 0; k < size; k++) {
      const fx = chunk[k];
      if (fx !== fx) {
        out[from + k] = missingBin;
        continue;
      }
      const bits = fx === 0 ? 0 : chunkBits[k];
      const prefix = (bits < 0 ? ~bits : bits ^ SIGN) >>> 16;
      let lo = below[prefix];
      let hi = below[prefix + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (edges[mid] <= fx) lo = mid + 1;
        else hi = mid;
      }
      out[from + k] = lo;
    }
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
