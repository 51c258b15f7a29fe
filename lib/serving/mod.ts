/**
 * Serving a registered model: loading a version for scoring, request validation,
 * micro-batched ONNX scoring, risk tiers, hot reload, Prometheus metrics and OpenAPI.
 */
export { type BatchingScorer, createBatchingScorer } from "./batcher.ts";
export {
  createLiveModel,
  type LiveModel,
  type LiveModelSource,
  NoModelError,
} from "./live_model.ts";
export type { ReloadResult } from "./live_model.ts";
export type { InferenceRecord, LogStats, LogStore } from "./log_store.ts";
export { createMetricsRegistry, type Labels, type MetricsRegistry } from "./metrics.ts";
export { loadServingModel, type LoadServingModelOptions, type ServingModel } from "./model.ts";
export { buildOpenApi, type OpenApiOptions } from "./openapi.ts";
export { contractExampleRow, rowJsonSchema } from "./openapi_row.ts";
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
export { parseServingInfo, SERVING_FILE, ServingInfo, SNAPSHOT_FILE } from "./serving_info.ts";
export { createFeatureSnapshot, type FeatureSnapshot, loadFeatureSnapshot } from "./snapshot.ts";
export { assignTier, DEFAULT_TIERS, TierSpec } from "../tiers/mod.ts";
export { type RegistryWatcher, watchRegistry, type WatchRegistryOptions } from "./watch.ts";
export { type ServingArtifactsInput, writeServingArtifacts } from "./artifacts.ts";
export { compileFastCheck, type FastRowCheck } from "./fast_check.ts";
export { compileCsvRowReader, type CsvRowRead, type CsvRowReader } from "./csv_row.ts";
export { type RequestRules, requestRules } from "./request_rules.ts";
export { compileRequestFeatures, type RequestFeatureWriter } from "./request_features.ts";
export { type BatchFeatureWriter, compileBatchFeatures } from "./batch_features.ts";
