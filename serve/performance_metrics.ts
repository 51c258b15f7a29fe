/**
 * Realised performance as Prometheus gauges, read from the drift site's performance.json
 * (written by `deno task performance`) when scraped, parsed again only when the file
 * changes. No file, or one that cannot be read, gives no samples.
 */
import { join } from "node:path";
import { z } from "zod";
import type { MetricsRegistry } from "./prometheus.ts";
import { watchedJsonFile } from "./watched_json.ts";

/** The parts of performance.json the gauges read. */
const PerformanceGauges = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  latest: z.record(
    z.string(),
    z.object({ auc: z.number().nullable(), rows: z.number(), status: z.string() }),
  ),
});
type PerformanceGauges = z.infer<typeof PerformanceGauges>;

/** Registers the realised-performance gauges over `driftDir`/performance.json. */
export function collectPerformanceGauges(registry: MetricsRegistry, driftDir: string): void {
  const latest = watchedJsonFile(join(driftDir, "performance.json"), PerformanceGauges);
  const perVersion = (value: (w: PerformanceGauges["latest"][string]) => number | null) => () =>
    Object.entries(latest()?.latest ?? {}).flatMap(([version, w]) => {
      const v = value(w);
      return v === null ? [] : [{ labels: { version }, value: v }];
    });
  registry.collect(
    "riskpipe_realised_auc",
    "Latest realised-performance run: ROC AUC of each version's latest judged window of labelled predictions",
    "gauge",
    perVersion((w) => w.auc),
  );
  registry.collect(
    "riskpipe_realised_labelled_rows",
    "Latest realised-performance run: labelled predictions in each version's latest judged window",
    "gauge",
    perVersion((w) => w.rows),
  );
  registry.collect(
    "riskpipe_realised_auc_decayed",
    "Latest realised-performance run: 1 when the version's realised AUC fell more than monitor.performance.max_auc_drop below its test AUC",
    "gauge",
    perVersion((w) => w.status === "decayed" ? 1 : 0),
  );
}
