/**
 * Calibration tests that know their sample size, for the promotion gate. A binned ECE
 * on 200 rows is mostly noise; these ask instead whether the labels are plausible draws
 * from the predicted probabilities:
 * - Spiegelhalter's z (Spiegelhalter 1986): Z = Σ (y − p)(1 − 2p) / √Σ (1 − 2p)² p (1 − p),
 *   standard normal when the model is calibrated; two-sided p-value.
 * - a seeded consistency bootstrap on ECE (Bröcker & Smith 2007): labels redrawn as
 *   Bernoulli(p) give the ECE a calibrated model would show on these very rows; the
 *   p-value is the share of redraws at least as large as the observed ECE.
 */
import { assertBinaryInputs, type Labels, type Scores } from "../model/metrics/inputs.ts";
import { createRng } from "../random/mod.ts";
import type { CalibrationEvidence } from "./gate.ts";
import { twoSidedNormalP } from "./normal_tail.ts";

/** Spiegelhalter's z and its two-sided p-value. */
export interface SpiegelhalterResult {
  z: number;
  p: number;
}

/**
 * Spiegelhalter's calibration z. When every probability is 0, 0.5 or 1 the variance is
 * zero and the test says nothing: z = 0, p = 1.
 * @example
 * ```ts
 * import { spiegelhalterZ } from "./calibration.ts";
 * spiegelhalterZ([0.2, 0.7], [0, 1]).z; // (−0.2·0.6 + 0.3·−0.4) / √(0.36·0.16 + 0.16·0.21)
 * ```
 */
export function spiegelhalterZ(probabilities: Scores, labels: Labels): SpiegelhalterResult {
  assertBinaryInputs("Spiegelhalter's z", probabilities, labels);
  let numerator = 0;
  let variance = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i];
    const w = 1 - 2 * p;
    numerator += (labels[i] - p) * w;
    variance += w * w * p * (1 - p);
  }
  if (!(variance > 0)) return { z: 0, p: 1 };
  const z = numerator / Math.sqrt(variance);
  return { z, p: twoSidedNormalP(z) };
}

/** Options of {@link eceBootstrap}. */
export interface EceBootstrapOptions {
  /** Label redraws; the p-value's resolution is 1 / (resamples + 1). */
  resamples?: number;
  seed?: number;
  /** Equal-width probability bins, as the reported ECE uses. */
  bins?: number;
  /** The interval reported is the central 1 − alpha range of the redrawn ECEs. */
  alpha?: number;
}

/** The observed ECE against the ECEs a calibrated model shows on the same rows. */
export interface EceBootstrapResult {
  ece: number;
  /** (1 + #redraws with ECE ≥ observed) / (resamples + 1). */
  p: number;
  /** Central 1 − alpha interval of ECE under calibration. */
  interval: [number, number];
  resamples: number;
}

/**
 * Consistency bootstrap of the expected calibration error (equal-width bins, as
 * `expectedCalibrationError`): seeded, so the same rows give the same p-value.
 */
export function eceBootstrap(
  probabilities: Scores,
  labels: Labels,
  options: EceBootstrapOptions = {},
): EceBootstrapResult {
  assertBinaryInputs("the ECE bootstrap", probabilities, labels);
  const resamples = options.resamples ?? 1000;
  const bins = options.bins ?? 10;
  const alpha = options.alpha ?? 0.05;
  const n = labels.length;
  const bin = new Uint16Array(n);
  const count = new Float64Array(bins);
  const sumPredicted = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = uniformBin(probabilities[i], bins);
    bin[i] = b;
    count[b]++;
    sumPredicted[b] += probabilities[i];
  }
  const sumObserved = new Float64Array(bins);
  const eceOfSums = (): number => {
    let sum = 0;
    for (let b = 0; b < bins; b++) sum += Math.abs(sumPredicted[b] - sumObserved[b]);
    return sum / n;
  };
  for (let i = 0; i < n; i++) sumObserved[bin[i]] += labels[i];
  const ece = eceOfSums();
  const rng = createRng(options.seed ?? 0);
  const redrawn = new Float64Array(resamples);
  let atLeast = 0;
  for (let r = 0; r < resamples; r++) {
    sumObserved.fill(0);
    for (let i = 0; i < n; i++) if (rng.float() < probabilities[i]) sumObserved[bin[i]]++;
    redrawn[r] = eceOfSums();
    // Equal sums can differ in the last bit; such a tie counts as "at least as large".
    if (redrawn[r] >= ece - 1e-15) atLeast++;
  }
  redrawn.sort();
  return {
    ece,
    p: (1 + atLeast) / (resamples + 1),
    interval: [quantileOfSorted(redrawn, alpha / 2), quantileOfSorted(redrawn, 1 - alpha / 2)],
    resamples,
  };
}

/** Params of {@link calibrationEvidence}, from the gate section. */
export interface CalibrationTestOptions {
  test: "spiegelhalter" | "bootstrap" | "ece";
  alpha: number;
  resamples: number;
  seed: number;
}

/** What the gate's calibration check needs, computed by the test the params choose. */
export function calibrationEvidence(
  probabilities: Scores,
  labels: Labels,
  options: CalibrationTestOptions,
): CalibrationEvidence | undefined {
  if (options.test === "spiegelhalter") {
    const { z, p } = spiegelhalterZ(probabilities, labels);
    return { test: "spiegelhalter", rows: labels.length, statistic: z, p };
  }
  if (options.test === "bootstrap") {
    const result = eceBootstrap(probabilities, labels, {
      resamples: options.resamples,
      seed: options.seed,
      alpha: options.alpha,
    });
    return {
      test: "bootstrap",
      rows: labels.length,
      statistic: result.ece,
      p: result.p,
      interval: result.interval,
      resamples: result.resamples,
    };
  }
  return undefined;
}

/** The bin b with b / bins ≤ p < (b + 1) / bins, as the reported ECE's edges place it. */
function uniformBin(p: number, bins: number): number {
  let b = Math.floor(p * bins);
  if (b < bins && (b + 1) / bins <= p) b++;
  if (b > 0 && b / bins > p) b--;
  return Math.min(bins - 1, Math.max(0, b));
}

/** Linear-interpolated quantile of ascending values. */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}
