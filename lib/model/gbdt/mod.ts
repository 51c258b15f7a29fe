/**
 * The TypeScript GBDT: quantile binning, histogram trees with learned missing-value
 * directions, depth- or leaf-wise growth, early stopping, parallel histograms in
 * Workers, and a predictor over the shared Tree format.
 * @example
 * ```ts
 * import { predictProba, trainGbdt } from "./mod.ts";
 * import { makeSyntheticDataset } from "./synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 300, features: 3, seed: 1 });
 * const valid = makeSyntheticDataset({ rows: 100, features: 3, seed: 2 });
 * const model = await trainGbdt(train, { max_depth: 3, n_rounds: 10 }, { valid });
 * const p = predictProba(model, valid);
 * if (p.length !== 100) throw new Error(`expected 100 probabilities, got ${p.length}`);
 * ```
 */
export {
  DEFAULT_GBDT_PARAMS,
  type GbdtParams,
  GbdtParamsSchema,
  resolveGbdtParams,
} from "./params.ts";
export { defaultWorkerCount, type RoundInfo, trainGbdt, type TrainGbdtOptions } from "./train.ts";
export {
  predictMargin,
  predictProba,
  predictRowMargin,
  probabilityOfMargin,
  sigmoid,
} from "./predict.ts";
export { loadGbdtModel, parseGbdtModel, saveGbdtModel, serializeGbdtModel } from "./model_io.ts";
export { binOf, computeCuts, FLOAT32_MAX } from "./binning.ts";
export { marginLogLoss } from "./evaluation.ts";
