/**
 * The window's outlier rate for a drift run: the production version's outlier model's
 * flags, as logged when that version scored every row, else by scoring the window's
 * feature columns (matched to the outlier model's features by name) with the TypeScript
 * scorer, which equals the served ONNX graph within 1e-6.
 */
import type { FeatureManifest } from "../features/manifest/mod.ts";
import { scoreOutlierRow } from "../model/outlier/model.ts";
import type { OutlierModel } from "../model/outlier/types.ts";
import type { WindowInfo } from "./stats/mod.ts";

/** What {@link windowOutliers} reads of the window and the production version. */
export interface OutlierRateInput {
  rows: number;
  /** Logged flags (1/0) of every row, when the log has them. */
  loggedFlags?: Uint8Array;
  modelVersions: readonly string[];
  productionVersion?: string;
  outliers?: OutlierModel;
  manifest: FeatureManifest;
  /** The window's feature columns in `manifest` order. */
  columns: Float64Array[];
}

/**
 * The window's outliers, or undefined when the production version has no outlier model.
 * @example
 * ```ts
 * import { windowOutliers } from "./outlier_rate.ts";
 * const manifest = { formatVersion: 1 as const, key: "ID", target: "y", features: [] };
 * const none = windowOutliers({ rows: 0, modelVersions: [], manifest, columns: [] });
 * if (none !== undefined) throw new Error("no outlier model: no rate");
 * ```
 */
export function windowOutliers(input: OutlierRateInput): WindowInfo["outliers"] {
  const model = input.outliers;
  if (model === undefined) return undefined;
  const { rows } = input;
  const logged = input.loggedFlags !== undefined && input.modelVersions.length > 0 &&
    input.modelVersions.every((v) => v === input.productionVersion);
  let flagged = 0;
  if (logged) {
    for (const flag of input.loggedFlags!) flagged += flag;
  } else {
    const at = new Map(input.manifest.features.map((f, j) => [f.name, j]));
    const columns = model.features.map((f) => input.columns[at.get(f.name) ?? -1]);
    for (let i = 0; i < rows; i++) {
      const value = (j: number) => columns[j]?.[i] ?? NaN;
      if (scoreOutlierRow(model, value).flag) flagged++;
    }
  }
  return {
    flagged,
    rate: rows === 0 ? 0 : flagged / rows,
    source: logged ? "logged" : "rescored",
  };
}
