/**
 * Reason codes (adverse-action reasons): the reviewed reason table (`reasons.yaml`),
 * compiled against a model's features once per version, the principal reasons of a row
 * from its per-feature contributions, and the table's coverage of the top features.
 */
export {
  parseReasonTable,
  readReasonTable,
  ReasonEntry,
  REASONS_FILE,
  ReasonTable,
  ReasonTableError,
} from "./table.ts";
export {
  compileReasonIndex,
  type ReasonGroup,
  type ReasonIndex,
  unmappedFeatures,
} from "./compile.ts";
export {
  MAX_PRINCIPAL_REASONS,
  type NamedPrincipalReason,
  namedPrincipalReasons,
  type PrincipalReason,
  principalReasons,
} from "./principal.ts";
export {
  REASON_COVERAGE_TOP,
  type ReasonCoverage,
  reasonCoverage,
  type UnmappedTopFeature,
} from "./coverage.ts";
export { readReasonIndex } from "./read.ts";
export { countPrincipalReasons, reasonKey } from "./frequencies.ts";
