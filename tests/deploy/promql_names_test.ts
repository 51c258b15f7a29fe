import assert from "node:assert/strict";
import { exposedMetricNames, metricNames } from "./promql_names.ts";

const names = (expr: string) => [...metricNames(expr)].sort();

Deno.test("metric names skip functions, label matchers, ranges, groupings and numbers", () => {
  assert.deepEqual(
    names(
      'histogram_quantile(0.95, sum by (le, route) (rate(lat_bucket{route=~"/p|/q",a="}"}[5m])))',
    ),
    ["lat_bucket"],
  );
  assert.deepEqual(
    names('max by (version) (auc{m="x"}) - on (version) group_left (tier) realised > 5e-2'),
    ["auc", "realised"],
  );
  assert.deepEqual(names("time() - max(ts offset 1h) > 2 * 86400 and bool up == 0x1"), [
    "ts",
    "up",
  ]);
  assert.deepEqual(names("topk(15, x) unless sum(y) without (z)"), ["x", "y"]);
  assert.deepEqual(names("riskpipe:p95_5m > 0.1"), ["riskpipe:p95_5m"]);
});

Deno.test("metric names skip Grafana variables", () => {
  assert.deepEqual(
    names('sum(rate(req_total{instance=~"$instance"}[$__rate_interval])) / ${denominator}'),
    ["req_total"],
  );
});

Deno.test("an exposition's names are its families, with a histogram's three series", () => {
  const text = [
    "# HELP a_total A",
    "# TYPE a_total counter",
    "a_total 1",
    "# HELP h_seconds H",
    "# TYPE h_seconds histogram",
    "# TYPE g gauge",
  ].join("\n");
  assert.deepEqual([...exposedMetricNames(text)].sort(), [
    "a_total",
    "g",
    "h_seconds",
    "h_seconds_bucket",
    "h_seconds_count",
    "h_seconds_sum",
  ]);
});
