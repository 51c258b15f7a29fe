/**
 * The candidate's models as the validation report probes and explains them: each with
 * its report name, its scorer and its exact contributions (TreeSHAP for the GBDT, linear
 * SHAP for the logistic model, the points' log-odds for a scorecard).
 */
import { predictProba } from "../../model/gbdt/mod.ts";
import { predictLogisticProba } from "../../model/logistic/mod.ts";
import {
  explainScorecard,
  predictScorecard,
  type ScorecardModel,
} from "../../model/scorecard/mod.ts";
import { linearShapBatch, type ShapBatch, treeShapBatch } from "../../model/shap/mod.ts";
import type { Dataset, GbdtModel, LogisticModel } from "../../model/types.ts";
import type { ProbedModel } from "./monotonicity.ts";

/** A model the report probes, with its exact per-feature contributions. */
export interface ExplainedModel extends ProbedModel {
  /** Kind as choice.json names it ("gbdt", "logistic", "scorecard"). */
  kind: string;
  contributions: (data: Dataset) => ShapBatch;
}

/** The GBDT, probed and explained. */
export function gbdtModel(model: GbdtModel): ExplainedModel {
  return {
    kind: "gbdt",
    name: "GBDT",
    features: model.features,
    predict: (data) => predictProba(model, data),
    contributions: (data) => treeShapBatch(model, data),
  };
}

/** The logistic model, probed and explained. */
export function logisticModel(model: LogisticModel): ExplainedModel {
  return {
    kind: "logistic",
    name: "logistic",
    features: model.features,
    predict: (data) => predictLogisticProba(model, data),
    contributions: (data) => linearShapBatch(model, data),
  };
}

/** The scorecard, probed and explained (contributions in log-odds, from its points). */
export function scorecardModel(model: ScorecardModel): ExplainedModel {
  return {
    kind: "scorecard",
    name: "scorecard",
    features: model.features,
    predict: (data) => predictScorecard(model, data),
    contributions: (data) => scorecardContributions(model, data),
  };
}

function scorecardContributions(model: ScorecardModel, data: Dataset): ShapBatch {
  const shap = model.features.map(() => new Float64Array(data.rows));
  const values = new Float64Array(data.columns.length);
  let expectedValue = 0;
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < values.length; j++) values[j] = data.columns[j][i];
    const explained = explainScorecard(model, values);
    expectedValue = explained.baseMargin;
    explained.contributions.forEach((c) => {
      const j = model.features.findIndex((f) => f.name === c.feature);
      if (j >= 0) shap[j][i] = c.margin;
    });
  }
  return { expectedValue, shap, rows: data.rows };
}
