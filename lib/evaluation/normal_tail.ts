/**
 * The standard normal's two-sided tail probability, P(|Z| ≥ |z|) = erfc(|z| / √2), to
 * double precision: erf's Taylor series near zero, erfc's continued fraction (modified
 * Lentz) in the tails, where the series would cancel.
 */

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|). */
export function twoSidedNormalP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return erfc(Math.abs(z) / Math.SQRT2);
}

/**
 * The complementary error function for x ≥ 0.
 * @example
 * ```ts
 * import { erfc } from "./normal_tail.ts";
 * erfc(0); // 1
 * ```
 */
export function erfc(x: number): number {
  if (x < 0) throw new RangeError(`Cannot compute erfc: x is ${x}, expected >= 0`);
  if (x < 1.5) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

/** erf(x) = 2/√π · Σ (−1)^n x^(2n+1) / (n! (2n+1)), used for x < 1.5. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)^n x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

/**
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated
 * with the modified Lentz method.
 */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
