/**
 * Scores a matrix of model features (the V2 `features` tensor) with one version: ONNX
 * through the version's micro-batcher, tiers, metrics and the inference log. The rows
 * have no request fields, so they are logged with empty inputs (a drift window cannot
 * score them again) under their own endpoint name, with the version's outlier result when
 * it has an outlier model.
 */
import { assignTier } from "../../lib/tiers/mod.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import type { ServeContext } from "../context.ts";
import { FEATURE_VECTOR_ENDPOINT } from "../../lib/inference_log/export.ts";

/** The endpoint name feature-matrix rows are logged under (drift windows leave them out). */
export const FEATURES_ENDPOINT = FEATURE_VECTOR_ENDPOINT;

const NO_INPUTS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** Probabilities and tiers of scored feature rows. */
export interface ScoredFeatures {
  probabilities: Float32Array;
  tiers: string[];
}

/** Scores `rows` feature vectors in `values` (row-major) and logs each row. */
export async function scoreFeatures(
  ctx: ServeContext,
  model: ServingModel,
  values: Float32Array | Float64Array,
  rows: number,
  requestId: string,
): Promise<ScoredFeatures> {
  const outlierRun = model.outliers?.score(values, rows);
  const probabilities = await model.scorer.score(values, rows);
  // Outliers are logged and counted; the V2 outputs stay the protocol's.
  const outliers = await outlierRun;
  const time = ctx.clock().toISOString();
  const tiers = new Array<string>(rows);
  const records = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const score = probabilities[i];
    const tier = assignTier(score, model.info.tiers);
    ctx.metrics.score(score, tier, model.version);
    const outlier = outliers?.[i];
    if (outlier?.flag) ctx.metrics.outlier();
    tiers[i] = tier;
    records[i] = {
      requestId,
      time,
      modelVersion: model.version,
      endpoint: FEATURES_ENDPOINT,
      inputs: NO_INPUTS,
      score,
      tier,
      ...(outlier === undefined ? {} : { outlier: { score: outlier.score, flag: outlier.flag } }),
    };
  }
  ctx.record(records);
  return { probabilities, tiers };
}
