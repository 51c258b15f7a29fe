/**
 * The TypeScript GBDT: quantile binning, histogram trees with learned missing-value
 * directions, depth- or leaf-wise growth, early stopping, parallel histograms in
 * Workers, and a predictor over the shared Tree format.
 * @example
 * const model = await trainGbdt(train, { max_depth: 6, n_rounds: 300 }, { valid });
 * const p = predictProba(model, test);
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
