/**
 * Jensen–Shannon distance between two discrete distributions: the square root of the
 * JS divergence in bits, so it lies in [0, 1] (0 identical, 1 disjoint supports).
 * Evidently and scipy report the same distance (scipy's default base is e).
 */

/**
 * JS distance of two distributions given as counts or shares over the same categories
 * (each is normalised to sum to 1).
 * @example
 * ```ts
 * import { jensenShannonDistance } from "./jensen_shannon.ts";
 * const distance = jensenShannonDistance([1, 0], [0, 1]);
 * if (Math.abs(distance - 1) > 1e-12) throw new Error(`expected 1, got ${distance}`);
 * ```
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  return Math.sqrt(Math.max(0, jensenShannonDivergence(p, q)));
}

/** JS divergence in bits: ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q) / 2. */
export function jensenShannonDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) {
    throw new RangeError(
      `Cannot compare distributions: ${p.length} categories against ${q.length}`,
    );
  }
  const pn = normalise(p);
  const qn = normalise(q);
  if (pn === undefined || qn === undefined) return NaN;
  let divergence = 0;
  for (let k = 0; k < pn.length; k++) {
    const m = (pn[k] + qn[k]) / 2;
    if (pn[k] > 0) divergence += 0.5 * pn[k] * Math.log2(pn[k] / m);
    if (qn[k] > 0) divergence += 0.5 * qn[k] * Math.log2(qn[k] / m);
  }
  return divergence;
}

function normalise(values: ArrayLike<number>): Float64Array | undefined {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  if (!(total > 0)) return undefined;
  return Float64Array.from(values as ArrayLike<number>, (v) => v / total);
}
