/**
 * Best split of one node from its histogram, with XGBoost's scoring: a side's score is
 * G²/(H+λ), the gain is left + right − parent, both children need a hessian sum of at
 * least min_child_weight, and missing values are tried on each side.
 */

/** The best split found for a node (feature -1 when none is valid). */
export interface SplitCandidate {
  feature: number;
  /** Rows with bin <= this go left (missing values aside). */
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
  );
  return best;
}

/**
 * Improves `best` with the splits of feature positions [from, to) (a candidate must beat
 * best.gain strictly). Scanning consecutive ranges in order, each from an empty
 * candidate, and keeping the first range's winner on ties gives findBestSplit's answer.
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
): void {
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
