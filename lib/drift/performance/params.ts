/**
 * The `monitor.performance` params: how realised performance is windowed and judged. The
 * zod schema is the single source of the defaults and the rules (a bad value fails naming
 * its dotted key, e.g. `monitor.performance.max_auc_drop`).
 */
import { z } from "zod";

const DURATION = /^(\d+(?:\.\d+)?)(d|h|m)$/;

/** A length of time: a number and d (days), h (hours) or m (minutes), e.g. "7d". */
const Duration = z.string().refine((text) => DURATION.test(text), {
  message: 'Must be a duration such as "7d", "12h" or "30m"',
});

/** `monitor.performance`. */
export const PerformanceParams = z.object({
  /** Length of each window of scoring time. */
  window: Duration.default("7d"),
  /** How many windows back the time series goes. */
  windows: z.number().int().min(1).max(1000).default(12),
  /** A version's window with fewer labelled predictions is reported, not judged. */
  min_labelled_rows: z.number().int().min(1).default(100),
  /**
   * How long outcomes take to come in: only predictions at least this old are judged, so a
   * window is not scored on the few outcomes known early.
   */
  label_delay: Duration.default("30d"),
  /** Decay when the realised AUC is more than this below the version's test AUC. */
  max_auc_drop: z.number().min(0).max(1).default(0.05),
  /** Equal-width bins of the calibration table. */
  calibration_bins: z.number().int().min(2).max(100).default(10),
});
/** Resolved `monitor.performance` params. */
export type PerformanceParams = z.infer<typeof PerformanceParams>;

/** The `monitor` params section (other keys belong to other monitors and pass through). */
export const MonitorParams = z.looseObject({ performance: PerformanceParams.prefault({}) });

/** The defaults (what an empty section gives). */
export const DEFAULT_PERFORMANCE_PARAMS: PerformanceParams = PerformanceParams.parse({});

/**
 * Milliseconds of a duration the schema accepted.
 * @example
 * ```ts
 * import { durationMs } from "./params.ts";
 * if (durationMs("2d") !== 172_800_000) throw new Error("expected two days");
 * ```
 */
export function durationMs(text: string): number {
  const match = DURATION.exec(text);
  if (match === null) throw new RangeError(`Cannot read duration ${JSON.stringify(text)}`);
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as "d" | "h" | "m"];
  return Number(match[1]) * unit;
}
