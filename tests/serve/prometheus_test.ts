import assert from "node:assert/strict";
import { createMetricsRegistry } from "../../serve/prometheus.ts";

Deno.test("metrics render as Prometheus text with cumulative histogram buckets", () => {
  const registry = createMetricsRegistry();
  const requests = registry.counter("req_total", "Requests");
  const latency = registry.histogram("lat_seconds", "Latency", [0.1, 1]);
  registry.collect("up", "Up", "gauge", () => [{ value: 1 }]);
  requests.inc({ route: "/p", status: "200" });
  requests.inc({ route: "/p", status: "200" });
  requests.inc({ route: 'a"b', status: "400" });
  for (const v of [0.05, 0.1, 0.5, 3]) latency.observe(v, { route: "/p" });
  assert.equal(
    registry.render(),
    [
      "# HELP req_total Requests",
      "# TYPE req_total counter",
      'req_total{route="/p",status="200"} 2',
      'req_total{route="a\\"b",status="400"} 1',
      "# HELP lat_seconds Latency",
      "# TYPE lat_seconds histogram",
      'lat_seconds_bucket{route="/p",le="0.1"} 2',
      'lat_seconds_bucket{route="/p",le="1"} 3',
      'lat_seconds_bucket{route="/p",le="+Inf"} 4',
      'lat_seconds_sum{route="/p"} 3.65',
      'lat_seconds_count{route="/p"} 4',
      "# HELP up Up",
      "# TYPE up gauge",
      "up 1",
      "",
    ].join("\n"),
  );
});
