/**
 * The ROC and PR curves of an evaluation as tidy rows (one object a point), the data
 * `plots show|diff` draws from tables.json; long curves are thinned to keep the file small.
 */
import { thinIndices } from "../../report/charts/thin.ts";
import type { ModelCurves } from "../evaluate.ts";
import { modelLabel } from "./names.ts";
import type { ModelKind } from "../../training/choice.ts";

/** One point of a ROC curve. */
export interface RocRow {
  /** The model's report name, e.g. "GBDT (candidate)". */
  model: string;
  fpr: number;
  tpr: number;
}

/** One point of a precision–recall curve. */
export interface PrRow {
  model: string;
  recall: number;
  precision: number;
}

/** Points kept per curve in tables.json. */
export const CURVE_ROWS_MAX_POINTS = 200;

/**
 * Every model's ROC and PR points, thinned evenly to `maxPoints` a curve (the first and
 * last always kept); non-finite points are left out.
 * @example
 * ```ts
 * import { curveRows } from "./curve_rows.ts";
 * const x = Float64Array.of(0, 0.5, 1);
 * const rows = curveRows([{
 *   model: "gbdt",
 *   roc: { fpr: x, tpr: Float64Array.of(0, 0.8, 1), thresholds: x },
 *   pr: { recall: x, precision: Float64Array.of(1, 0.6, 0.5), thresholds: x },
 * }], "gbdt");
 * if (rows.roc[1].tpr !== 0.8 || rows.roc[1].model !== "GBDT (candidate)") throw new Error();
 * ```
 */
export function curveRows(
  curves: ModelCurves[],
  chosen: ModelKind,
  maxPoints = CURVE_ROWS_MAX_POINTS,
): { roc: RocRow[]; pr: PrRow[] } {
  const roc: RocRow[] = [];
  const pr: PrRow[] = [];
  for (const curve of curves) {
    const model = modelLabel(curve.model, chosen);
    for (const i of thinIndices(curve.roc.fpr.length, maxPoints)) {
      const [fpr, tpr] = [curve.roc.fpr[i], curve.roc.tpr[i]];
      if (Number.isFinite(fpr) && Number.isFinite(tpr)) roc.push({ model, fpr, tpr });
    }
    for (const i of thinIndices(curve.pr.recall.length, maxPoints)) {
      const [recall, precision] = [curve.pr.recall[i], curve.pr.precision[i]];
      if (Number.isFinite(recall) && Number.isFinite(precision)) {
        pr.push({ model, recall, precision });
      }
    }
  }
  return { roc, pr };
}
