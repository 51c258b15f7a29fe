/**
 * The reference side of a drift run: the training split in feature space, scored with
 * the production model (read from the registry with its checksums verified).
 */
import { join } from "node:path";
import type { FeatureManifest } from "../features/manifest.ts";
import { readDataset } from "../features/read_dataset.ts";
import { type EitherModel, predictEitherProba } from "../model/either/mod.ts";
import type { Dataset } from "../model/types.ts";
import { loadVerifiedVersion, productionVersion } from "../registry/mod.ts";
// The files, not lib/serving/mod.ts, which would load onnxruntime-node for nothing.
import { parseServingInfo, SERVING_FILE } from "../serving/serving_info.ts";
import { type FeatureSnapshot, loadFeatureSnapshot } from "../serving/snapshot.ts";
import type { CsvRowReader } from "../serving/csv_row.ts";
import { requestRules } from "../serving/request_rules.ts";
import { readVersionModel } from "../serving/chosen_model.ts";

/** The model drift scores with, where it came from, and its history-feature snapshot. */
export interface ScoringModel {
  version: string;
  /** The version's chosen model (its GBDT when it records no choice). */
  model: EitherModel;
  /** History aggregates by key, as the server looks them up (when the version has them). */
  snapshot?: FeatureSnapshot;
  /** Reads window rows as the training CSV held them (a csv version's stored rules). */
  read?: CsvRowReader;
}

/**
 * The production version's chosen model (GBDT or logistic) and feature snapshot, or undefined when nothing is in
 * Production.
 * @example
 * ```ts
 * import { loadProductionModel } from "./reference.ts";
 * const registry = await Deno.makeTempDir(); // e.g. data/registry
 * const production = await loadProductionModel(registry);
 * await Deno.remove(registry, { recursive: true });
 * if (production !== undefined) throw new Error("an empty registry has no production version");
 * ```
 */
export async function loadProductionModel(registry: string): Promise<ScoringModel | undefined> {
  const version = await productionVersion(registry);
  if (version === undefined) return undefined;
  const info = await loadVerifiedVersion(registry, version);
  const readJson = async (name: string) =>
    JSON.parse(await Deno.readTextFile(join(info.dir, name)));
  const model = await readVersionModel(info);
  if (!(SERVING_FILE in info.artifacts)) return { version, model };
  const serving = parseServingInfo(await readJson(SERVING_FILE), `${version}/${SERVING_FILE}`);
  const read = requestRules(serving).read;
  const base = { version, model, ...(read === undefined ? {} : { read }) };
  if (serving.snapshot === null) return base;
  const { file, key, features } = serving.snapshot;
  return { ...base, snapshot: await loadFeatureSnapshot(join(info.dir, file), key, features) };
}

/** The reference rows in feature space, with scores when a model is given. */
export interface Reference {
  data: Dataset;
  scores?: Float64Array;
}

/**
 * Reads the training split (feature-store shape) and scores it.
 * @example
 * ```ts
 * import { loadReference } from "./reference.ts";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * import type { FeatureManifest } from "../features/manifest/mod.ts";
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/train.parquet`; // e.g. data/split/train.parquet
 * const conn = await openDuckDb({ threads: 1 });
 * await conn.run(
 *   `copy (select i::BIGINT as ID, (i % 2)::BIGINT as y, i::DOUBLE as a from range(10) t(i)) ` +
 *     `to '${path}' (format parquet)`,
 * );
 * conn.closeSync();
 * const manifest: FeatureManifest = {
 *   formatVersion: 1,
 *   key: "ID",
 *   target: "y",
 *   features: [{ name: "a", type: "numeric", source: "csv", description: "a" }],
 * };
 * // with the production model as a third argument, the rows are scored too
 * const reference = await loadReference(path, manifest);
 * await Deno.remove(dir, { recursive: true });
 * if (reference.data.columns[0].length !== 10) throw new Error("expected 10 reference rows");
 * ```
 */
export async function loadReference(
  path: string,
  manifest: FeatureManifest,
  model?: EitherModel,
): Promise<Reference> {
  const data = await readDataset(path, manifest);
  return { data, ...(model ? { scores: predictEitherProba(model, data) } : {}) };
}

/** Scores feature columns (manifest order) with a model. */
export function scoreColumns(
  model: EitherModel,
  manifest: FeatureManifest,
  columns: Float64Array[],
): Float64Array {
  const rows = columns[0]?.length ?? 0;
  return predictEitherProba(model, { features: manifest.features, columns, rows });
}
