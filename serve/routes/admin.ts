/**
 * Admin routes behind a bearer token: reload the model, roll @champion back, list recent
 * inferences. With no token configured they do not exist (404), so nothing can be guessed.
 */
import { Hono } from "hono";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";
import { carriesBearer, unauthorized } from "../middleware/bearer_token.ts";
import { parseJsonBody } from "../../lib/scoring/request.ts";
import { rollbackServed } from "../release/rollback.ts";
import { jsonAnswer } from "../sized_answer.ts";

/** POST /admin/reload, POST /admin/rollback and GET /admin/inferences. */
export function adminRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  const token = ctx.adminToken;

  app.use("/admin/*", async (c, next) => {
    if (token === undefined || token === "") throw new HttpError(404, `Not found: ${c.req.path}`);
    if (!carriesBearer(c.req.header("authorization"), token)) throw unauthorized();
    await next();
  });

  app.post("/admin/reload", async (c) => {
    const before = ctx.model.current()?.version ?? null;
    try {
      const result = await ctx.model.reload();
      // The challenger's own failure is on /health; it never fails the champion's reload.
      await ctx.release.challenger?.reload().catch(() => {});
      return jsonAnswer(c, { before, after: result.version ?? null, changed: result.changed });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new HttpError(500, `Reload failed: ${message}`, { fields: { before } });
    }
  });

  app.post("/admin/rollback", async (c) => {
    const text = await c.req.text();
    return jsonAnswer(c, await rollbackServed(ctx, text.trim() === "" ? {} : parseJsonBody(text)));
  });

  app.get("/admin/inferences", (c) => {
    const asked = Number(c.req.query("limit") ?? "50");
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : 50;
    // The logged bytes repeat `inputs`; the admin view shows the parsed row only.
    const inferences = ctx.recent(limit).map(({ inputsUtf8: _, ...record }) => record);
    return jsonAnswer(c, { inferences });
  });

  return app;
}
