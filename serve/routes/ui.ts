/** GET /ui (the applicant UI page) and GET /ui/assets/:file (its scripts). */
import { Hono } from "hono";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";
import { readUiAsset } from "../ui/assets.ts";
import { renderUiPage, UI_CONTENT_SECURITY_POLICY } from "../ui/page.ts";
import { HTML_TYPE, sizedAnswer } from "../sized_answer.ts";

/** The applicant UI routes. */
export function uiRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  // The page of the version last asked for: rebuilt when a reload swaps the version.
  let page: { version: string; html: string } | undefined;

  app.get("/ui", (c) => {
    const model = ctx.model.current();
    if (!model) throw new HttpError(503, "No model is loaded");
    if (page?.version !== model.version) {
      const html = renderUiPage({
        version: model.version,
        info: model.info,
        maxBatchRows: ctx.maxBatchRows,
      });
      page = { version: model.version, html };
    }
    return sizedAnswer(c, page.html, 200, {
      "content-type": HTML_TYPE,
      "content-security-policy": UI_CONTENT_SECURITY_POLICY,
      "cache-control": "no-cache",
    });
  });

  app.get("/ui/assets/:file", async (c) => {
    const file = c.req.param("file");
    const pending = readUiAsset(file);
    if (pending === undefined) throw new HttpError(404, `Not found: no UI asset "${file}"`);
    const asset = await pending;
    const headers = {
      "content-type": asset.contentType,
      "cache-control": "public, max-age=86400",
      etag: asset.etag,
    };
    if (c.req.header("if-none-match") === asset.etag) return c.body(null, 304, headers);
    return sizedAnswer(c, asset.body as Uint8Array<ArrayBuffer>, 200, headers);
  });

  return app;
}
