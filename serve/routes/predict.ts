/** POST /predict, /predict/batch and /explain. */
import { Hono } from "hono";
import { acceptRequestRow, validateBatchRequest } from "../../lib/scoring/request.ts";
import type { ServeContext } from "../context.ts";
import { jsonBody } from "../middleware/json_body.ts";
import { scoreRows } from "../scoring.ts";
import { requestIdOf } from "../request_id.ts";

/** The scoring routes. */
export function predictRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  const body = jsonBody({ maxBytes: ctx.maxBodyBytes });

  app.post("/predict", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    return await ctx.model.use(async (model) => {
      const { row, unseen } = acceptRequestRow(model, c.get("jsonBody"));
      const [p] = await scoreRows(ctx, model, [row], {
        endpoint: "/predict",
        requestId,
        explain: false,
        inputsUtf8: c.get("jsonBodyBytes"),
        unseen: [unseen],
      });
      return c.json({ requestId, modelVersion: model.version, ...p });
    });
  });

  app.post("/predict/batch", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    return await ctx.model.use(async (model) => {
      const batch = validateBatchRequest(model, c.get("jsonBody"), ctx.maxBatchRows);
      const predictions = await scoreRows(ctx, model, batch.rows, {
        endpoint: "/predict/batch",
        requestId,
        explain: batch.explain,
        unseen: batch.unseen,
      });
      return c.json({ requestId, modelVersion: model.version, predictions });
    });
  });

  app.post("/explain", body, async (c) => {
    const requestId = requestIdOf(c, ctx);
    return await ctx.model.use(async (model) => {
      const { row, unseen } = acceptRequestRow(model, c.get("jsonBody"));
      const [p] = await scoreRows(ctx, model, [row], {
        endpoint: "/explain",
        requestId,
        explain: true,
        inputsUtf8: c.get("jsonBodyBytes"),
        unseen: [unseen],
      });
      const { explanation, ...rest } = p;
      return c.json({ requestId, modelVersion: model.version, ...rest, ...explanation });
    });
  });

  return app;
}
