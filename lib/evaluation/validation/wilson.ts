/**
 * Wilson's score interval for a binomial proportion (Wilson 1927): the set of p whose
 * normal-approximation test does not reject the observed k of n. Unlike the Wald
 * interval it stays inside [0, 1] and keeps its coverage near 0 and 1, where credit bad
 * rates live.
 */

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * The Wilson interval [low, high] of k successes in n trials at normal quantile `z`.
 * @example
 * ```ts
 * import { wilsonInterval } from "./wilson.ts";
 * const [low, high] = wilsonInterval(10, 100); // 0.0552, 0.1744
 * if (Math.abs(low - 0.05522) > 1e-4 || Math.abs(high - 0.17437) > 1e-4) throw new Error(`${low} ${high}`);
 * ```
 */
export function wilsonInterval(k: number, n: number, z = Z_95): [number, number] {
  if (!(n > 0) || k < 0 || k > n) {
    throw new RangeError(`Cannot compute a Wilson interval: ${k} successes of ${n} trials`);
  }
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
