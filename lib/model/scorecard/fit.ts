/**
 * Fits a WOE scorecard: bins every feature on the training rows, keeps those with IV at
 * least `min_iv` (and more than one bin with rows), fits the logistic model on their WOE
 * and turns it into points.
 */
import type { Dataset } from "../types.ts";
import { binColumn } from "./binning.ts";
import { resolveScorecardParams, type ScorecardParamsInput } from "./params.ts";
import { binPoints, scalingOf } from "./points.ts";
import type { FeatureBinning, ScorecardModel } from "./types.ts";
import { fitWoeLogistic } from "./woe_logistic.ts";

/**
 * Fits the scorecard on `train` (labels required).
 * @example
 * ```ts
 * import { fitScorecard } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 500, features: 3, seed: 1 });
 * const card = fitScorecard(train, { min_bin_share: 0.05, pdo: 20 });
 * if (card.format !== "riskpipe.scorecard") throw new Error(`got ${card.format}`);
 * ```
 */
export function fitScorecard(train: Dataset, params: ScorecardParamsInput = {}): ScorecardModel {
  const options = resolveScorecardParams(params);
  const labels = checkedLabels(train);
  let positives = 0;
  for (let i = 0; i < train.rows; i++) positives += labels[i];
  if (positives === 0 || positives === train.rows) {
    throw new RangeError(
      `Cannot fit scorecard: labels hold only ${positives === 0 ? "negatives" : "positives"}`,
    );
  }
  const totals = { bads: positives, goods: train.rows - positives };
  const binningOptions = {
    preBins: options.pre_bins,
    minCount: Math.ceil(options.min_bin_share * train.rows),
  };
  const binning: FeatureBinning[] = [];
  const bins: Uint8Array[] = [];
  train.features.forEach((spec, j) => {
    const binned = binColumn(train.columns[j], spec, labels, totals, binningOptions);
    binning.push(binned.binning);
    bins.push(binned.bins);
  });
  const included = binning.map((b) =>
    b.iv >= options.min_iv && b.count.filter((c) => c > 0).length > 1
  );
  const modelled = included.flatMap((inModel, j) => (inModel ? [j] : []));
  if (modelled.length === 0) {
    throw new RangeError(
      `Cannot fit scorecard: no feature has an information value of at least min_iv ${options.min_iv}`,
    );
  }
  const fit = fitWoeLogistic(
    {
      bins: modelled.map((j) => bins[j]),
      woe: modelled.map((j) => Float64Array.from(binning[j].woe)),
      rows: train.rows,
    },
    labels,
    { l2: options.l2, maxIter: options.max_iter, tol: options.tol },
  );
  const coefficients = binning.map(() => 0);
  modelled.forEach((j, k) => (coefficients[j] = fit.coefficients[k]));
  const scaling = scalingOf(options.base_score, options.base_odds, options.pdo);
  const points = binning.map((b, j) =>
    included[j]
      ? binPoints(b.woe, coefficients[j], fit.intercept, modelled.length, scaling)
      : b.woe.map(() => 0)
  );
  const referencePoints = binning.map((b, j) =>
    points[j].reduce((sum, p, bin) => sum + p * b.count[bin], 0) / train.rows
  );
  return {
    format: "riskpipe.scorecard",
    formatVersion: 1,
    features: train.features,
    binning,
    included,
    coefficients,
    intercept: fit.intercept,
    points,
    referencePoints,
    scaling,
    params: { ...options, iterations: fit.iterations, gradientNorm: fit.gradientNorm },
  };
}

function checkedLabels(train: Dataset): Float64Array {
  const labels = train.label;
  if (!labels) throw new TypeError("Cannot fit scorecard: the dataset has no label");
  if (train.rows === 0) throw new RangeError("Cannot fit scorecard: the dataset is empty");
  for (let i = 0; i < train.rows; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new TypeError(
        `Cannot fit scorecard: label at row ${i} is ${labels[i]}, expected 0 or 1`,
      );
    }
  }
  return labels;
}
