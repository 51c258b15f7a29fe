/**
 * Evaluation of a candidate on the test split: every candidate model's metrics (GBDT,
 * logistic, and the scorecard when train made one), curves for the report, global
 * importance (mean |SHAP|), the comparison with the production version on the same rows,
 * and the promotion gate. The candidate is the model train chose (choice.json);
 * calibration, gains, KS, tiers, importance and the gate are the chosen model's.
 */
import type { Dataset, GbdtModel, LogisticModel } from "../model/types.ts";
import { type EitherModel, eitherShapBatch, predictEitherProba } from "../model/either/mod.ts";
import { pointsTable, type PointsTableRow, predictScorecard } from "../model/scorecard/mod.ts";
import type { ScorecardModel, ScorecardScaling } from "../model/scorecard/types.ts";
import { predictProba } from "../model/gbdt/mod.ts";
import { predictLogisticProba } from "../model/logistic/mod.ts";
import {
  type BinarySummary,
  type CalibrationBin,
  calibrationTable,
  type GainsRow,
  gainsTable,
  type KsCurve,
  ksCurve,
  type PrCurve,
  prCurve,
  type RocCurve,
  rocCurve,
  summariseBinary,
} from "../model/metrics/mod.ts";
import {
  type FeatureImportance,
  globalImportance,
  meanAbsShap,
  type ShapBatch,
} from "../model/shap/mod.ts";
import type { ModelChoice, ModelKind } from "../training/choice.ts";
import { psi } from "../drift/stats/psi.ts";
import { createRng } from "../random/mod.ts";
import { takeRows } from "../model/dataset.ts";
import { evaluateGate, type GateParams, type GateResult } from "./gate.ts";
import { calibrationEvidence } from "./calibration.ts";
import { confusionByTier, type TierOutcome } from "./tiers.ts";
import { DEFAULT_TIERS, type TierSpec } from "../tiers/mod.ts";
import type { DerivedTiers } from "../tiers/quantile.ts";
import { type FairnessReport, fairnessReport, type ProtectedColumn } from "./fairness.ts";

/** The production version to compare with, when there is one. */
export interface ProductionModel {
  version: string;
  /** Production's served model (its GBDT, or its logistic model when that was chosen). */
  model: EitherModel;
}

/** The ROC and PR curves of one model on the test split. */
export interface ModelCurves {
  /** "gbdt", "baseline", "scorecard" or the production version. */
  model: string;
  roc: RocCurve;
  pr: PrCurve;
}

/** SHAP values of the sampled test rows with the feature values they explain. */
export interface ShapSample {
  /** Test-split row indices, ascending. */
  rows: Uint32Array;
  batch: ShapBatch;
  /** values[j][k]: feature j of sampled row k (NaN when missing). */
  values: Float64Array[];
}

/** Everything evaluate writes (metrics.json holds all but the raw scores). */
export interface Evaluation {
  /** Which model is the candidate, and why train chose it. */
  chosen: { kind: ModelKind; reason: string };
  /** The chosen model's metrics (equal to `gbdt`, `baseline` or `scorecard`). */
  candidate: BinarySummary;
  gbdt: BinarySummary;
  baseline: BinarySummary;
  /** The scorecard's metrics, when train made one. */
  scorecard?: BinarySummary;
  /** The scorecard's points table and scaling, when train made one (the report's section). */
  points?: { scaling: ScorecardScaling; table: PointsTableRow[] };
  production?: BinarySummary & { version: string };
  calibration: CalibrationBin[];
  gains: GainsRow[];
  importance: FeatureImportance[];
  gate: GateResult;
  /** Test-set probabilities of each model, row-aligned with the test split. */
  scores: {
    gbdt: Float64Array;
    baseline: Float64Array;
    scorecard?: Float64Array;
    candidate: Float64Array;
    production?: Float64Array;
  };
  /** The test split's 0/1 target, row-aligned with the scores. */
  labels: Float64Array;
  /** Curves of the GBDT, the baseline, the scorecard and production (those there are), in that order. */
  curves: ModelCurves[];
  /** The candidate's KS curve: TPR and FPR against the score threshold. */
  ks: KsCurve;
  /** The other model's gains (the logistic baseline, or the GBDT when the logistic won). */
  baselineGains: GainsRow[];
  /** The candidate's outcomes by risk tier. */
  tiers: TierOutcome[];
  /** How the tier thresholds were set, when derived from the data (serve.tiers_by: quantile). */
  tierOrigin?: string;
  /** The candidate's SHAP values on the sampled rows (the importance sample). */
  shapSample: ShapSample;
  /** Adverse impact ratios and AUC per group of each protected attribute, when any. */
  fairness?: FairnessReport;
}

/** Options for {@link evaluateCandidate}. */
export interface EvaluateOptions {
  gate: GateParams;
  production?: ProductionModel;
  /** Rows sampled (seeded) for TreeSHAP importance; all rows when fewer. */
  shapRows?: number;
  seed?: number;
  /** Risk tiers for the confusion by tier (derived ones say how); {@link DEFAULT_TIERS} otherwise. */
  tiers?: TierSpec | DerivedTiers;
  /** The candidate's scorecard (scorecard.json), when train made one. */
  scorecard?: ScorecardModel;
  /** train's choice (choice.json); the GBDT when absent. */
  choice?: Pick<ModelChoice, "kind" | "reason">;
  /** Protected attributes (governance.protected), row-aligned with the test split. */
  fairness?: { columns: ProtectedColumn[]; minGroupRows: number };
}

/** Scores the test split with every model and judges the candidate. */
export function evaluateCandidate(
  test: Dataset,
  gbdt: GbdtModel,
  baseline: LogisticModel,
  options: EvaluateOptions,
): Evaluation {
  const label = test.label;
  if (label === undefined) throw new RangeError("Cannot evaluate: the test split has no target");
  const gbdtScores = predictProba(gbdt, test);
  const baselineScores = predictLogisticProba(baseline, test);
  const gbdtSummary = summariseBinary(gbdtScores, label);
  const baselineSummary = summariseBinary(baselineScores, label);
  const card = options.scorecard;
  const cardScores = card && predictScorecard(card, test);
  const cardSummary = cardScores && summariseBinary(cardScores, label);
  const chosen = options.choice ?? { kind: "gbdt", reason: "chosen: gbdt (no choice recorded)" };
  if (chosen.kind === "scorecard" && card === undefined) {
    throw new RangeError("Cannot evaluate: train chose the scorecard but no scorecard was given");
  }
  const logisticWon = chosen.kind === "logistic";
  const candidateScores = chosen.kind === "scorecard"
    ? cardScores!
    : logisticWon
    ? baselineScores
    : gbdtScores;
  // The report's second model: the logistic baseline, or the GBDT when the logistic won.
  const otherScores = logisticWon ? gbdtScores : baselineScores;
  const candidateSummary = chosen.kind === "scorecard"
    ? cardSummary!
    : logisticWon
    ? baselineSummary
    : gbdtSummary;
  const sample = sampleRows(test.rows, options.shapRows ?? 2000, options.seed ?? 0);
  const sampled = takeRows(test, sample);
  const candidateModel: EitherModel = chosen.kind === "scorecard"
    ? card!
    : logisticWon
    ? baseline
    : gbdt;
  const batch = eitherShapBatch(candidateModel, sampled);
  const importance = rankImportance(candidateModel, batch);
  let production: Evaluation["production"];
  let productionScores: Float64Array | undefined;
  let productionTop: string[] = [];
  if (options.production) {
    const aligned = alignFeatures(test, options.production.model);
    productionScores = predictEitherProba(options.production.model, aligned);
    production = {
      version: options.production.version,
      ...summariseBinary(productionScores, label),
    };
    const productionModel = options.production.model;
    productionTop = productionModel.format === "riskpipe.gbdt"
      ? globalImportance(productionModel, takeRows(aligned, sample)).map((f) => f.name)
      : rankImportance(
        productionModel,
        eitherShapBatch(productionModel, takeRows(aligned, sample)),
      ).map((f) => f.name);
  }
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const fairness = options.fairness === undefined ? undefined : fairnessReport(
    candidateScores,
    label,
    options.fairness.columns,
    { tiers, minGroupRows: options.fairness.minGroupRows },
  );
  const gate = evaluateGate({
    candidateAuc: candidateSummary.rocAuc,
    baselineAuc: baselineSummary.rocAuc,
    candidateEce: candidateSummary.ece,
    calibration: calibrationEvidence(candidateScores, label, {
      test: options.gate.calibration_test,
      alpha: options.gate.calibration_alpha,
      resamples: options.gate.calibration_resamples,
      seed: options.gate.calibration_seed,
    }),
    candidateTopFeatures: importance.map((f) => f.name),
    fairness: fairness && {
      attributes: fairness.attributes.map((a) => a.attribute),
      minGroupRows: fairness.minGroupRows,
      lowest: fairness.lowest,
    },
    production: production && productionScores
      ? {
        version: production.version,
        auc: production.rocAuc,
        scorePsi: psi(productionScores, candidateScores).value,
        topFeatures: productionTop,
      }
      : undefined,
  }, options.gate);
  return {
    chosen: { kind: chosen.kind, reason: chosen.reason },
    candidate: candidateSummary,
    gbdt: gbdtSummary,
    baseline: baselineSummary,
    ...(cardSummary && card
      ? { scorecard: cardSummary, points: { scaling: card.scaling, table: pointsTable(card) } }
      : {}),
    production,
    calibration: calibrationTable(candidateScores, label, 10, "quantile"),
    gains: gainsTable(candidateScores, label),
    importance,
    gate,
    scores: {
      gbdt: gbdtScores,
      baseline: baselineScores,
      ...(cardScores ? { scorecard: cardScores } : {}),
      candidate: candidateScores,
      production: productionScores,
    },
    labels: label,
    curves: [
      modelCurves("gbdt", gbdtScores, label),
      modelCurves("baseline", baselineScores, label),
      ...(cardScores ? [modelCurves("scorecard", cardScores, label)] : []),
      ...(production && productionScores
        ? [modelCurves(production.version, productionScores, label)]
        : []),
    ],
    ks: ksCurve(candidateScores, label),
    baselineGains: gainsTable(otherScores, label),
    tiers: confusionByTier(candidateScores, label, tiers),
    ...tierOrigin(options.tiers),
    shapSample: { rows: sample, batch, values: sampled.columns.map((c) => Float64Array.from(c)) },
    ...(fairness === undefined ? {} : { fairness }),
  };
}

function tierOrigin(tiers: TierSpec | DerivedTiers | undefined): { tierOrigin?: string } {
  if (tiers === undefined || !("by" in tiers) || tiers.by !== "quantile") return {};
  const at = (tiers.quantiles ?? []).map((q) => `${Number((q * 100).toFixed(2))}%`).join(", ");
  return {
    tierOrigin: `Thresholds at the ${at} quantiles of the candidate's scores on ${
      (tiers.rows ?? 0).toLocaleString("en-US")
    } training rows (serve.tiers_by: quantile), stored with the version.`,
  };
}

function modelCurves(model: string, scores: Float64Array, labels: Float64Array): ModelCurves {
  return { model, roc: rocCurve(scores, labels), pr: prCurve(scores, labels) };
}

/** globalImportance's ranking, from a SHAP batch already computed for the summary plot. */
function rankImportance(model: EitherModel, batch: ShapBatch): FeatureImportance[] {
  const means = meanAbsShap(batch);
  return model.features
    .map((spec, feature) => ({ feature, name: spec.name, meanAbsShap: means[feature] }))
    .sort((a, b) => b.meanAbsShap - a.meanAbsShap || a.feature - b.feature);
}

/**
 * The test split laid out in another model's feature order (matched by name); a feature
 * the test split lacks becomes all-missing, as it would be when served.
 */
export function alignFeatures(data: Dataset, model: Pick<EitherModel, "features">): Dataset {
  const byName = new Map(data.features.map((f, j) => [f.name, j]));
  const columns = model.features.map((f) => {
    const j = byName.get(f.name);
    return j === undefined ? new Float64Array(data.rows).fill(NaN) : data.columns[j];
  });
  return { features: model.features, columns, rows: data.rows, label: data.label };
}

function sampleRows(rows: number, limit: number, seed: number): Uint32Array {
  const all = Array.from({ length: rows }, (_, i) => i);
  if (rows <= limit) return Uint32Array.from(all);
  return Uint32Array.from(createRng(seed).shuffle(all).slice(0, limit)).sort();
}
