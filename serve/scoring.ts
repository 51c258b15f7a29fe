/** Scores validated rows with one model: features, ONNX, tiers, optional reasons, log. */
import { assignTier } from "../lib/tiers/mod.ts";
import type { ServingModel } from "../lib/scoring/model.ts";
import type { RowExplanation } from "../lib/model/shap/mod.ts";
import type { ServeContext } from "./context.ts";
import type { z } from "zod";
import type { ExplanationFields } from "./api_schemas.ts";
import { namedPrincipalReasons } from "../lib/governance/reasons/mod.ts";
import type { OutlierScore } from "../lib/model/outlier/mod.ts";

/** One scored row as returned to the client. */
export interface Prediction {
  /** The row's id column value, when the row gave one. */
  id?: string | number;
  probability: number;
  tier: string;
  /** The row's outlier result, when the version has an outlier model. */
  outlier?: OutlierScore;
  explanation?: ExplanationBody;
}

/** Reasons for one row, as returned to the client (and documented in /openapi.json). */
export type ExplanationBody = z.infer<typeof ExplanationFields>;

/**
 * Scores `rows` (already validated) with the version that answers the client and logs
 * each one (a shadow challenger scores through serve/release/shadow_batch.ts).
 */
export async function scoreRows(
  ctx: ServeContext,
  model: ServingModel,
  rows: Record<string, unknown>[],
  options: {
    endpoint: string;
    requestId: string;
    explain: boolean;
    /** A single row's UTF-8 JSON as the client sent it (logged as it is). */
    inputsUtf8?: Uint8Array;
    /** Per row, the fields whose category level is unseen (counted in /metrics). */
    unseen?: readonly (readonly string[])[];
    /** Per row, the id pairing it with the other version's row (shadow releases). */
    pairIds?: readonly string[];
  },
): Promise<Prediction[]> {
  const start = performance.now();
  const width = model.scorer.featureCount;
  // One row takes the row path into a reused buffer (the scorer copies it before
  // returning); reasons, computed after the await, need a vector of their own.
  const features = rows.length > 1
    ? model.featuresOfBatch(rows)
    : options.explain
    ? model.featuresOf(rows[0])
    : model.featuresInto(rows[0], scratchOf(width));
  // Both scorers copy the features before returning, so the scratch buffer may be reused.
  const outlierRun = model.outliers?.score(features, rows.length);
  const scores = await model.scorer.score(features, rows.length);
  const latencyMs = performance.now() - start;
  ctx.metrics.versions.scored(model.version, "answer", options.endpoint, latencyMs / 1000);
  const outliers = await outlierRun;
  const time = ctx.clock().toISOString();
  // A csv version echoes the row's id column when the row gave it (it is optional there).
  const key = model.read === undefined ? undefined : model.manifest.key;
  const predictions = rows.map((row, i): Prediction => {
    const probability = scores[i];
    const tier = assignTier(probability, model.info.tiers);
    ctx.metrics.score(probability, tier, model.version);
    for (const field of options.unseen?.[i] ?? []) ctx.metrics.unseenLevel(field);
    const id = key === undefined ? undefined : row[key];
    const echoed = typeof id === "string" || typeof id === "number" ? { id } : {};
    const outlier = outliers?.[i];
    if (outlier?.flag) ctx.metrics.outlier();
    const flagged = outlier === undefined ? {} : { outlier };
    return options.explain
      ? {
        ...echoed,
        probability,
        tier,
        ...flagged,
        explanation: explanationBody(
          model.explain(features.subarray(i * width, (i + 1) * width)),
          model,
        ),
      }
      : { ...echoed, probability, tier, ...flagged };
  });
  const inputsUtf8 = rows.length === 1 ? options.inputsUtf8 : undefined;
  const pairIds = options.pairIds;
  ctx.record(rows.map((inputs, i) => ({
    requestId: options.requestId,
    time,
    modelVersion: model.version,
    endpoint: options.endpoint,
    inputs,
    ...(inputsUtf8 === undefined ? {} : { inputsUtf8 }),
    score: predictions[i].probability,
    tier: predictions[i].tier,
    ...(pairIds === undefined ? {} : { pairId: pairIds[i] }),
    latencyMs,
    ...(outliers === undefined
      ? {}
      : { outlier: { score: outliers[i].score, flag: outliers[i].flag } }),
  })));
  return predictions;
}

let scratch = new Float64Array(0);

function scratchOf(width: number): Float64Array {
  if (scratch.length !== width) scratch = new Float64Array(width);
  return scratch;
}

function explanationBody(e: RowExplanation, model: ServingModel): ExplanationBody {
  const features = model.manifest.features;
  // A TF-IDF feature is described by its word or word pair ("late payment").
  const reason = (c: RowExplanation["up"][number]) => {
    const term = features[c.feature]?.text?.term;
    return {
      feature: c.name,
      ...(term === undefined ? {} : { description: term }),
      value: c.display,
      shap: c.shap,
    };
  };
  return {
    reasons: { up: e.up.map(reason), down: e.down.map(reason) },
    principalReasons: model.reasons === undefined
      ? []
      : namedPrincipalReasons(model.reasons, e.contributions),
    baseline: e.baselineProbability,
    summary: e.summary,
    ...(e.calibration === undefined ? {} : { calibration: e.calibration }),
  };
}
