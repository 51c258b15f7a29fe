/**
 * The `monitor` params section: how long the latest window is and the thresholds the
 * monitor job judges it against. `monitor.performance` (realised performance, including
 * `max_auc_drop`) is the section `deno task performance` reads. The zod schema is the
 * single source of defaults and rules; a bad value fails naming its dotted key.
 */
import { z } from "zod";
import { PerformanceParams } from "../drift/performance/params.ts";
import { RetrainParams } from "./retrain_params.ts";

/** A length of time: a number and d (days), h (hours) or m (minutes), e.g. "1d". */
const Duration = z.string().regex(/^(\d+(?:\.\d+)?)(d|h|m)$/, {
  message: 'Must be a duration such as "1d", "12h" or "30m"',
});

/** `monitor`. */
export const MonitorParams = z.object({
  /** Length of the latest window of the inference log the job judges. */
  window: Duration.default("1d"),
  /** Input drift alert when at least this share of the judged features drifted. */
  max_drift_share: z.number().gt(0).max(1).default(0.5),
  /** Prediction drift alert when the score's PSI is at or above this. */
  max_prediction_psi: z.number().positive().default(0.25),
  /** Outlier alert when more than this share of the window's rows is flagged. */
  max_outlier_rate: z.number().min(0).max(1).default(0.1),
  /** Realised performance; its `max_auc_drop` is the monitor's AUC threshold. */
  performance: PerformanceParams.prefault({}),
  /** What `--retrain` takes from the log (README, Monitor job). */
  retrain: RetrainParams.prefault({}),
});
/** Resolved `monitor` params. */
export type MonitorParams = z.infer<typeof MonitorParams>;

/** The defaults (what an empty section gives). */
export const DEFAULT_MONITOR_PARAMS: MonitorParams = MonitorParams.parse({});
