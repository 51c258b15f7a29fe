/** POST /predict, /predict/batch and /explain. */
import { Hono } from "hono";
import { acceptRequestRow, validateBatchRequest } from "../../lib/scoring/request.ts";
import type { ServeContext } from "../context.ts";
import { jsonBody } from "../middleware/json_body.ts";
import { pairIdsOf } from "../release/shadow.ts";
import { scoreRows } from "../scoring.ts";
import { requestIdOf } from "../request_id.ts";
import { jsonAnswer } from "../sized_answer.ts";

/**
 * The scoring routes. The release routing picks the version that answers (the champion,
 * or in a canary the challenger for some applicants); in a shadow release the challenger
 * scores the body again after the answer is sent.
 */
export function predictRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  const body = jsonBody({ maxBytes: ctx.maxBodyBytes });

  app.post("/predict", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    const json = c.get("jsonBody");
    const pairIds = ctx.shadow.active() ? pairIdsOf(requestId, 1, false) : undefined;
    const answer = await ctx.release.answering(json).use(async (model) => {
      const { row, unseen } = acceptRequestRow(model, json);
      const [p] = await scoreRows(ctx, model, [row], {
        endpoint: "/predict",
        requestId,
        explain: false,
        inputsUtf8: c.get("jsonBodyBytes"),
        unseen: [unseen],
        pairIds,
      });
      return jsonAnswer(c, { requestId, modelVersion: model.version, ...p });
    });
    if (pairIds !== undefined) {
      const inputsUtf8 = c.get("jsonBodyBytes");
      ctx.shadow.mirror({
        endpoint: "/predict",
        requestId,
        body: json,
        batch: false,
        inputsUtf8,
        pairIds,
      });
    }
    return answer;
  });

  app.post("/predict/batch", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    const json = c.get("jsonBody");
    let pairIds: string[] | undefined;
    // A batch has one modelVersion, so a canary does not split it: the champion answers.
    const answer = await ctx.model.use(async (model) => {
      const batch = validateBatchRequest(model, json, ctx.maxBatchRows);
      if (ctx.shadow.active()) pairIds = pairIdsOf(requestId, batch.rows.length, true);
      const predictions = await scoreRows(ctx, model, batch.rows, {
        endpoint: "/predict/batch",
        requestId,
        explain: batch.explain,
        unseen: batch.unseen,
        pairIds,
      });
      return jsonAnswer(c, { requestId, modelVersion: model.version, predictions });
    });
    if (pairIds !== undefined) {
      ctx.shadow.mirror({
        endpoint: "/predict/batch",
        requestId,
        body: json,
        batch: true,
        pairIds,
      });
    }
    return answer;
  });

  app.post("/explain", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    const json = c.get("jsonBody");
    const pairIds = ctx.shadow.active() ? pairIdsOf(requestId, 1, false) : undefined;
    const answer = await ctx.release.answering(json).use(async (model) => {
      const { row, unseen } = acceptRequestRow(model, json);
      const [p] = await scoreRows(ctx, model, [row], {
        endpoint: "/explain",
        requestId,
        explain: true,
        inputsUtf8: c.get("jsonBodyBytes"),
        unseen: [unseen],
        pairIds,
      });
      const { explanation, ...rest } = p;
      return jsonAnswer(c, { requestId, modelVersion: model.version, ...rest, ...explanation });
    });
    if (pairIds !== undefined) {
      const inputsUtf8 = c.get("jsonBodyBytes");
      ctx.shadow.mirror({
        endpoint: "/explain",
        requestId,
        body: json,
        batch: false,
        inputsUtf8,
        pairIds,
      });
    }
    return answer;
  });

  return app;
}
