/**
 * The outlier model: fit both detectors on the training split, set their thresholds at
 * training quantiles, and score rows (a flag when either detector's threshold is passed).
 */
import type { Dataset } from "../types.ts";
import { createRng, type Rng } from "../../random/mod.ts";
import { fitIsolationForest, isolationScoreOf, isolationScores } from "./isolation_forest.ts";
import { fitMahalanobis, mahalanobisSquared, quantileOfSorted } from "./mahalanobis.ts";
import type { OutlierParams } from "./params.ts";
import type { OutlierModel, OutlierScore } from "./types.ts";

/** Rows the covariance is fitted on, and (a disjoint sample) the distance threshold set on. */
export const COVARIANCE_ROWS = 2048;

/**
 * Fits the isolation forest on every feature and the robust Mahalanobis distance on the
 * numeric ones; thresholds are each detector's training quantile 1 − contamination / 2.
 * @example
 * ```ts
 * import { fitOutlierModel, scoreOutliers } from "./model.ts";
 * import { OutlierParams } from "./params.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const data = makeSyntheticDataset({ rows: 400, features: 4, seed: 1 });
 * const model = fitOutlierModel(data, OutlierParams.parse({ n_trees: 20 }));
 * const scores = scoreOutliers(model, data);
 * if (scores.length !== 400) throw new Error("expected one score per row");
 * ```
 */
export function fitOutlierModel(data: Dataset, params: OutlierParams): OutlierModel {
  const rng = createRng(params.seed);
  const forest = fitIsolationForest(data, {
    trees: params.n_trees,
    sampleSize: params.sample_size,
    rng: rng.fork(),
  });
  const order = Uint32Array.from({ length: data.rows }, (_, i) => i);
  shuffle(order, rng);
  const fitRows = order.slice(0, Math.min(COVARIANCE_ROWS, data.rows)).sort();
  const rest = order.slice(fitRows.length, fitRows.length + COVARIANCE_ROWS).sort();
  const thresholdRows = rest.length > 0 ? rest : fitRows;
  const numeric = data.features.flatMap((f, j) => (f.type === "numeric" ? [j] : []));
  const mahalanobis = fitMahalanobis(data, numeric, fitRows);
  const q = 1 - params.contamination / 2;
  const { columns } = data;
  const isolation = isolationScores(forest, data);
  const isolationThreshold = quantileOfSorted(isolation.slice().sort(), q);
  const distances = mahalanobis === undefined ? undefined : Float64Array.from(
    thresholdRows,
    (i) => Math.sqrt(mahalanobisSquared(mahalanobis, (j) => columns[j][i])),
  );
  const distanceThreshold = distances === undefined
    ? null
    : quantileOfSorted(distances.slice().sort(), q);
  let flagged = 0;
  thresholdRows.forEach((i, k) => {
    const far = distances !== undefined && distances[k] > distanceThreshold!;
    if (isolation[i] > isolationThreshold || far) flagged++;
  });
  const model: OutlierModel = {
    format: "riskpipe.outliers",
    formatVersion: 1,
    features: data.features.map(({ name, type, levels }) => ({
      name,
      type,
      ...(levels === undefined ? {} : { levels }),
    })),
    forest,
    ...(mahalanobis === undefined ? {} : { mahalanobis }),
    thresholds: { isolation: isolationThreshold, distance: distanceThreshold },
    trainingFlagRate: flagged / thresholdRows.length,
    params: { ...params },
  };
  return model;
}

/** Scores one row given by its feature accessor. */
export function scoreOutlierRow(
  model: OutlierModel,
  value: (feature: number) => number,
): OutlierScore {
  const score = isolationScoreOf(model.forest, value);
  const distance = model.mahalanobis === undefined
    ? null
    : Math.sqrt(mahalanobisSquared(model.mahalanobis, value));
  return flagOf(model, score, distance);
}

/** The result for an isolation score and a distance (ONNX gives both; this adds the flag). */
export function flagOf(model: OutlierModel, score: number, distance: number | null): OutlierScore {
  const { isolation, distance: limit } = model.thresholds;
  // !(d ≤ limit): a value past float32's range makes the graph's distance NaN (∞ · 0 in
  // its MatMul), and such a row is an outlier.
  const flag = score > isolation || (distance !== null && limit !== null && !(distance <= limit));
  return { score, distance, flag };
}

/** Scores every row of `data`. */
export function scoreOutliers(model: OutlierModel, data: Dataset): OutlierScore[] {
  const { columns } = data;
  const m = model.mahalanobis;
  const scratch = new Float64Array(m?.features.length ?? 0);
  const isolation = isolationScores(model.forest, data);
  return Array.from({ length: data.rows }, (_, i) => {
    const d = m === undefined
      ? null
      : Math.sqrt(mahalanobisSquared(m, (j) => columns[j][i], scratch));
    return flagOf(model, isolation[i], d);
  });
}

function shuffle(values: Uint32Array, rng: Rng): void {
  for (let i = values.length - 1; i > 0; i--) {
    const k = rng.int(0, i);
    const swap = values[i];
    values[i] = values[k];
    values[k] = swap;
  }
}
