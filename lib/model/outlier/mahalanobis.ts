/**
 * A robust Mahalanobis distance on the numeric features. Why this estimator: credit
 * features are skewed and heavy-tailed (incomes, amounts) and many are near-collinear
 * (EXT_SOURCE_1..3 and their mean), so the plain covariance is both pulled by the very
 * rows we want to find and near-singular. Winsorising each feature at its 1% and 99%
 * training quantiles bounds the pull of extreme rows; Ledoit–Wolf shrinkage toward the
 * identity (on the standardised values) keeps the matrix well-conditioned with a weight
 * computed in closed form (at least 0.01). Both are deterministic (MCD's random starts are not needed),
 * and the fit costs O(n·p²) on a seeded row sample. Missing values are imputed with the
 * centre: a missing feature adds nothing to the distance.
 */
import type { Dataset } from "../types.ts";
import { choleskyFactor } from "../logistic/cholesky.ts";
import type { RobustMahalanobis } from "./types.ts";

const WINSORISE: [number, number] = [0.01, 0.99];
/** The least weight of the identity in the shrunk covariance. */
const MIN_SHRINKAGE = 0.01;

/**
 * Fits the distance on the numeric features `features` of `data` at rows `rows`;
 * undefined when fewer than two of them vary after winsorising.
 */
export function fitMahalanobis(
  data: Dataset,
  features: readonly number[],
  rows: Uint32Array,
): RobustMahalanobis | undefined {
  const n = rows.length;
  const kept: number[] = [];
  const centre: number[] = [];
  const scale: number[] = [];
  const standardised: Float64Array[] = [];
  for (const j of features) {
    const column = data.columns[j];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = Math.fround(column[rows[i]]);
      if (!Number.isNaN(x)) values.push(x);
    }
    if (values.length < 2) continue;
    values.sort((a, b) => a - b);
    const lo = quantileOfSorted(values, WINSORISE[0]);
    const hi = quantileOfSorted(values, WINSORISE[1]);
    const clipped = values.map((x) => Math.min(hi, Math.max(lo, x)));
    const mean = clipped.reduce((s, x) => s + x, 0) / clipped.length;
    // Missing rows sit at the centre, so they count as zero deviations in the covariance.
    const sd = Math.sqrt(clipped.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    if (!(sd > 0)) continue;
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = Math.fround(column[rows[i]]);
      z[i] = Number.isNaN(x) ? 0 : (Math.min(hi, Math.max(lo, x)) - mean) / sd;
    }
    kept.push(j);
    centre.push(mean);
    scale.push(sd);
    standardised.push(z);
  }
  const p = kept.length;
  if (p < 2) return undefined;
  const { covariance, shrinkage } = ledoitWolf(standardised, n);
  choleskyFactor(covariance, p);
  return {
    features: kept,
    centre,
    scale,
    whitening: Array.from(inverseTransposedFactor(covariance, p)),
    shrinkage,
    winsorise: WINSORISE,
  };
}

/** d² of one row given by its feature accessor (float32 inputs, as the graph takes them). */
export function mahalanobisSquared(
  model: RobustMahalanobis,
  value: (feature: number) => number,
  scratch: Float64Array = new Float64Array(model.features.length),
): number {
  const p = model.features.length;
  for (let k = 0; k < p; k++) {
    const x = Math.fround(value(model.features[k]));
    scratch[k] = Number.isNaN(x) ? 0 : (x - model.centre[k]) / model.scale[k];
  }
  // W is upper triangular: column c of z·W sums z[r]·W[r, c] for r ≤ c.
  const w = model.whitening;
  let sum = 0;
  for (let c = 0; c < p; c++) {
    let y = 0;
    for (let r = 0; r <= c; r++) y += scratch[r] * w[r * p + c];
    sum += y * y;
  }
  return sum;
}

/**
 * Ledoit–Wolf: the sample covariance S of the (already centred, standardised) columns
 * shrunk toward μ·I, μ = trace(S)/p, with weight min(1, β/δ) (Ledoit and Wolf, 2004).
 */
function ledoitWolf(columns: Float64Array[], n: number) {
  const p = columns.length;
  const s = new Float64Array(p * p);
  const s4 = new Float64Array(p * p); // Σ x_ik² x_jk², for β
  for (let a = 0; a < p; a++) {
    const xa = columns[a];
    for (let b = 0; b <= a; b++) {
      const xb = columns[b];
      let sum = 0;
      let sum4 = 0;
      for (let i = 0; i < n; i++) {
        const v = xa[i] * xb[i];
        sum += v;
        sum4 += v * v;
      }
      s[a * p + b] = s[b * p + a] = sum / n;
      s4[a * p + b] = s4[b * p + a] = sum4 / n;
    }
  }
  let trace = 0;
  for (let a = 0; a < p; a++) trace += s[a * p + a];
  const mu = trace / p;
  let delta = 0;
  let squares = 0;
  let fourth = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const v = s[a * p + b];
      delta += (v - (a === b ? mu : 0)) ** 2;
      squares += v * v;
      fourth += s4[a * p + b];
    }
  }
  delta /= p;
  const beta = Math.min(delta, (fourth - squares) / (n * p));
  // At least MIN_SHRINKAGE: exactly collinear features (a mean of three scores beside
  // them) would otherwise leave the matrix singular when β happens to be 0.
  const shrinkage = delta > 0 ? Math.min(1, Math.max(MIN_SHRINKAGE, beta / delta)) : 1;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      s[a * p + b] = (1 - shrinkage) * s[a * p + b] + (a === b ? shrinkage * mu : 0);
    }
  }
  return { covariance: s, shrinkage };
}

/** (L⁻¹)ᵀ row-major for the lower-triangular factor L (lower triangle of `l`). */
function inverseTransposedFactor(l: Float64Array, p: number): Float64Array {
  const w = new Float64Array(p * p);
  // Column c of L⁻¹ solves L·x = e_c by forward substitution; it is row c of W = (L⁻¹)ᵀ.
  for (let c = 0; c < p; c++) {
    for (let i = c; i < p; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = c; k < i; k++) sum -= l[i * p + k] * w[c * p + k];
      w[c * p + i] = sum / l[i * p + i];
    }
  }
  return w;
}

/** Linear-interpolated quantile of ascending `sorted` (type 7, as numpy's default). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}
