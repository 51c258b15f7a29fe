/** Scores validated rows with one model: features, ONNX, tiers, optional reasons, log. */
import { assignTier, type ServingModel } from "../lib/serving/mod.ts";
import type { RowExplanation } from "../lib/model/shap/mod.ts";
import type { ServeContext } from "./context.ts";

/** One scored row as returned to the client. */
export interface Prediction {
  probability: number;
  tier: string;
  explanation?: ExplanationBody;
}

/** Reasons for one row, as returned to the client. */
export interface ExplanationBody {
  reasons: {
    up: { feature: string; value: string; shap: number }[];
    down: { feature: string; value: string; shap: number }[];
  };
  baseline: number;
  summary: string;
}

/** Scores `rows` (already validated) and logs each one. */
export async function scoreRows(
  ctx: ServeContext,
  model: ServingModel,
  rows: Record<string, unknown>[],
  options: { endpoint: string; requestId: string; explain: boolean },
): Promise<Prediction[]> {
  const width = model.scorer.featureCount;
  // One row takes the row path (no per-feature loop set-up); both give equal vectors.
  const features = rows.length === 1 ? model.featuresOf(rows[0]) : model.featuresOfBatch(rows);
  const block = new Float32Array(features);
  const scores = await model.scorer.score(block, rows.length);
  const time = ctx.clock().toISOString();
  const predictions = rows.map((_, i): Prediction => {
    const probability = scores[i];
    const tier = assignTier(probability, model.info.tiers);
    ctx.metrics.score(probability, tier);
    return options.explain
      ? {
        probability,
        tier,
        explanation: explanationBody(
          model.explain(features.subarray(i * width, (i + 1) * width)),
        ),
      }
      : { probability, tier };
  });
  ctx.record(rows.map((inputs, i) => ({
    requestId: options.requestId,
    time,
    modelVersion: model.version,
    endpoint: options.endpoint,
    inputs,
    score: predictions[i].probability,
    tier: predictions[i].tier,
  })));
  return predictions;
}

function explanationBody(e: RowExplanation): ExplanationBody {
  const reason = (c: RowExplanation["up"][number]) => ({
    feature: c.name,
    value: c.display,
    shap: c.shap,
  });
  return {
    reasons: { up: e.up.map(reason), down: e.down.map(reason) },
    baseline: 1 / (1 + Math.exp(-e.expectedValue)),
    summary: e.summary,
  };
}
