/**
 * Standardising the dense design columns where they lie, in the panels (design_matrix.ts):
 * each column's stats by the same numericStats buildDesign uses, over the raw values the
 * panel holds (NaN = missing), then the values imputed and scaled in place. A thread
 * takes whole panels, so the work splits across the Gram workers like a Hessian.
 */
import { numericStats } from "./design.ts";

/**
 * Standardises the numeric columns of panels [firstPanel, endPanel) of `f64` (a view of
 * the whole memory; `panels` and `stats` are byte offsets): dense column d < dense − 1
 * gets its (impute, mean, scale) at stats + 24·d. The intercept (last) is left alone.
 */
export function standardiseLanes(
  f64: Float64Array,
  panels: number,
  stats: number,
  rows: number,
  dense: number,
  firstPanel: number,
  endPanel: number,
): void {
  for (let p = firstPanel; p < endPanel; p++) {
    for (let l = 0; l < 4; l++) {
      const d = 4 * p + l;
      if (d >= dense - 1) return;
      const base = panels / 8 + p * rows * 4 + l;
      const { impute, mean, scale } = numericStats(f64, base, 4, rows);
      f64[stats / 8 + 3 * d] = impute;
      f64[stats / 8 + 3 * d + 1] = mean;
      f64[stats / 8 + 3 * d + 2] = scale;
      const end = base + rows * 4;
      for (let k = base; k < end; k += 4) {
        f64[k] = ((Number.isNaN(f64[k]) ? impute : f64[k]) - mean) / scale;
      }
    }
  }
}
