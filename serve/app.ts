/**
 * The scoring API as a function of its dependencies: `createApp(deps)` returns a Hono
 * app that tests drive through `app.request()` and serve/main.ts hands to Deno.serve.
 */
import { Hono } from "hono";
import type { InferenceRecord } from "../lib/inference_log/mod.ts";
import { allowedMethods } from "./allowed_methods.ts";
import type { AppDeps, ServeContext } from "./context.ts";
import { SERVE_DEFAULTS } from "./defaults.ts";
import { accessLog } from "./middleware/access_log.ts";
import { HttpError, respondWithError } from "./http_error.ts";
import { createAppMetrics } from "./metrics.ts";
import { createReleaseRouting } from "./release/routing.ts";
import { createShadowQueue, type ShadowQueue } from "./release/shadow.ts";
import { SINGLE_RELEASE } from "../lib/scoring/release/policy.ts";
import { adminRoutes } from "./routes/admin.ts";
import { driftRoutes } from "./routes/drift.ts";
import { feedbackRoutes } from "./routes/feedback.ts";
import { infoRoutes } from "./routes/info.ts";
import { predictRoutes } from "./routes/predict.ts";
import { uiRoutes } from "./routes/ui.ts";
import { v2Routes } from "./routes/v2.ts";
import { jsonAnswer } from "./sized_answer.ts";

export type { AppDeps } from "./context.ts";

/**
 * Builds the app.
 * @example
 * const app = createApp({ model: live, logStore: createMemoryLogStore() });
 * const res = await app.request("/health");
 */
export function createApp(deps: AppDeps): Hono {
  const recentLimit = Math.max(0, deps.recentLimit ?? SERVE_DEFAULTS.recentLimit);
  // A ring of the latest records: `next` is where the next one goes.
  const recent: InferenceRecord[] = [];
  let next = 0;
  const release = createReleaseRouting(
    deps.release ?? SINGLE_RELEASE,
    deps.model,
    deps.challenger,
    deps.canarySeed,
  );
  const ctx: ServeContext = {
    model: deps.model,
    release,
    shadow: createShadowQueue(() => ctx, { flushMs: deps.shadowFlushMs }),
    logStore: deps.logStore,
    outcomes: deps.outcomes,
    registry: deps.registry,
    clock: deps.clock ?? (() => new Date()),
    requestId: deps.requestId ?? (() => crypto.randomUUID()),
    adminToken: deps.adminToken,
    driftDir: deps.driftDir,
    maxBodyBytes: deps.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
    maxBatchRows: deps.maxBatchRows ?? SERVE_DEFAULTS.maxBatchRows,
    metrics: createAppMetrics(deps.model, deps.logStore, deps.driftDir, deps.challenger),
    record(records) {
      deps.logStore.append(records);
      if (recentLimit === 0) return;
      for (let i = Math.max(0, records.length - recentLimit); i < records.length; i++) {
        recent[next] = records[i];
        next = (next + 1) % recentLimit;
      }
    },
    recent(limit) {
      const out: InferenceRecord[] = [];
      for (let k = 1; k <= Math.min(limit, recent.length); k++) {
        out.push(recent[(next - k + recentLimit) % recentLimit]);
      }
      return out;
    },
  };
  const onServerError = deps.onServerError ?? ((error) => console.error(error));

  const app = new Hono();
  if (deps.accessLog !== undefined) {
    app.use("*", accessLog({ sink: deps.accessLog, requestId: ctx.requestId, clock: ctx.clock }));
  }
  app.use("*", async (c, next) => {
    const start = performance.now();
    await next();
    const missed = (c.res.status === 404 || c.res.status === 405) && !matched(c.req.routePath);
    const route = missed ? "unmatched" : c.req.routePath;
    ctx.metrics.request(route, c.req.method, c.res.status, (performance.now() - start) / 1000);
  });
  app.route("/", predictRoutes(ctx));
  app.route("/", infoRoutes(ctx));
  app.route("/", adminRoutes(ctx));
  app.route("/", driftRoutes(ctx));
  app.route("/", v2Routes(ctx));
  app.route("/", feedbackRoutes(ctx));
  app.route("/", uiRoutes(ctx));
  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    // Built on the first miss, when every route is in the table.
    allowed ??= allowedMethods(app.routes);
    const methods = allowed(c.req.path);
    const error = methods.length === 0
      ? new HttpError(404, `Not found: ${c.req.method} ${c.req.path}`)
      : new HttpError(
        405,
        `Method not allowed: ${c.req.method} ${c.req.path} (allowed: ${methods.join(", ")})`,
        { headers: { Allow: methods.join(", ") } },
      );
    return respondWithError(c, error)!;
  });
  app.onError((error, c) => {
    const answer = respondWithError(c, error);
    if (answer !== undefined) return answer;
    onServerError(error);
    return jsonAnswer(c, { error: "Internal server error", issues: [] }, 500);
  });
  shadowQueues.set(app, ctx.shadow);
  return app;
}

const shadowQueues = new WeakMap<Hono, ShadowQueue>();

/**
 * The shadow jobs of an app made by {@link createApp}: serve/main.ts waits for them before
 * it closes the log, tests before they read it.
 */
export function shadowQueueOf(app: Hono): ShadowQueue {
  const queue = shadowQueues.get(app);
  if (queue === undefined) {
    throw new TypeError("Cannot find shadow jobs: the app is not from createApp");
  }
  return queue;
}

function matched(routePath: string): boolean {
  return routePath !== "*" && routePath !== "/*";
}
