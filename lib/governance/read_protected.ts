/**
 * Reads the protected attributes' columns of a split file, row-aligned with the dataset
 * the model is scored on, whether or not the model was trained on them.
 */
import type { FeatureManifest } from "../features/manifest/mod.ts";
import type { KeyedDataset } from "../model/dataset.ts";
import { readDataset } from "../features/read_dataset.ts";
import type { ProtectedColumn } from "../evaluation/fairness.ts";
import type { GovernanceParams } from "./params.ts";
import { resolveProtected } from "./protected.ts";

/**
 * The columns of `governance.protected` in `path` (described by the split's
 * `manifest`), aligned with `scored` (same file, same rows); `inModel` from the names
 * of the model's features.
 * @example
 * ```ts ignore
 * const columns = await readProtectedColumns("data/split/test.parquet", splitManifest, governance, test, names);
 * ```
 */
export async function readProtectedColumns(
  path: string,
  manifest: FeatureManifest,
  governance: GovernanceParams,
  scored: KeyedDataset,
  modelFeatures: readonly string[],
): Promise<ProtectedColumn[]> {
  const specs = resolveProtected(manifest, governance);
  if (specs.length === 0) return [];
  const data = await readDataset(path, { ...manifest, features: specs });
  if (data.rows !== scored.rows) {
    throw new RangeError(
      `Cannot read protected attributes of "${path}": ${data.rows} rows, ${scored.rows} scored`,
    );
  }
  for (let i = 0; i < data.rows; i++) {
    if (data.ids[i] !== scored.ids[i]) {
      throw new RangeError(
        `Cannot read protected attributes of "${path}": row ${i} is ${manifest.key} ${
          data.ids[i]
        } here but ${scored.ids[i]} in the scored rows`,
      );
    }
  }
  const inModel = new Set(modelFeatures);
  return specs.map((spec, j) => ({
    spec,
    values: data.columns[j],
    inModel: inModel.has(spec.name),
  }));
}
