/**
 * The reference side of a drift run: the training split in feature space, scored with
 * the production model (read from the registry with its checksums verified).
 */
import { join } from "node:path";
import type { FeatureManifest } from "../features/types.ts";
import { readDataset } from "../model/dataset.ts";
import { predictProba } from "../model/gbdt/mod.ts";
import type { Dataset, GbdtModel } from "../model/types.ts";
import { loadVerifiedVersion, productionVersion } from "../registry/mod.ts";

/** The model drift scores with, and where it came from. */
export interface ScoringModel {
  version: string;
  model: GbdtModel;
}

/**
 * The production version's GBDT, or undefined when nothing is in Production.
 * @example
 * const production = await loadProductionModel("data/registry");
 */
export async function loadProductionModel(registry: string): Promise<ScoringModel | undefined> {
  const version = await productionVersion(registry);
  if (version === undefined) return undefined;
  const info = await loadVerifiedVersion(registry, version);
  const model = JSON.parse(await Deno.readTextFile(join(info.dir, "model.json"))) as GbdtModel;
  return { version, model };
}

/** The reference rows in feature space, with scores when a model is given. */
export interface Reference {
  data: Dataset;
  scores?: Float64Array;
}

/**
 * Reads the training split (feature-store shape) and scores it.
 * @example
 * const reference = await loadReference("data/split/train.parquet", manifest, production?.model);
 */
export async function loadReference(
  path: string,
  manifest: FeatureManifest,
  model?: GbdtModel,
): Promise<Reference> {
  const data = await readDataset(path, manifest);
  return { data, ...(model ? { scores: predictProba(model, data) } : {}) };
}

/** Scores feature columns (manifest order) with a model. */
export function scoreColumns(
  model: GbdtModel,
  manifest: FeatureManifest,
  columns: Float64Array[],
): Float64Array {
  const rows = columns[0]?.length ?? 0;
  return predictProba(model, { features: manifest.features, columns, rows });
}
