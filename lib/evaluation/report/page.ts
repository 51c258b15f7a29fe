/** The evaluation report page: every section in reading order. */
import { type Lineage, renderPage } from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { importanceSection, shapSummarySection } from "./explain.ts";
import { gainsSection, tierSection } from "./operating.ts";
import { calibrationSection, distributionSection } from "./probability.ts";
import { curvesSection, ksSection } from "./ranking.ts";
import { fairnessSection } from "./fairness.ts";
import { pointsSection } from "./points.ts";
import { comparisonSection, gateSection, metricsSection } from "./verdict.ts";
import { reasonCoverageSection } from "./reasons.ts";
import type { ReasonCoverage } from "../../governance/reasons/mod.ts";

/** What the report shows beside the evaluation itself. */
export interface EvaluationReportExtras {
  /** The reason table's coverage of the top features (a "Reason codes" section). */
  reasons?: ReasonCoverage;
}

/**
 * reports/evaluation/index.html: metrics, gate, production comparison, curves,
 * calibration, distributions, KS, gains/lift, tiers, fairness (when protected attributes
 * were evaluated), importance and SHAP summary, the scorecard's points (when there is one),
 * reason codes (when `extras.reasons` is given).
 * @example
 * ```ts
 * import { renderEvaluationReport } from "./page.ts";
 * import { evaluateCandidate, GateParams } from "../mod.ts";
 * import { makeSyntheticDataset } from "../../model/gbdt/synthetic.ts";
 * import { trainGbdt } from "../../model/gbdt/train.ts";
 * import { fitLogistic } from "../../model/logistic/fit.ts";
 * const train = makeSyntheticDataset({ rows: 400, features: 3, seed: 1 });
 * const test = makeSyntheticDataset({ rows: 200, features: 3, seed: 2 });
 * const gbdt = await trainGbdt(train, { n_rounds: 5, max_depth: 2 });
 * const result = evaluateCandidate(test, gbdt, fitLogistic(train), {
 *   gate: GateParams.parse({ min_auc: 0.5 }),
 *   shapRows: 50,
 * });
 * // the stage writes it to reports/evaluation/index.html
 * const html = renderEvaluationReport(result, { generatedAt: "2026-01-01T00:00:00Z" });
 * if (!html.startsWith("<!doctype html>")) throw new Error(html.slice(0, 40));
 * ```
 */
export function renderEvaluationReport(
  evaluation: Evaluation,
  lineage: Lineage,
  extras: EvaluationReportExtras = {},
): string {
  return renderPage({
    title: "Evaluation report",
    subtitle: `Candidate ${
      {
        gbdt: "GBDT against the logistic baseline",
        logistic: "logistic model against the GBDT",
        scorecard: "scorecard against the logistic baseline and the GBDT",
      }[evaluation.chosen.kind]
    }${
      evaluation.production ? ` and production ${evaluation.production.version}` : ""
    } on the test split (${evaluation.chosen.reason}).`,
    lineage,
    sections: [
      metricsSection(evaluation),
      gateSection(evaluation),
      comparisonSection(evaluation),
      curvesSection(evaluation),
      calibrationSection(evaluation),
      distributionSection(evaluation),
      ksSection(evaluation),
      gainsSection(evaluation),
      tierSection(evaluation),
      ...optional(fairnessSection(evaluation)),
      importanceSection(evaluation),
      shapSummarySection(evaluation),
      ...optional(pointsSection(evaluation)),
      ...optional(extras.reasons && reasonCoverageSection(extras.reasons)),
    ],
  });
}

function optional<T>(section: T | undefined): T[] {
  return section === undefined ? [] : [section];
}
