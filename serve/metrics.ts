/** The app's Prometheus metrics: traffic, latency, errors, scores, model and log state. */
import { createMetricsRegistry, type MetricsRegistry } from "./prometheus.ts";
import type { LiveModel } from "../lib/scoring/live_model.ts";
import type { LogStore } from "../lib/inference_log/mod.ts";
import { collectDriftGauges } from "./drift_metrics.ts";
import { collectPerformanceGauges } from "./performance_metrics.ts";
import { createVersionMetrics, type ScoringRole, type VersionMetrics } from "./version_metrics.ts";
import { collectStreamCounters } from "./stream_metrics.ts";

/** The series the routes update. */
export interface AppMetrics {
  registry: MetricsRegistry;
  request(route: string, method: string, status: number, seconds: number): void;
  /**
   * One scored row by `version`: the score histogram by version and role; tiers count
   * only the rows that answered a client.
   */
  score(probability: number, tier: string, version: string, role?: ScoringRole): void;
  /** Scored requests and latency by version (serve/version_metrics.ts). */
  versions: VersionMetrics;
  /** Counts a request field whose category level the model never saw (scored as missing). */
  unseenLevel(field: string): void;
  /** Counts a scored row the version's outlier model flagged. */
  outlier(): void;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const SCORE_BUCKETS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9];

/**
 * Creates the metrics, reading model and log state (and the latest drift report in
 * `driftDir`, when given) at scrape time.
 */
export function createAppMetrics(
  live: LiveModel,
  log: LogStore,
  driftDir?: string,
  challenger?: LiveModel,
): AppMetrics {
  const registry = createMetricsRegistry();
  const requests = registry.counter("riskpipe_http_requests_total", "HTTP requests");
  const errors = registry.counter("riskpipe_http_errors_total", "HTTP responses with status ≥ 400");
  const latency = registry.histogram(
    "riskpipe_http_request_duration_seconds",
    "Request latency",
    LATENCY_BUCKETS,
  );
  const scores = registry.histogram(
    "riskpipe_score",
    "Probability of default of scored rows, by model version and role (answer or shadow)",
    SCORE_BUCKETS,
  );
  const tiers = registry.counter("riskpipe_scored_rows_total", "Scored rows by risk tier");
  const unseen = registry.counter(
    "riskpipe_unseen_levels_total",
    "Scored rows whose field held a category level the model never saw (scored as missing)",
  );
  const outliers = registry.counter(
    "riskpipe_outliers_total",
    "Scored rows flagged by the version's outlier model (isolation forest or robust Mahalanobis)",
  );
  const unseenSeries = new Map<string, ReturnType<typeof unseen.series>>();
  registry.collect("riskpipe_model_info", "Served model version", "gauge", () => {
    const model = live.current();
    return model ? [{ labels: { version: model.version }, value: 1 }] : [];
  });
  registry.collect(
    "riskpipe_model_metric",
    "Served model version: its metrics at registration (test split), by name",
    "gauge",
    () => {
      const model = live.current();
      if (!model) return [];
      return Object.entries(model.record.metrics)
        .filter(([, value]) => Number.isFinite(value))
        .map(([metric, value]) => ({ labels: { version: model.version, metric }, value }));
    },
  );
  registry.collect("riskpipe_model_reloads_total", "Model loads and swaps", "counter", () => [
    { value: live.status().reloads },
  ]);
  registry.collect("riskpipe_onnx_runs_total", "ONNX runs (micro-batches)", "counter", () => {
    const model = live.current();
    return model ? [{ value: model.scorer.stats().runs }] : [];
  });
  const logStat = (key: "written" | "dropped" | "failures" | "pending" | "lost") => () => [
    { value: log.stats()[key] },
  ];
  const logHelp = "Inference log";
  registry.collect(
    "riskpipe_inference_log_written_total",
    `${logHelp}: records written`,
    "counter",
    logStat("written"),
  );
  registry.collect(
    "riskpipe_inference_log_dropped_total",
    `${logHelp}: records dropped`,
    "counter",
    logStat("dropped"),
  );
  registry.collect(
    "riskpipe_inference_log_lost_total",
    `${logHelp}: records written to a log file later deleted or replaced`,
    "counter",
    logStat("lost"),
  );
  registry.collect(
    "riskpipe_inference_log_failures_total",
    `${logHelp}: failed batch writes`,
    "counter",
    logStat("failures"),
  );
  registry.collect(
    "riskpipe_inference_log_pending",
    `${logHelp}: records buffered`,
    "gauge",
    logStat("pending"),
  );
  const streamStats = log.streamStats?.bind(log);
  if (streamStats !== undefined) collectStreamCounters(registry, streamStats);
  if (driftDir !== undefined) collectDriftGauges(registry, driftDir);
  if (driftDir !== undefined) collectPerformanceGauges(registry, driftDir);
  // Series handles by label values, so a request formats no labels once its kind is seen.
  const routes = new Map<string, (seconds: number) => void>();
  const routeSeries = (route: string, method: string, status: number) => {
    const labels = { route, method, status: String(status) };
    const request = requests.series(labels);
    const error = status >= 400 ? errors.series(labels) : undefined;
    const timing = latency.series({ route });
    return (seconds: number) => {
      request.inc();
      error?.inc();
      timing.observe(seconds);
    };
  };
  const scoreSeries = new Map<string, { observe(value: number): void }>();
  const outlierSeries = outliers.series();
  const tierSeries = new Map<string, { inc(): void }>();
  const versions = createVersionMetrics(registry, challenger);
  return {
    registry,
    versions,
    request(route, rawMethod, status, seconds) {
      // Clients choose the method: unknown ones share a label so series stay bounded.
      const method = METHODS.has(rawMethod) ? rawMethod : "OTHER";
      const key = `${status} ${method} ${route}`;
      let update = routes.get(key);
      if (update === undefined) routes.set(key, update = routeSeries(route, method, status));
      update(seconds);
    },
    score(probability, tier, version, role = "answer") {
      const key = `${version} ${role}`;
      let histogram = scoreSeries.get(key);
      if (histogram === undefined) {
        scoreSeries.set(key, histogram = scores.series({ version, role }));
      }
      histogram.observe(probability);
      if (role === "shadow") return;
      let series = tierSeries.get(tier);
      if (series === undefined) tierSeries.set(tier, series = tiers.series({ tier }));
      series.inc();
    },
    outlier() {
      outlierSeries.inc();
    },
    unseenLevel(field) {
      let series = unseenSeries.get(field);
      if (series === undefined) unseenSeries.set(field, series = unseen.series({ field }));
      series.inc();
    },
  };
}
