/**
 * A registered version loaded for serving: its checked artifacts, the request schema
 * from its contract, request-time features (plus snapshot lookups), an ONNX session
 * of its chosen model (GBDT, logistic or scorecard) behind a micro-batcher, and that model's SHAP
 * explainer.
 */
import { join } from "node:path";
import { type RowSchema, rowSchema } from "../contracts/mod.ts";
import { homeCreditContract } from "../contracts/mod.ts";
import type { FeatureManifest } from "../features/mod.ts";
import { readManifest } from "../features/manifest/mod.ts";
import { openOnnxScorer } from "../model/onnx/mod.ts";
import type { RowExplanation } from "../model/shap/mod.ts";
import type { GbdtModel, LogisticModel } from "../model/types.ts";
import type { ScorecardModel } from "../model/scorecard/types.ts";
import type { ModelChoice } from "../training/choice.ts";
// The model file readers alone: serving never loads the trainer and its workers.
import { type ChosenModel, explainChosen, loadChosenModel } from "./chosen_model.ts";
import { loadVersion, loadVersionSnapshot, type VersionInfo } from "../registry/mod.ts";
import { type BatchingScorer, createBatchingScorer } from "./batcher.ts";
import { compileFastCheck, type FastRowCheck } from "./fast_check.ts";
import {
  compileFeatureVectors,
  featuresInto,
  featuresOf,
  featuresOfBatch,
} from "./feature_vectors.ts";
import { SERVING_FILE, type ServingInfo } from "../registry/serving_info.ts";
import { requestRules } from "../registry/request_rules.ts";
import type { CsvRowReader } from "../registry/csv_row.ts";
import type { FeatureSnapshot } from "../registry/snapshot.ts";
import { DEFAULT_TIERS } from "../tiers/mod.ts";
import { readReasonIndex, type ReasonIndex, REASONS_FILE } from "../governance/reasons/mod.ts";
import { loadServingOutliers, type ServingOutliers } from "./outliers.ts";

/** One version, ready to score. */
export interface ServingModel {
  readonly version: string;
  readonly record: VersionInfo;
  readonly manifest: FeatureManifest;
  /** Which kind the version serves (choice.json; a GBDT when it has none) and why. */
  readonly choice: ModelChoice;
  /** The served model: the GBDT, or the logistic model or scorecard when that was chosen. */
  readonly gbdt?: GbdtModel;
  readonly logistic?: LogisticModel;
  readonly scorecard?: ScorecardModel;
  readonly info: ServingInfo;
  /** Validates one request row (strict: unknown fields are rejected). */
  readonly schema: RowSchema;
  /** Accepts rows that certainly pass `schema` without running zod. */
  readonly fastCheck: FastRowCheck;
  /** Reads a raw row as the training CSV held it (csv versions with stored rules). */
  readonly read?: CsvRowReader;
  readonly snapshot: FeatureSnapshot | undefined;
  readonly scorer: BatchingScorer;
  /** The model's feature vector of a validated row (NaN = missing). */
  featuresOf(row: Record<string, unknown>): Float64Array;
  /** As `featuresOf`, written into `out` (one row's width) to spare an allocation. */
  featuresInto(row: Record<string, unknown>, out: Float64Array): Float64Array;
  /** The feature vectors of validated rows, row-major in one array (equal to `featuresOf`). */
  featuresOfBatch(rows: readonly Record<string, unknown>[]): Float64Array;
  /** SHAP reasons for one feature vector (TreeSHAP, exact linear SHAP or the points). */
  explain(values: Float64Array): RowExplanation;
  /**
   * The version's reason table (its reasons.yaml) compiled against its features, for the
   * principal reasons of an explanation; every feature unmapped when it has none. Absent
   * only where a caller turned reasons off (bench/serve/reasons_bench.ts).
   */
  readonly reasons?: ReasonIndex;
  /**
   * The version's outlier scorer (outliers.onnx); absent for a version without one, or
   * when loaded with `outliers: false`.
   */
  readonly outliers?: ServingOutliers;
  /** Frees the ONNX sessions. */
  release(): Promise<void>;
}

/** Options for {@link loadServingModel}. */
export interface LoadServingModelOptions {
  /** Largest micro-batch (rows) per ONNX run. */
  maxBatchRows?: number;
  /** false: do not load the version's outlier model (rows are scored without it). */
  outliers?: boolean;
}

/**
 * Loads `version` from the registry at `root`, verifying every artifact's checksum.
 * @example
 * const model = await loadServingModel("data/registry", "v0003");
 */
export async function loadServingModel(
  root: string,
  version: string,
  options: LoadServingModelOptions = {},
): Promise<ServingModel> {
  const { record, serving } = await loadVersion(root, version);
  const manifest = await readManifest(join(record.dir, "manifest.json"));
  const chosen = await loadChosenModel(record, manifest);
  const info = serving ?? legacyServingInfo(version, manifest);
  const snapshot = await loadVersionSnapshot(record, info);
  const onnx = await openOnnxScorer(chosen.onnx, manifest.features.length);
  const scorer = createBatchingScorer(onnx, { maxRows: options.maxBatchRows });
  const rules = requestRules(info);
  const schema = rowSchema(rules.contract, { omit: [...rules.omit] });
  const features = compileFeatureVectors(manifest, snapshot);
  const outliers = options.outliers === false
    ? undefined
    : await loadServingOutliers(record, manifest.features.length);
  const reasons = await readReasonIndex(
    REASONS_FILE in record.artifacts ? join(record.dir, REASONS_FILE) : undefined,
    manifest,
  );
  return {
    version,
    record,
    manifest,
    choice: chosen.choice,
    ...servedModelOf(chosen),
    info,
    schema,
    fastCheck: compileFastCheck(rules.contract, rules.omit),
    ...(rules.read === undefined ? {} : { read: rules.read }),
    snapshot,
    scorer,
    featuresOf: (row) => featuresOf(features, row),
    featuresInto: (row, out) => featuresInto(features, row, out),
    featuresOfBatch: (rows) => featuresOfBatch(features, rows),
    explain: (values) => explainChosen(chosen, values, manifest, 3),
    reasons,
    ...(outliers === undefined ? {} : { outliers }),
    release: async () => {
      await onnx.release();
      await outliers?.release();
    },
  };
}

/** The chosen model under its kind's field of {@link ServingModel}. */
function servedModelOf(
  chosen: ChosenModel,
): Pick<ServingModel, "gbdt" | "logistic" | "scorecard"> {
  switch (chosen.kind) {
    case "gbdt":
      return { gbdt: chosen.gbdt };
    case "logistic":
      return { logistic: chosen.logistic };
    case "scorecard":
      return { scorecard: chosen.scorecard };
  }
}

/**
 * Versions registered before serving.json existed: a Home Credit feature store is
 * served from the application_train contract with default tiers and no history lookups.
 */
function legacyServingInfo(version: string, manifest: FeatureManifest): ServingInfo {
  if (manifest.key !== "SK_ID_CURR") {
    throw new RangeError(
      `Cannot serve ${version}: it has no ${SERVING_FILE} (register it again to add one)`,
    );
  }
  return {
    formatVersion: 1,
    source: "synthetic",
    contract: homeCreditContract("application_train", { source: "synthetic" }),
    omit: [manifest.target],
    tiers: DEFAULT_TIERS,
    snapshot: null,
  };
}
