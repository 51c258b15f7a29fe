/**
 * The latest drift run as Prometheus gauges, read from the drift site's report.json
 * (the directory served at /drift/) when scraped. The file is parsed again only when it
 * changes (the site is swapped in whole, so a new run is a new file), so a scrape costs a
 * stat. No report, or one that cannot be read, gives no samples: the alert rules watch
 * for the timestamp being absent.
 */
import { join } from "node:path";
import { z } from "zod";
import type { MetricsRegistry } from "./prometheus.ts";
import { watchedJsonFile } from "./watched_json.ts";

/** The parts of reports/drift/report.json the gauges read. */
const DriftReportGauges = z.object({
  generatedAt: z.iso.datetime({ offset: true }),
  features: z.array(z.object({
    name: z.string(),
    psi: z.number().nullable(),
    status: z.string(),
  })),
  prediction: z.object({ psi: z.number().nullable() }).optional(),
  dataset: z.object({ datasetDrifted: z.boolean() }),
});
type DriftReportGauges = z.infer<typeof DriftReportGauges>;

/** Registers the drift gauges over `driftDir`/report.json. */
export function collectDriftGauges(registry: MetricsRegistry, driftDir: string): void {
  const latest = watchedJsonFile(join(driftDir, "report.json"), DriftReportGauges);
  registry.collect(
    "riskpipe_drift_report_timestamp_seconds",
    "Latest drift run: when its report was generated (Unix seconds)",
    "gauge",
    () => {
      const report = latest();
      return report ? [{ value: Date.parse(report.generatedAt) / 1000 }] : [];
    },
  );
  registry.collect(
    "riskpipe_drift_feature_psi",
    "Latest drift run: PSI of each judged feature against the reference",
    "gauge",
    () =>
      (latest()?.features ?? [])
        .filter((f) => f.status !== "small-window" && f.psi !== null)
        .map((f) => ({ labels: { feature: f.name }, value: f.psi! })),
  );
  registry.collect(
    "riskpipe_drift_score_psi",
    "Latest drift run: PSI of the score distribution against the reference",
    "gauge",
    () => {
      const psi = latest()?.prediction?.psi;
      return psi === undefined || psi === null ? [] : [{ value: psi }];
    },
  );
  registry.collect(
    "riskpipe_drift_dataset_drifted",
    "Latest drift run: 1 when the share of drifted features reached the dataset threshold",
    "gauge",
    () => {
      const report = latest();
      return report ? [{ value: report.dataset.datasetDrifted ? 1 : 0 }] : [];
    },
  );
}
