/**
 * Calibration by decile: the evaluation's quantile calibration bins (ten deciles of the
 * score, lib/model/metrics) with a 95% Wilson interval around each decile's observed bad
 * rate, and whether the mean predicted probability falls inside it.
 */
import { calibrationTable } from "../../model/metrics/mod.ts";
import type { CalibrationDecile } from "./schema.ts";
import { wilsonInterval, Z_95 } from "./wilson.ts";

/** The interval's confidence level. */
export const CALIBRATION_LEVEL = 0.95;

/**
 * Ten score-quantile bins (fewer when scores tie) with Wilson intervals.
 * @example
 * ```ts
 * import { calibrationDeciles } from "./calibration_deciles.ts";
 * const p = Array.from({ length: 200 }, (_, i) => i / 400);
 * const y = p.map((_, i) => (i % 4 === 0 ? 1 : 0));
 * const rows = calibrationDeciles(p, y);
 * if (rows.length !== 10 || rows[0].intervalLow > rows[0].observedRate) throw new Error("bad table");
 * ```
 */
export function calibrationDeciles(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
): CalibrationDecile[] {
  return calibrationTable(probabilities, labels, 10, "quantile").map((bin, k) => {
    const bads = Math.round(bin.observedRate * bin.count);
    const [low, high] = wilsonInterval(bads, bin.count, Z_95);
    return {
      decile: k + 1,
      lower: bin.lower,
      upper: bin.upper,
      count: bin.count,
      bads,
      meanPredicted: bin.meanPredicted,
      observedRate: bin.observedRate,
      intervalLow: low,
      intervalHigh: high,
      withinInterval: bin.meanPredicted >= low && bin.meanPredicted <= high,
    };
  });
}
