/**
 * Any model a version can serve — the GBDT, the logistic model or the scorecard — told
 * apart by its `format`, with one way to score and explain a dataset whichever it is.
 */
import type { Dataset, GbdtModel, LogisticModel } from "../types.ts";
import type { ScorecardModel } from "../scorecard/types.ts";
import { predictProba } from "../gbdt/predict.ts";
import { predictLogisticProba } from "../logistic/predict.ts";
import { predictScorecard } from "../scorecard/predict.ts";
import type { ShapBatch } from "../shap/batch.ts";
import { treeShapBatch } from "../shap/batch.ts";
import { linearShapBatch } from "../shap/linear.ts";
import { scorecardShapBatch } from "../shap/scorecard.ts";

/** A GBDT, a logistic model or a scorecard. */
export type EitherModel = GbdtModel | LogisticModel | ScorecardModel;

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
  switch (model.format) {
    case "riskpipe.logistic":
      return predictLogisticProba(model, data);
    case "riskpipe.scorecard":
      return predictScorecard(model, data);
    default:
      return predictProba(model, data);
  }
}

/**
 * Exact SHAP values of every row of `data`: TreeSHAP for the GBDT, linear SHAP for the
 * logistic model, the points for the scorecard — all on the log-odds scale.
 */
export function eitherShapBatch(model: EitherModel, data: Dataset): ShapBatch {
  switch (model.format) {
    case "riskpipe.logistic":
      return linearShapBatch(model, data);
    case "riskpipe.scorecard":
      return scorecardShapBatch(model, data);
    default:
      return treeShapBatch(model, data);
  }
}
