/**
 * Which metric names deploy/ may read besides what the server exports today: series
 * Prometheus itself makes, and series issue 16 will export (the rules and panels on them
 * stay silent until then). README, "Alerts and dashboards", lists the same pending names.
 */
import { exposedMetricNames } from "./promql_names.ts";
import { driftReport } from "../serve/drift_report.ts";
import { harness } from "../serve/harness.ts";

/** Series Prometheus adds itself: the scrape's `up` and the rule evaluator's alerts. */
export const PROMETHEUS_SERIES: ReadonlySet<string> = new Set(["up", "ALERTS"]);

/** Names the rules and the dashboard use before the server exports them, and who will. */
export const PENDING_METRICS: ReadonlyMap<string, string> = new Map<string, string>([]);

/**
 * The metric names a started server exports: `createApp` over the serving fixture with a
 * drift report and a realised-performance report in its drift directory, after one scored
 * row, scraped at /metrics.
 */
export async function serverExposition(): Promise<{ text: string; names: Set<string> }> {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-exposition-" });
  try {
    await Deno.writeTextFile(
      `${driftDir}/report.json`,
      JSON.stringify(driftReport("2026-01-02T00:00:00Z")),
    );
    await Deno.writeTextFile(
      `${driftDir}/performance.json`,
      JSON.stringify({
        generatedAt: "2026-01-02T00:00:00Z",
        latest: { v0001: { auc: 0.7, rows: 500, status: "ok" } },
      }),
    );
    await using h = await harness({ driftDir });
    const scored = await h.post("/predict", h.fixture.testRows[0]);
    if (scored.status !== 200) throw new Error(`/predict answered ${scored.status}`);
    await scored.body?.cancel();
    const text = await (await h.app.request("/metrics")).text();
    return { text, names: exposedMetricNames(text) };
  } finally {
    await Deno.remove(driftDir, { recursive: true });
  }
}
