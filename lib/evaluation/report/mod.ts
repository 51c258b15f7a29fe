/** The evaluation report: one static page built from an {@link Evaluation} with lib/report. */
export { renderEvaluationReport } from "./page.ts";
export { modelLabel } from "./names.ts";
export { curvesSection, ksSection } from "./ranking.ts";
export { calibrationSection, distributionSection } from "./probability.ts";
export { gainsSection, tierSection } from "./operating.ts";
export { importanceSection, shapSummarySection } from "./explain.ts";
export { comparisonSection, gateSection, metricsSection } from "./verdict.ts";
export { cutoffLabel, fairnessSection } from "./fairness.ts";
export { reasonCoverageSection } from "./reasons.ts";
export { pointsSection } from "./points.ts";
