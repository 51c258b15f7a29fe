/** The evaluation report page: every section in reading order. */
import { type Lineage, renderPage } from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { importanceSection, shapSummarySection } from "./explain.ts";
import { gainsSection, tierSection } from "./operating.ts";
import { calibrationSection, distributionSection } from "./probability.ts";
import { curvesSection, ksSection } from "./ranking.ts";
import { fairnessSection } from "./fairness.ts";
import { comparisonSection, gateSection, metricsSection } from "./verdict.ts";

/**
 * reports/evaluation/index.html: metrics, gate, production comparison, curves,
 * calibration, distributions, KS, gains/lift, tiers, fairness (when protected attributes
 * were evaluated), importance and SHAP summary.
 * @example
 * await Deno.writeTextFile("reports/evaluation/index.html", renderEvaluationReport(result, lineage));
 */
export function renderEvaluationReport(evaluation: Evaluation, lineage: Lineage): string {
  return renderPage({
    title: "Evaluation report",
    subtitle: `Candidate ${
      evaluation.chosen.kind === "gbdt"
        ? "GBDT against the logistic baseline"
        : "logistic model against the GBDT"
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
    ],
  });
}

function optional<T>(section: T | undefined): T[] {
  return section === undefined ? [] : [section];
}
