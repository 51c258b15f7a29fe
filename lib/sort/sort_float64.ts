/**
 * An LSD radix sort for Float64Array: the order of `Float64Array.prototype.sort` (ascending,
 * -0 before +0, NaN last) in linear time. The leakage screen sorts every feature column of
 * the store twice (once per class) and the validation report's CSI sorts each column of both
 * splits; V8's comparison sort spends ~100 ns a value on it.
 */

const SMALL = 512;
const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
/** Bit offset within its 32-bit word of each of the six digits (three in each word). */
const SHIFTS = [0, 11, 22] as const;

/**
 * Sorts `values` in place into the order the native typed-array sort gives.
 * @example
 * ```ts
 * import { sortFloat64 } from "./sort_float64.ts";
 * const values = Float64Array.of(3, -1, 0.5, -0, 0);
 * sortFloat64(values);
 * if (values.join() !== "-1,0,0,0.5,3") throw new Error(`got ${values.join()}`);
 * ```
 */
export function sortFloat64(values: Float64Array): void {
  const n = values.length;
  if (n < SMALL) {
    values.sort();
    return;
  }
  // IEEE 754 bits made unsigned-comparable: flip every bit of a negative, the sign of the
  // rest. NaN payloads all sort last, as the native sort puts NaN last.
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS * 6);
  for (let i = 0; i < n; i++) {
    let l = words[2 * i];
    let h = words[2 * i + 1];
    if (h >= 0x80000000) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    if (Number.isNaN(values[i])) {
      l = 0xffffffff;
      h = 0xffffffff;
    }
    lo[i] = l;
    hi[i] = h;
    counts[l & MASK]++;
    counts[BUCKETS + ((l >>> 11) & MASK)]++;
    counts[2 * BUCKETS + (l >>> 22)]++;
    counts[3 * BUCKETS + (h & MASK)]++;
    counts[4 * BUCKETS + ((h >>> 11) & MASK)]++;
    counts[5 * BUCKETS + (h >>> 22)]++;
  }
  let spareLo = new Uint32Array(n);
  let spareHi = new Uint32Array(n);
  for (let pass = 0; pass < 6; pass++) {
    const base = pass * BUCKETS;
    if (isSingleBucket(counts, base, n)) continue;
    let offset = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const count = counts[base + d];
      counts[base + d] = offset;
      offset += count;
    }
    const shift = SHIFTS[pass % 3];
    const keys = pass < 3 ? lo : hi;
    for (let i = 0; i < n; i++) {
      const at = counts[base + ((keys[i] >>> shift) & MASK)]++;
      spareLo[at] = lo[i];
      spareHi[at] = hi[i];
    }
    [lo, spareLo] = [spareLo, lo];
    [hi, spareHi] = [spareHi, hi];
  }
  for (let i = 0; i < n; i++) {
    let l = lo[i];
    let h = hi[i];
    if (h >= 0x80000000) h = (h & 0x7fffffff) >>> 0;
    else {
      l = ~l >>> 0;
      h = ~h >>> 0;
    }
    words[2 * i] = l;
    words[2 * i + 1] = h;
  }
  // NaN keys were collapsed to one pattern; restore the canonical NaN.
  for (let i = n - 1; i >= 0 && lo[i] === 0xffffffff && hi[i] === 0xffffffff; i--) {
    values[i] = NaN;
  }
}

function isSingleBucket(counts: Uint32Array, base: number, n: number): boolean {
  for (let d = 0; d < BUCKETS; d++) {
    const count = counts[base + d];
    if (count !== 0) return count === n;
  }
  return true;
}
