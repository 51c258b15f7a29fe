/**
 * The JetStream copy of the inference log as Prometheus series (present only when the
 * server publishes, NATS_URL set), named like the log's own: events published (acknowledged
 * by JetStream), dropped (buffer overflow while NATS was down, or unpublished at close),
 * failed batch publishes, and events buffered.
 */
import type { LogStore } from "../lib/inference_log/mod.ts";
import type { MetricsRegistry } from "./prometheus.ts";

/** Registers the stream series over `read` (the log store's streamStats). */
export function collectStreamCounters(
  registry: MetricsRegistry,
  read: NonNullable<LogStore["streamStats"]>,
): void {
  const help = "JetStream copy of the inference log and outcomes";
  registry.collect(
    "riskpipe_stream_published_total",
    `${help}: events acknowledged by JetStream`,
    "counter",
    () => [{ value: read().written }],
  );
  registry.collect(
    "riskpipe_stream_dropped_total",
    `${help}: events dropped (buffer full while NATS was down, or unpublished at close)`,
    "counter",
    () => [{ value: read().dropped }],
  );
  registry.collect(
    "riskpipe_stream_failures_total",
    `${help}: failed batch publishes (retried)`,
    "counter",
    () => [{ value: read().failures }],
  );
  registry.collect(
    "riskpipe_stream_pending",
    `${help}: events buffered`,
    "gauge",
    () => [{ value: read().pending }],
  );
}
