/** The validation report page: every section in reading order. */
import { type Lineage, renderPage } from "../../../report/mod.ts";
import type { ValidationReport } from "../schema.ts";
import { calibrationSection } from "./calibration.ts";
import { decilesSection, rocSection, summarySection } from "./discrimination.ts";
import { pointsSection, woeSection } from "./binning.ts";
import {
  adverseImpactSection,
  gateSection,
  monotonicitySection,
  reasonCodesSection,
} from "./governance.ts";
import { stabilitySection } from "./stability.ts";

/**
 * validation.html: a static page a model-risk reviewer reads without running anything.
 * The evaluate stage writes it to reports/evaluation/validation.html from the report
 * buildValidationReport gave (see its example).
 */
export function renderValidationReport(report: ValidationReport, lineage: Lineage): string {
  return renderPage({
    title: "Model validation report",
    subtitle: `The ${report.model.kind} candidate on the test split, against the training split.`,
    lineage,
    sections: [
      summarySection(report),
      decilesSection(report),
      rocSection(report),
      calibrationSection(report),
      stabilitySection(report),
      woeSection(report),
      pointsSection(report),
      reasonCodesSection(report),
      adverseImpactSection(report),
      monotonicitySection(report),
      gateSection(report),
    ],
  });
}
