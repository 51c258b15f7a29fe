/**
 * Admin routes behind a bearer token: reload the model, list recent inferences. With
 * no token configured they do not exist (404), so nothing can be guessed.
 */
import { Hono } from "hono";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";
import { carriesBearer, unauthorized } from "../middleware/bearer_token.ts";

/** POST /admin/reload and GET /admin/inferences. */
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
      return c.json({ before, after: result.version ?? null, changed: result.changed });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new HttpError(500, `Reload failed: ${message}`, { fields: { before } });
    }
  });

  app.get("/admin/inferences", (c) => {
    const asked = Number(c.req.query("limit") ?? "50");
    const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, 1000) : 50;
    // The logged bytes repeat `inputs`; the admin view shows the parsed row only.
    const inferences = ctx.recent(limit).map(({ inputsUtf8: _, ...record }) => record);
    return c.json({ inferences });
  });

  return app;
}
