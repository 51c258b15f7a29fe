/**
 * Best split of one node from its histogram, with XGBoost's scoring: a side's score is
 * G²/(H+λ), the gain is left + right − parent, both children need a hessian sum of at
 * least min_child_weight, and missing values are tried on each side. Under monotone
 * constraints the scoring is XGBoost's too: weights are clipped to the node's bounds, a
 * side's score is −(2·G·w + (H+λ)·w²) at its clipped weight w, and a split on a
 * constrained feature whose children's weights break the order is refused.
 */
import { boundedWeight, type MonotoneVector } from "./monotone.ts";

/** The best split found for a node (feature -1 when none is valid). */
export interface SplitCandidate {
  feature: number;
  /**
   * Rows with bin <= this go left (missing values aside); -1 (monotone constraints
   * only) sends every value right and the missing values left.
   */
  bin: number;
  defaultLeft: boolean;
  gain: number;
  leftGrad: number;
  leftHess: number;
}

/** Split-search settings. */
export interface SplitRules {
  lambda: number;
  minChildWeight: number;
  /** Per feature position 1, -1 or 0; absent when nothing is constrained. */
  monotone?: MonotoneVector;
}

/** An empty candidate. */
export function noSplit(): SplitCandidate {
  return { feature: -1, bin: 0, defaultLeft: false, gain: 0, leftGrad: 0, leftHess: 0 };
}

/**
 * Scans every value-bin boundary of the given features. Ties keep the first candidate
 * (lowest feature position, lowest bin, missing right), so the result is deterministic.
 */
export function findBestSplit(
  hist: Float64Array,
  histBase: number,
  offsets: Int32Array,
  missingBin: Int32Array,
  features: Int32Array,
  grad: number,
  hess: number,
  rules: SplitRules,
  lower = -Infinity,
  upper = Infinity,
): SplitCandidate {
  const best = noSplit();
  scanFeatures(
    hist,
    histBase,
    offsets,
    missingBin,
    features,
    0,
    features.length,
    grad,
    hess,
    rules,
    best,
    lower,
    upper,
  );
  return best;
}

/**
 * Improves `best` with the splits of feature positions [from, to) (a candidate must beat
 * best.gain strictly). Scanning consecutive ranges in order, each from an empty
 * candidate, and keeping the first range's winner on ties gives findBestSplit's answer.
 * [lower, upper] bounds the node's weight; it counts only under monotone constraints.
 */
export function scanFeatures(
  hist: Float64Array,
  histBase: number,
  offsets: Int32Array,
  missingBin: Int32Array,
  features: Int32Array,
  from: number,
  to: number,
  grad: number,
  hess: number,
  rules: SplitRules,
  best: SplitCandidate,
  lower = -Infinity,
  upper = Infinity,
): void {
  if (rules.monotone) {
    scanConstrained(
      hist,
      histBase,
      offsets,
      missingBin,
      features,
      from,
      to,
      grad,
      hess,
      rules,
      rules.monotone,
      best,
      lower,
      upper,
    );
    return;
  }
  const { lambda, minChildWeight } = rules;
  const parentScore = (grad * grad) / (hess + lambda);
  for (let p = from; p < to; p++) {
    const f = features[p];
    const base = histBase + offsets[f] * 2;
    const valueBins = missingBin[f];
    const missGrad = hist[base + valueBins * 2];
    const missHess = hist[base + valueBins * 2 + 1];
    const tryMissingLeft = missHess > 0;
    let gl = 0;
    let hl = 0;
    // Position b sends value bins 0..b left; the last value bin always goes right.
    for (let b = 0; b + 1 < valueBins; b++) {
      gl += hist[base + b * 2];
      hl += hist[base + b * 2 + 1];
      let hr = hess - hl;
      if (hl >= minChildWeight && hr >= minChildWeight && hl > 0 && hr > 0) {
        const gr = grad - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > best.gain) set(best, f, b, false, gain, gl, hl);
      }
      if (tryMissingLeft) {
        const glm = gl + missGrad;
        const hlm = hl + missHess;
        hr = hess - hlm;
        if (hlm >= minChildWeight && hr >= minChildWeight && hr > 0) {
          const gr = grad - glm;
          const gain = (glm * glm) / (hlm + lambda) + (gr * gr) / (hr + lambda) - parentScore;
          if (gain > best.gain) set(best, f, b, true, gain, glm, hlm);
        }
      }
    }
  }
}

/**
 * scanFeatures under monotone constraints, in XGBoost's order: every boundary with
 * missing values right (bins ascending), then, when the node has missing values, every
 * boundary with them left (bins descending, down to "only the missing values left",
 * bin -1), so ties resolve as XGBoost's do. Each candidate is scored at the children's
 * bounded weights and refused on a constrained feature when they are out of order.
 */
function scanConstrained(
  hist: Float64Array,
  histBase: number,
  offsets: Int32Array,
  missingBin: Int32Array,
  features: Int32Array,
  from: number,
  to: number,
  grad: number,
  hess: number,
  rules: SplitRules,
  monotone: MonotoneVector,
  best: SplitCandidate,
  lower: number,
  upper: number,
): void {
  const { lambda, minChildWeight } = rules;
  const parentWeight = boundedWeight(grad, hess, lambda, lower, upper);
  const parentScore = -(2 * grad * parentWeight + (hess + lambda) * parentWeight * parentWeight);
  for (let p = from; p < to; p++) {
    const f = features[p];
    const constraint = monotone[f];
    const base = histBase + offsets[f] * 2;
    const valueBins = missingBin[f];
    let gl = 0;
    let hl = 0;
    // Position b sends value bins 0..b left; the last value bin always goes right.
    // An empty bin repeats the candidate before it, which it cannot beat: skipped.
    for (let b = 0; b + 1 < valueBins; b++) {
      const binGrad = hist[base + b * 2];
      const binHess = hist[base + b * 2 + 1];
      if (binGrad === 0 && binHess === 0) continue;
      gl += binGrad;
      hl += binHess;
      const gr = grad - gl;
      const hr = hess - hl;
      if (hl >= minChildWeight && hr >= minChildWeight && hl > 0 && hr > 0) {
        const gain = constrainedGain(constraint, gl, hl, gr, hr, lambda, lower, upper, parentScore);
        if (gain > best.gain) set(best, f, b, false, gain, gl, hl);
      }
    }
    if (!(hist[base + valueBins * 2 + 1] > 0)) continue;
    let gr = 0;
    let hr = 0;
    // Position b sends value bins b+1.. right and the rest, missing values too, left.
    for (let b = valueBins - 2; b >= -1; b--) {
      const binGrad = hist[base + (b + 1) * 2];
      const binHess = hist[base + (b + 1) * 2 + 1];
      if (binGrad === 0 && binHess === 0) continue;
      gr += binGrad;
      hr += binHess;
      const glm = grad - gr;
      const hlm = hess - hr;
      if (hlm >= minChildWeight && hr >= minChildWeight && hlm > 0 && hr > 0) {
        const gain = constrainedGain(
          constraint,
          glm,
          hlm,
          gr,
          hr,
          lambda,
          lower,
          upper,
          parentScore,
        );
        if (gain > best.gain) set(best, f, b, true, gain, glm, hlm);
      }
    }
  }
}

/** The gain at the children's bounded weights; -Infinity when they break the order. */
function constrainedGain(
  constraint: number,
  gl: number,
  hl: number,
  gr: number,
  hr: number,
  lambda: number,
  lower: number,
  upper: number,
  parentScore: number,
): number {
  let wl = -gl / (hl + lambda);
  wl = wl < lower ? lower : wl > upper ? upper : wl;
  let wr = -gr / (hr + lambda);
  wr = wr < lower ? lower : wr > upper ? upper : wr;
  if (constraint > 0 ? wl > wr : constraint < 0 && wl < wr) return -Infinity;
  return -(2 * gl * wl + (hl + lambda) * wl * wl) - (2 * gr * wr + (hr + lambda) * wr * wr) -
    parentScore;
}

function set(
  best: SplitCandidate,
  feature: number,
  bin: number,
  defaultLeft: boolean,
  gain: number,
  leftGrad: number,
  leftHess: number,
): void {
  best.feature = feature;
  best.bin = bin;
  best.defaultLeft = defaultLeft;
  best.gain = gain;
  best.leftGrad = leftGrad;
  best.leftHess = leftHess;
}
