/**
 * Builds validation.json from the evaluation of a candidate and the splits: discrimination
 * (Gini, KS, deciles, ROC), calibration by decile with Wilson intervals, score PSI and
 * feature CSI against the training split, WOE/IV, points, reason codes (a hook), adverse
 * impact ratios, monotonicity checks and the gate. Pure: data in, a checked report out.
 */
import { rocCurve } from "../../model/metrics/mod.ts";
import type { ScorecardModel } from "../../model/scorecard/mod.ts";
import { takeRows } from "../../model/dataset.ts";
import type { Dataset } from "../../model/types.ts";
import { thinIndices } from "../../report/charts/thin.ts";
import type { TierSpec } from "../../tiers/mod.ts";
import { alignFeatures, type Evaluation } from "../evaluate.ts";
import { adverseImpactOf } from "./adverse_impact.ts";
import { CALIBRATION_LEVEL, calibrationDeciles } from "./calibration_deciles.ts";
import { decileTable } from "./deciles.ts";
import type { ExplainedModel } from "./models.ts";
import { monotonicityChecks } from "./monotonicity.ts";
import { pointsOf } from "./points.ts";
import {
  type DeclinedContributions,
  type ReasonCodeCounter,
  reasonCodeFrequencies,
} from "./reason_codes.ts";
import { ValidationReport } from "./schema.ts";
import { featureStability, PSI_ALERT, PSI_WARN, scoreStability } from "./stability.ts";
import { woeTable } from "./woe_iv.ts";

/** What {@link buildValidationReport} reads. */
export interface ValidationInput {
  evaluation: Evaluation;
  /** The test split (row-aligned with the evaluation's scores) and the training split. */
  test: Dataset;
  train: Dataset;
  /** The served model's probabilities on the training split. */
  trainScores: Float64Array;
  /** The served model (its kind as in choice.json). */
  served: ExplainedModel;
  /** Every model of the candidate, probed along the constrained features. */
  models: ExplainedModel[];
  /** train.gbdt.monotone: feature → declared direction of the risk. */
  monotone: Record<string, 1 | -1>;
  /** The candidate's scorecard, when it has one: its binning and points. */
  scorecard?: ScorecardModel;
  /** The served tiers; the last one is "declined" for the reason-code frequencies. */
  tiers: TierSpec;
  /** Counts reason codes among declined rows; absent until reason codes are built. */
  reasonCodes?: ReasonCodeCounter;
}

/**
 * The validation report of a candidate, checked against its schema.
 * @example
 * ```ts
 * import { buildValidationReport } from "./build.ts";
 * import { gbdtModel, logisticModel } from "./models.ts";
 * import { evaluateCandidate, GateParams } from "../mod.ts";
 * import { makeSyntheticDataset } from "../../model/gbdt/synthetic.ts";
 * import { trainGbdt } from "../../model/gbdt/train.ts";
 * import { fitLogistic } from "../../model/logistic/fit.ts";
 * import { predictProba } from "../../model/gbdt/mod.ts";
 * const train = makeSyntheticDataset({ rows: 400, features: 3, seed: 1 });
 * const test = makeSyntheticDataset({ rows: 200, features: 3, seed: 2 });
 * const gbdt = await trainGbdt(train, { n_rounds: 5, max_depth: 2 });
 * const evaluation = evaluateCandidate(test, gbdt, fitLogistic(train), {
 *   gate: GateParams.parse({}),
 *   shapRows: 50,
 * });
 * const report = buildValidationReport({
 *   evaluation, test, train, trainScores: predictProba(gbdt, train),
 *   served: gbdtModel(gbdt), models: [gbdtModel(gbdt), logisticModel(fitLogistic(train))],
 *   monotone: {}, tiers: { names: ["low", "high"], thresholds: [0.5] },
 * });
 * if (report.discrimination.deciles.length !== 10) throw new Error("expected ten deciles");
 * ```
 */
export function buildValidationReport(input: ValidationInput): ValidationReport {
  const { evaluation, test, train } = input;
  const scores = evaluation.scores.candidate;
  const labels = evaluation.labels;
  const deciles = decileTable(scores, labels);
  const roc = rocCurve(scores, labels);
  const kept = thinIndices(roc.fpr.length, 201);
  const last = input.tiers.names.length - 1;
  const cut = input.tiers.thresholds[last - 1];
  const declinedBy = last === 0
    ? "no tier declines (one tier)"
    : `tier ${input.tiers.names[last]} (p ≥ ${cut})`;
  const report: ValidationReport = {
    format: "riskpipe.validation",
    formatVersion: 1,
    model: { kind: evaluation.chosen.kind, reason: evaluation.chosen.reason },
    rows: { train: train.rows, test: test.rows, testBads: evaluation.candidate.positives },
    discrimination: {
      auc: evaluation.candidate.rocAuc,
      gini: evaluation.candidate.gini,
      ks: evaluation.candidate.ks,
      decileKs: Math.max(...deciles.map((d) => d.ks)),
      deciles,
      roc: { fpr: [...kept].map((k) => roc.fpr[k]), tpr: [...kept].map((k) => roc.tpr[k]) },
    },
    calibration: {
      interval: "wilson",
      level: CALIBRATION_LEVEL,
      deciles: calibrationDeciles(scores, labels),
    },
    stability: {
      warn: PSI_WARN,
      alert: PSI_ALERT,
      score: scoreStability(input.trainScores, scores),
      features: featureStability(train, test),
    },
    woe: woeTable(train, input.scorecard),
    points: pointsOf(input.scorecard),
    reasonCodes: reasonCodeFrequencies(
      input.reasonCodes,
      () => declinedContributions(input, last === 0 ? Infinity : cut),
      declinedBy,
    ),
    adverseImpact: adverseImpactOf(evaluation.fairness),
    monotonicity: monotonicityChecks(input.models, input.monotone, train, test),
    gate: {
      passed: evaluation.gate.passed,
      enforce: evaluation.gate.enforce,
      checks: evaluation.gate.checks.map((c) => ({
        name: c.name,
        value: c.value,
        threshold: c.threshold,
        status: c.status,
        detail: c.detail,
      })),
    },
  };
  return ValidationReport.parse(report);
}

/** The test rows scored at or above `cut`, in the served model's features, explained. */
function declinedContributions(input: ValidationInput, cut: number): DeclinedContributions {
  const scores = input.evaluation.scores.candidate;
  const rows: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] >= cut) rows.push(i);
  const data = takeRows(alignFeatures(input.test, input.served), rows);
  return { data, contributions: input.served.contributions(data) };
}
