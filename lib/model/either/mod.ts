/**
 * Either model a version can serve — the GBDT or the logistic model — told apart by its
 * `format`, with one way to score a dataset whichever it is.
 */
import type { Dataset, GbdtModel, LogisticModel } from "../types.ts";
import { predictProba } from "../gbdt/predict.ts";
import { predictLogisticProba } from "../logistic/predict.ts";

/** A GBDT or a logistic model. */
export type EitherModel = GbdtModel | LogisticModel;

/**
 * Probabilities of every row of `data` (the model's features, in order).
 * @example
 * const p = predictEitherProba(production.model, test);
 */
export function predictEitherProba(model: EitherModel, data: Dataset): Float64Array {
  return model.format === "riskpipe.logistic"
    ? predictLogisticProba(model, data)
    : predictProba(model, data);
}
