/**
 * Platt recalibration of the GBDT (`train.calibration: platt`): a logistic fit of the
 * labels on the trees' margins, p = σ(a · margin + b), with Platt's smoothed targets
 * ((N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), as scikit-learn's sigmoid calibration uses), solved
 * by Newton's method with step halving (Lin, Lin & Weng 2007). The map is stored in the
 * model, so the TypeScript predictor, the ONNX graph and the parity check all carry it.
 */
import type { Dataset, GbdtModel } from "../model/types.ts";
import { predictMargin } from "../model/gbdt/predict.ts";

/** `train.calibration`. */
export type CalibrationMethod = "none" | "platt";

/** The fitted map p = σ(a · margin + b). */
export interface PlattFit {
  a: number;
  b: number;
  iterations: number;
}

/**
 * Fits Platt's sigmoid on margins and 0/1 labels. Throws when the fit does not give
 * a > 0 (margins that do not rank the labels cannot be recalibrated, only inverted).
 * @example
 * ```ts
 * import { fitPlatt } from "./calibration.ts";
 * fitPlatt([-2, -1, 0, 1, 2, 3], [0, 0, 1, 0, 1, 1]).a > 0; // true
 * ```
 */
export function fitPlatt(margins: ArrayLike<number>, labels: ArrayLike<number>): PlattFit {
  const n = margins.length;
  if (n !== labels.length || n === 0) {
    throw new RangeError(
      `Cannot fit Platt scaling: ${n} margins and ${labels.length} labels (need equal, non-zero)`,
    );
  }
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i];
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new RangeError("Cannot fit Platt scaling: the labels hold a single class");
  }
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  const target = (i: number) => (labels[i] === 1 ? hi : lo);
  const loss = (a: number, b: number): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const z = a * margins[i] + b;
      // −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t z, computed stably.
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target(i) * z;
    }
    return sum;
  };
  let a = 1;
  let b = 0;
  let current = loss(a, b);
  let iterations = 0;
  for (; iterations < 100; iterations++) {
    let ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (let i = 0; i < n; i++) {
      const f = margins[i];
      const p = 1 / (1 + Math.exp(-(a * f + b)));
      const r = p - target(i);
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * f;
      gb += r;
      haa += w * f * f;
      hab += w * f;
      hbb += w;
    }
    if (Math.abs(ga) + Math.abs(gb) <= 1e-12 * n) break;
    haa += 1e-12;
    hbb += 1e-12;
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    // Armijo: the loss must fall by at least 1e-4 of what the slope along −(da, db) promises.
    const slope = ga * da + gb * db;
    let step = 1;
    let next = loss(a - da, b - db);
    while (next > current - 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      next = loss(a - step * da, b - step * db);
    }
    if (!(next <= current)) break; // no descent left at double precision
    a -= step * da;
    b -= step * db;
    const improvement = current - next;
    current = next;
    if (improvement <= 1e-15 * Math.max(1, Math.abs(current))) {
      iterations++;
      break;
    }
  }
  if (!(a > 0) || !Number.isFinite(b)) {
    throw new RangeError(
      `Cannot fit Platt scaling: the fit gave a = ${a}, b = ${b}; the margins do not rank the labels`,
    );
  }
  return { a, b, iterations };
}

/**
 * The model with the calibration `method` fitted on `fold` (rows the trees did not
 * train on), described by `fittedOn` in the model file; `none` returns it unchanged.
 */
export function calibrateGbdt(
  model: GbdtModel,
  fold: Dataset,
  method: CalibrationMethod,
  fittedOn = `validation fold (${fold.rows} rows)`,
): GbdtModel {
  if (method === "none") return model;
  if (fold.label === undefined) {
    throw new RangeError("Cannot fit Platt scaling: the calibration rows have no target");
  }
  const { a, b } = fitPlatt(predictMargin(model, fold), fold.label);
  return { ...model, calibration: { method: "platt", a, b, fittedOn } };
}
