/**
 * The points table as plain rows for reports and `/model`: per feature and bin, the
 * value range or levels, training count, bad rate, WOE and points, with the feature's IV.
 */
import type { ScorecardModel } from "./types.ts";

/** One bin of one feature. */
export interface PointsTableRow {
  feature: string;
  /** Whether the feature is in the model (its points count toward the score). */
  included: boolean;
  iv: number;
  coefficient: number;
  bin: number;
  kind: "range" | "levels" | "missing";
  /** Range bins: values v with lower ≤ float32(v) < upper; null is unbounded. */
  lower: number | null;
  upper: number | null;
  /** Level bins: the levels in it. */
  levels: string[];
  /** Human-readable bin: "[0.5, 2)", "A, B" or "missing". */
  label: string;
  count: number;
  bads: number;
  /** bads / count; null for an empty bin. */
  badRate: number | null;
  woe: number;
  points: number;
}

/**
 * Every bin of every feature, features in model order, bins in bin order (missing last).
 * @example
 * ```ts
 * import { pointsTable } from "./table.ts";
 * import { fitScorecard } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const card = fitScorecard(makeSyntheticDataset({ rows: 500, features: 3, seed: 1 }));
 * const included = pointsTable(card).filter((row) => row.included);
 * if (included.length === 0) throw new Error("expected included bins");
 * ```
 */
export function pointsTable(model: ScorecardModel): PointsTableRow[] {
  return model.binning.flatMap((binning, j) => {
    const spec = model.features[j];
    const missingBin = binning.count.length - 1;
    return binning.count.map((count, bin): PointsTableRow => {
      let kind: PointsTableRow["kind"] = "range";
      let lower: number | null = null;
      let upper: number | null = null;
      let levels: string[] = [];
      let label = "missing";
      if (bin === missingBin) kind = "missing";
      else if (spec.type === "categorical") {
        kind = "levels";
        levels = (spec.levels ?? []).filter((_, code) => binning.intervalBin[code] === bin);
        label = levels.join(", ");
      } else {
        lower = bin > 0 ? binning.cuts[bin - 1] : null;
        upper = bin < binning.cuts.length ? binning.cuts[bin] : null;
        label = `[${lower ?? "-inf"}, ${upper ?? "inf"})`;
      }
      return {
        feature: spec.name,
        included: model.included[j],
        iv: binning.iv,
        coefficient: model.coefficients[j],
        bin,
        kind,
        lower,
        upper,
        levels,
        label,
        count,
        bads: binning.bads[bin],
        badRate: count > 0 ? binning.bads[bin] / count : null,
        woe: binning.woe[bin],
        points: model.points[j][bin],
      };
    });
  });
}
