/** TreeSHAP over a whole dataset, and global importance as mean |SHAP| per feature. */
import type { Dataset, FeatureSpec, GbdtModel } from "../types.ts";
import { createTreeExplainer } from "./tree_shap.ts";

/** SHAP values of many rows, column-major like a Dataset: shap[j][i] is feature j, row i. */
export interface ShapBatch {
  expectedValue: number;
  shap: Float64Array[];
  rows: number;
}

/** One feature's global importance. */
export interface FeatureImportance {
  /** Index of the feature in the model. */
  feature: number;
  name: string;
  /** Mean of |SHAP| over the rows, in margin units. */
  meanAbsShap: number;
}

/**
 * SHAP values of every row of `data`, whose features must be the model's, in order.
 * @example
 * ```ts
 * import { treeShapBatch } from "./batch.ts";
 * import { trainGbdt } from "../gbdt/train.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const test = makeSyntheticDataset({ rows: 100, features: 3, seed: 1 });
 * const model = await trainGbdt(test, { max_depth: 2, n_rounds: 5 });
 * const { shap } = treeShapBatch(model, test); // shap[j][i]
 * if (shap[0].length !== 100) throw new Error("expected one value per row");
 * ```
 */
export function treeShapBatch(model: GbdtModel, data: Dataset): ShapBatch {
  assertSameFeatures(model.features, data.features);
  const explainer = createTreeExplainer(model);
  const width = model.features.length;
  const shap = Array.from({ length: width }, () => new Float64Array(data.rows));
  const row = new Float64Array(width);
  const phi = new Float64Array(width);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < width; j++) row[j] = data.columns[j][i];
    phi.fill(0);
    explainer.accumulate(row, phi);
    for (let j = 0; j < width; j++) shap[j][i] = phi[j];
  }
  return { expectedValue: explainer.expectedValue, shap, rows: data.rows };
}

/** Mean |SHAP| per feature, in feature order. */
export function meanAbsShap(batch: ShapBatch): Float64Array {
  const means = new Float64Array(batch.shap.length);
  batch.shap.forEach((column, j) => {
    let sum = 0;
    for (let i = 0; i < column.length; i++) sum += Math.abs(column[i]);
    means[j] = batch.rows === 0 ? 0 : sum / batch.rows;
  });
  return means;
}

/**
 * Features ranked by mean |SHAP| over `data`, most important first (ties by index).
 * @example
 * ```ts
 * import { globalImportance } from "./batch.ts";
 * import { trainGbdt } from "../gbdt/train.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const test = makeSyntheticDataset({ rows: 100, features: 3, seed: 1 });
 * const model = await trainGbdt(test, { max_depth: 2, n_rounds: 5 });
 * const top = globalImportance(model, test).slice(0, 10);
 * if (top.length !== 3) throw new Error(`expected 3 features, got ${top.length}`);
 * ```
 */
export function globalImportance(model: GbdtModel, data: Dataset): FeatureImportance[] {
  const means = meanAbsShap(treeShapBatch(model, data));
  return model.features
    .map((spec, feature) => ({ feature, name: spec.name, meanAbsShap: means[feature] }))
    .sort((a, b) => b.meanAbsShap - a.meanAbsShap || a.feature - b.feature);
}

function assertSameFeatures(expected: FeatureSpec[], actual: FeatureSpec[]): void {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `Cannot explain dataset: it has ${actual.length} features but the model has ${expected.length}`,
    );
  }
  expected.forEach((spec, j) => {
    if (spec.name !== actual[j].name) {
      throw new RangeError(
        `Cannot explain dataset: feature ${j} is "${
          actual[j].name
        }" but the model expects "${spec.name}"`,
      );
    }
  });
}
