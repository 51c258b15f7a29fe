/**
 * Series by model version, for a server running champion and challenger side by side:
 * scored requests and their scoring latency by version and role (`answer`: the version
 * answered the client; `shadow`: it scored off the response path), shadow failures, and
 * the challenger's identity. The score histogram's `version` label lives in metrics.ts.
 */
import type { LiveModel } from "../lib/scoring/live_model.ts";
import type { MetricsRegistry } from "./prometheus.ts";

/** Who a version was to a request. */
export type ScoringRole = "answer" | "shadow";

/** The per-version series the routes update. */
export interface VersionMetrics {
  /** One scored request (of `rows` rows) by `version`, taking `seconds` to score. */
  scored(version: string, role: ScoringRole, endpoint: string, seconds: number): void;
  /** A shadow request the challenger could not score (its contract refused the row, …). */
  shadowFailed(version: string, reason: "rejected" | "error" | "dropped"): void;
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Registers the per-version families on `registry`; reads `challenger` at scrape time. */
export function createVersionMetrics(
  registry: MetricsRegistry,
  challenger: LiveModel | undefined,
): VersionMetrics {
  const requests = registry.counter(
    "riskpipe_version_requests_total",
    "Scored requests by model version, role (answer or shadow) and endpoint",
  );
  const latency = registry.histogram(
    "riskpipe_version_scoring_duration_seconds",
    "Scoring time (features and ONNX) of a request by model version and role",
    LATENCY_BUCKETS,
  );
  const failures = registry.counter(
    "riskpipe_shadow_failures_total",
    "Shadow requests the challenger did not score, by version and reason",
  );
  registry.collect(
    "riskpipe_challenger_info",
    "Challenger version loaded beside the champion (shadow or canary)",
    "gauge",
    () => {
      const model = challenger?.current();
      return model ? [{ labels: { version: model.version }, value: 1 }] : [];
    },
  );
  const series = new Map<string, (seconds: number) => void>();
  return {
    scored(version, role, endpoint, seconds) {
      const key = `${version} ${role} ${endpoint}`;
      let update = series.get(key);
      if (update === undefined) {
        const request = requests.series({ version, role, endpoint });
        const timing = latency.series({ version, role });
        series.set(
          key,
          update = (s) => {
            request.inc();
            timing.observe(s);
          },
        );
      }
      update(seconds);
    },
    shadowFailed(version, reason) {
      failures.inc({ version, reason });
    },
  };
}
