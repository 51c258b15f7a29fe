/**
 * Retraining on an alert (`deno task monitor --retrain`): which labelled logged rows
 * qualify, the content-addressed CSV source they make with the reference, and the run that
 * registers its model as @challenger.
 */
export { csvLine, type CsvLineDialect } from "./csv_line.ts";
export { RetrainParams } from "../retrain_params.ts";
export { readReferenceCsv, type ReferenceCsv } from "./reference.ts";
export {
  PIPELINE_REGISTRY,
  RetrainError,
  type RetrainOptions,
  type RetrainResult,
  runRetrain,
} from "./run.ts";
export {
  idText,
  type RetrainRowCounts,
  type RetrainSelection,
  selectRetrainRows,
  type SelectRetrainRowsOptions,
} from "./select.ts";
export { RETRAIN_DIR, type RetrainSource, writeRetrainSource } from "./source.ts";
export { retrainWindow } from "./window.ts";
