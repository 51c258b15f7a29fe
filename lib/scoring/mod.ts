/**
 * Scoring a registered version, for any caller (the API, `deno task score`, drift): the
 * loaded and the live (hot-reloading) model, micro-batched ONNX scoring, request
 * validation, request and batch features, and batch scoring of a CSV or parquet file
 * (bad rows listed rather than fatal).
 */
export { scoreFile, type ScoreFileOptions, type ScoreFileResult } from "./score_file.ts";
export { type InputChunk, openScoringInput, type ScoringInput } from "./input.ts";
export {
  openScoresWriter,
  REASONS,
  scoreColumns,
  type ScoredRow,
  type ScoresWriter,
  type ScoresWriterOptions,
} from "./output.ts";
export { type BadRowIssue, createIssueCollector, type InputIssues } from "./issues.ts";
export { type BatchingScorer, createBatchingScorer } from "./batcher.ts";
export {
  createLiveModel,
  type LiveModel,
  type LiveModelSource,
  NoModelError,
  type ReloadResult,
} from "./live_model.ts";
export { loadServingModel, type LoadServingModelOptions, type ServingModel } from "./model.ts";
export {
  type AcceptedRow,
  acceptRequestRow,
  type BatchRequest,
  checkRequestRow,
  parseJsonBody,
  RequestError,
  type RowValidator,
  validateBatchRequest,
  validateRequestRow,
} from "./request.ts";
export { compileFastCheck, type FastRowCheck } from "./fast_check.ts";
export { compileRequestFeatures, type RequestFeatureWriter } from "./request_features.ts";
export { type BatchFeatureWriter, compileBatchFeatures } from "./batch_features.ts";
export {
  type CompiledFeatures,
  compileFeatureVectors,
  featuresInto,
  featuresOf,
  featuresOfBatch,
} from "./feature_vectors.ts";
