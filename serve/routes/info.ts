/** GET /health, /model, /metrics, /openapi.json and /docs. */
import { Hono } from "hono";
import { buildOpenApi } from "../openapi.ts";
import type { ServeContext } from "../context.ts";
import { DOCS_PAGE } from "../docs_page.ts";
import { HttpError } from "../http_error.ts";
import { releaseHealth } from "../release/health.ts";
import { pointsTable } from "../../lib/model/scorecard/table.ts";
import type { ScorecardModel } from "../../lib/model/scorecard/types.ts";
import { HTML_TYPE, jsonAnswer, sizedAnswer } from "../sized_answer.ts";

/** The read-only information routes. */
export function infoRoutes(ctx: ServeContext): Hono {
  const app = new Hono();

  app.get("/health", (c) => {
    const model = ctx.model.current();
    const status = ctx.model.status();
    const body = {
      status: model ? "ok" : "no_model",
      live: true,
      ready: model !== undefined,
      modelVersion: model?.version ?? null,
      loadedAt: status.loadedAt ?? null,
      lastReloadError: status.lastError ?? null,
      release: releaseHealth(ctx.release),
      log: ctx.logStore.stats(),
    };
    return jsonAnswer(c, body, model ? 200 : 503);
  });

  app.get("/model", (c) => {
    const model = ctx.model.current();
    if (!model) throw new HttpError(503, "No model is loaded");
    const { record, manifest, info } = model;
    return jsonAnswer(c, {
      version: model.version,
      stage: record.stage,
      createdAt: record.createdAt,
      gatePassed: record.gatePassed,
      metrics: record.metrics,
      lineage: record.lineage,
      model: {
        kind: model.choice.kind,
        reason: model.choice.reason,
        criterion: model.choice.criterion,
        // NaN (a version from before the choice) is not JSON: null says "not measured".
        auc: {
          gbdt: finiteOrNull(model.choice.auc.gbdt),
          logistic: finiteOrNull(model.choice.auc.logistic),
          scorecard: finiteOrNull(model.choice.auc.scorecard ?? NaN),
        },
        ...(model.scorecard ? { points: scorecardPoints(model.scorecard) } : {}),
      },
      source: info.source,
      tiers: info.tiers,
      key: manifest.key,
      snapshot: info.snapshot === null ? null : {
        key: info.snapshot.key,
        features: info.snapshot.features.length,
        rows: model.snapshot?.rows,
      },
      features: manifest.features.map((f) => ({
        name: f.name,
        type: f.type,
        source: f.source,
        description: f.description,
        ...(f.levels ? { levels: f.levels } : {}),
      })),
    });
  });

  app.get("/metrics", (c) => {
    return sizedAnswer(c, ctx.metrics.registry.render(), 200, {
      "content-type": "text/plain; version=0.0.4; charset=utf-8",
    });
  });

  app.get("/openapi.json", (c) => {
    const model = ctx.model.current();
    if (!model) throw new HttpError(503, "No model is loaded");
    return jsonAnswer(
      c,
      buildOpenApi({
        contract: model.info.contract,
        omit: model.info.omit,
        version: model.version,
        tiers: model.info.tiers.names,
        maxBatchRows: ctx.maxBatchRows,
        example: model.info.example,
        csv: model.info.csv,
      }),
    );
  });

  app.get("/docs", (c) => sizedAnswer(c, DOCS_PAGE, 200, { "content-type": HTML_TYPE }));

  return app;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** The served scorecard's points table with its scaling. */
function scorecardPoints(card: ScorecardModel) {
  const { baseScore, baseOdds, pdo } = card.scaling;
  return { baseScore, baseOdds, pdo, table: pointsTable(card) };
}
