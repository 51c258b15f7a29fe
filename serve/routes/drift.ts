/** GET /drift/… : the static drift site, read-only, from a configurable directory. */
import { extname, join, normalize } from "node:path";
import { Hono } from "hono";
import type { ServeContext } from "../context.ts";
import { HttpError } from "../http_error.ts";
import { sizedAnswer } from "../sized_answer.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".parquet": "application/octet-stream",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
};

/** Serves files under `ctx.driftDir`; 404 when it is unset, absent, or a path escapes it. */
export function driftRoutes(ctx: ServeContext): Hono {
  const app = new Hono();
  app.get("/drift", (c) => c.redirect("/drift/", 301));
  app.get("/drift/*", async (c) => {
    const notFound = () => {
      throw new HttpError(404, `Not found: ${c.req.path}`);
    };
    if (ctx.driftDir === undefined) return notFound();
    let relative: string;
    try {
      relative = decodeURIComponent(c.req.path.slice("/drift/".length));
    } catch {
      return notFound();
    }
    const clean = normalize("/" + relative).slice(1);
    if (clean.split("/").includes("..") || relative.includes("\0")) return notFound();
    let path = join(ctx.driftDir, clean);
    try {
      if ((await Deno.stat(path)).isDirectory) path = join(path, "index.html");
      const bytes = await Deno.readFile(path);
      const type = TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
      return sizedAnswer(c, bytes, 200, { "content-type": type });
    } catch {
      return notFound();
    }
  });
  return app;
}
