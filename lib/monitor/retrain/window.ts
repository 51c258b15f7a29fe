/**
 * The span of scoring time a retrain takes labelled rows from: `monitor.retrain.window`
 * long, ending at the UTC midnight at or before now − label delay, so every run on one day
 * takes the same rows (and, with no new outcomes for them, writes the same source).
 */
import { durationMs } from "../../drift/performance/params.ts";
import type { MonitorParams } from "../params.ts";

const DAY_MS = 86_400_000;

/**
 * [from, to) of the retrain's rows.
 * @example
 * ```ts
 * import { retrainWindow } from "./window.ts";
 * import { MonitorParams } from "../params.ts";
 * const params = MonitorParams.parse({ retrain: { window: "10d", label_delay: "30d" } });
 * const { from, to } = retrainWindow(new Date("2026-03-31T15:00:00Z"), params);
 * if (to.toISOString() !== "2026-03-01T00:00:00.000Z") throw new Error(to.toISOString());
 * if (from.toISOString() !== "2026-02-19T00:00:00.000Z") throw new Error(from.toISOString());
 * ```
 */
export function retrainWindow(now: Date, params: MonitorParams): { from: Date; to: Date } {
  const delay = durationMs(params.retrain.label_delay ?? params.performance.label_delay);
  const end = Math.floor((now.getTime() - delay) / DAY_MS) * DAY_MS;
  return { from: new Date(end - durationMs(params.retrain.window)), to: new Date(end) };
}
