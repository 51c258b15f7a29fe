/**
 * The WOE scorecard: monotone optimal binning per feature, WOE and IV, a logistic model
 * on the WOE values and points (base score, base odds, points to double the odds).
 * Pure: typed arrays in, plain JSON out. ONNX export lives in lib/model/onnx/scorecard.ts.
 * @example
 * ```ts
 * import { fitScorecard, pointsTable, predictScorecard } from "./mod.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 500, features: 3, seed: 1 });
 * const card = fitScorecard(train, { pdo: 20 });
 * const p = predictScorecard(card, train);
 * const table = pointsTable(card);
 * if (p.length !== 500 || table.length === 0) throw new Error("expected scores and points");
 * ```
 */
export { fitScorecard } from "./fit.ts";
export { resolveScorecardParams, ScorecardParams, type ScorecardParamsInput } from "./params.ts";
export { predictScorecard, scorecardMargin, scorecardScore, scoreScorecard } from "./predict.ts";
export {
  explainScorecard,
  type ScorecardContribution,
  type ScorecardExplanation,
} from "./explain.ts";
export { pointsTable, type PointsTableRow } from "./table.ts";
export { binOf, intervalOf } from "./bin_of.ts";
export { informationValue, woeOf } from "./woe.ts";
export { scalingOf } from "./points.ts";
export { scorecardFromJson, ScorecardModelSchema, scorecardToJson } from "./serialize.ts";
export type { FeatureBinning, ScorecardModel, ScorecardScaling } from "./types.ts";
