/**
 * The logistic-regression baseline trained beside the GBDT: L2-regularised, on a
 * median-imputed, standardised, one-hot design, fitted by Newton's method.
 */
export {
  fitLogistic,
  type FitLogisticOptions,
  type LogisticParams,
  prepareLogisticDesign,
} from "./fit.ts";
export type { DesignMatrix } from "./design_matrix.ts";
export {
  defaultGramWorkerCount,
  type GramWorkers,
  startGramWorkers,
  stopGramWorkers,
} from "./gram_workers.ts";
export { buildDesign, designValue } from "./design.ts";
export { predictLogisticMargin, predictLogisticProba, predictLogisticRow } from "./predict.ts";
export { logisticFromJson, LogisticModelSchema, logisticToJson } from "./serialize.ts";
export { choleskyFactor, choleskySolve } from "./cholesky.ts";
