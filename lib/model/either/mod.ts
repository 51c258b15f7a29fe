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
 * ```ts
 * import { predictEitherProba } from "./mod.ts";
 * import { fitLogistic } from "../logistic/fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const test = makeSyntheticDataset({ rows: 100, features: 3, seed: 1 });
 * const p = predictEitherProba(fitLogistic(test, { l2: 1 }), test);
 * if (p.length !== 100) throw new Error(`expected 100 probabilities, got ${p.length}`);
 * ```
 */
export function predictEitherProba(model: EitherModel, data: Dataset): Float64Array {
  return model.format === "riskpipe.logistic"
    ? predictLogisticProba(model, data)
    : predictProba(model, data);
}
