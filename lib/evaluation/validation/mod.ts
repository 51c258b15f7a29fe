/**
 * The model validation report: validation.json (Gini, KS deciles, ROC, calibration with
 * Wilson intervals, score PSI and feature CSI, WOE/IV, points, reason codes, adverse
 * impact, monotonicity, the gate) and its static page, validation.html.
 */
export { type CandidateValidation, monotoneOf, validateCandidate } from "./candidate.ts";
export { buildValidationReport, type ValidationInput } from "./build.ts";
export { type ExplainedModel, gbdtModel, logisticModel, scorecardModel } from "./models.ts";
export {
  type DeclinedContributions,
  type ReasonCodeCounter,
  reasonCodeFrequencies,
} from "./reason_codes.ts";
export { VALIDATION_HTML, VALIDATION_JSON, ValidationReport } from "./schema.ts";
export { wilsonInterval, Z_95 } from "./wilson.ts";
export { decileTable } from "./deciles.ts";
export { renderValidationReport } from "./report/mod.ts";
