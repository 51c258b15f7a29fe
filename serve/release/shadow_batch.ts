/**
 * Scores a gathered batch of shadow jobs with the challenger in one ONNX run (or one per
 * `maxBatchRows` rows): each job validated against the challenger's own contract, the
 * accepted rows' features built together, every row logged with its pair id. One run for
 * many requests costs the event loop far less than one run each.
 */
import { acceptRequestRow, RequestError, validateBatchRequest } from "../../lib/scoring/request.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import type { InferenceRecord } from "../../lib/inference_log/mod.ts";
import { assignTier } from "../../lib/tiers/mod.ts";
import type { ServeContext } from "../context.ts";
import type { ShadowJob } from "./shadow.ts";

interface AcceptedJob {
  job: ShadowJob;
  rows: Record<string, unknown>[];
}

/** Scores `jobs` with `model` and logs their rows; failures are counted, never thrown. */
export async function scoreShadowJobs(
  ctx: ServeContext,
  model: ServingModel,
  jobs: readonly ShadowJob[],
): Promise<void> {
  let group: AcceptedJob[] = [];
  let rows = 0;
  for (const job of jobs) {
    let accepted: AcceptedJob;
    try {
      accepted = { job, rows: acceptedRows(model, job, ctx.maxBatchRows) };
    } catch (error) {
      ctx.metrics.versions.shadowFailed(
        model.version,
        error instanceof RequestError ? "rejected" : "error",
      );
      continue;
    }
    if (rows + accepted.rows.length > ctx.maxBatchRows && group.length > 0) {
      await scoreGroup(ctx, model, group);
      group = [];
      rows = 0;
    }
    group.push(accepted);
    rows += accepted.rows.length;
  }
  if (group.length > 0) await scoreGroup(ctx, model, group);
}

async function scoreGroup(
  ctx: ServeContext,
  model: ServingModel,
  group: AcceptedJob[],
): Promise<void> {
  const rows = group.flatMap((accepted) => accepted.rows);
  let scores: Float32Array;
  const start = performance.now();
  try {
    scores = await model.scorer.score(model.featuresOfBatch(rows), rows.length);
  } catch {
    for (const _ of group) ctx.metrics.versions.shadowFailed(model.version, "error");
    return;
  }
  const latencyMs = performance.now() - start;
  const seconds = latencyMs / 1000;
  const time = ctx.clock().toISOString();
  const records: InferenceRecord[] = [];
  let k = 0;
  for (const { job, rows: jobRows } of group) {
    ctx.metrics.versions.scored(model.version, "shadow", job.endpoint, seconds);
    const bytes = !job.batch && job.inputsUtf8 !== undefined ? { inputsUtf8: job.inputsUtf8 } : {};
    for (let i = 0; i < jobRows.length; i++) {
      const score = scores[k++];
      const tier = assignTier(score, model.info.tiers);
      ctx.metrics.score(score, tier, model.version, "shadow");
      records.push({
        requestId: job.requestId,
        time,
        modelVersion: model.version,
        endpoint: job.endpoint,
        inputs: jobRows[i],
        ...bytes,
        score,
        tier,
        pairId: job.pairIds[i],
        shadow: true,
        latencyMs,
      });
    }
  }
  ctx.record(records);
}

/** The job's rows as the challenger's own contract accepts them (throws RequestError). */
function acceptedRows(
  model: ServingModel,
  job: ShadowJob,
  maxBatchRows: number,
): Record<string, unknown>[] {
  if (job.batch) return validateBatchRequest(model, job.body, maxBatchRows).rows;
  return [acceptRequestRow(model, job.body).row];
}
