/**
 * The windows of scoring time realised performance is judged on: `windows` consecutive
 * windows of length `window`, the last ending at the latest boundary at least `label_delay`
 * before now. Boundaries are multiples of the window length since the Unix epoch (UTC), so
 * runs on different days compute the same windows.
 */
import { durationMs, type PerformanceParams } from "./params.ts";

/** One window [from, to) in Unix milliseconds. */
export interface TimeWindow {
  from: number;
  to: number;
}

/**
 * The windows, oldest first.
 * @example
 * ```ts
 * import { performanceWindows } from "./windows.ts";
 * const now = new Date("2026-12-01T12:00:00Z");
 * const [w] = performanceWindows(now, { window: "1d", windows: 1, label_delay: "0d" });
 * if (new Date(w.to).toISOString() !== "2026-12-01T00:00:00.000Z") throw new Error("bad end");
 * ```
 */
export function performanceWindows(
  now: Date,
  params: Pick<PerformanceParams, "window" | "windows" | "label_delay">,
): TimeWindow[] {
  const length = durationMs(params.window);
  if (!(length > 0)) throw new RangeError(`Cannot window: window ${params.window} is empty`);
  const end = Math.floor((now.getTime() - durationMs(params.label_delay)) / length) * length;
  return Array.from({ length: params.windows }, (_, k) => {
    const to = end - (params.windows - 1 - k) * length;
    return { from: to - length, to };
  });
}
