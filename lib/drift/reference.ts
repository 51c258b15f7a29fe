/**
 * The reference side of a drift run: the training split in feature space, scored with
 * the production model (read from the registry with its checksums verified).
 */
import type { FeatureManifest } from "../features/manifest/mod.ts";
import { readDataset } from "../features/read_dataset.ts";
import { type EitherModel, predictEitherProba } from "../model/either/mod.ts";
import type { Dataset } from "../model/types.ts";
import {
  type CsvRowReader,
  type FeatureSnapshot,
  loadProductionVersion,
  loadVersionSnapshot,
  requestRules,
} from "../registry/mod.ts";
import { join } from "node:path";
import type { OutlierModel } from "../model/outlier/types.ts";
import { OUTLIER_MODEL_FILE, outlierModelFromJson } from "../model/outlier/serialize.ts";
// The file, not lib/scoring/mod.ts, which would load onnxruntime-node for nothing.
import { readVersionModel } from "../scoring/chosen_model.ts";
import { REFERENCE_SKETCH_FILE, type ReferenceSketch, sketchFromJson } from "./sketch/mod.ts";

/** The model drift scores with, where it came from, and its history-feature snapshot. */
export interface ScoringModel {
  version: string;
  /** The version's chosen model (its GBDT when it records no choice). */
  model: EitherModel;
  /** History aggregates by key, as the server looks them up (when the version has them). */
  snapshot?: FeatureSnapshot;
  /** Reads window rows as the training CSV held them (a csv version's stored rules). */
  read?: CsvRowReader;
  /** The version's outlier model (outliers.json), when it has one. */
  outliers?: OutlierModel;
  /** The version's reference sketch (versions registered before sketches have none). */
  sketch?: ReferenceSketch;
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
  const loaded = await loadProductionVersion(registry);
  if (loaded === undefined) return undefined;
  const { version, record, serving } = loaded;
  const model = await readVersionModel(record);
  const outliers = OUTLIER_MODEL_FILE in record.artifacts
    ? outlierModelFromJson(await Deno.readTextFile(join(record.dir, OUTLIER_MODEL_FILE)))
    : undefined;
  const sketch = REFERENCE_SKETCH_FILE in record.artifacts
    ? sketchFromJson(
      await Deno.readTextFile(join(record.dir, REFERENCE_SKETCH_FILE)),
      `${version}/${REFERENCE_SKETCH_FILE}`,
    )
    : undefined;
  const known = { ...(outliers ? { outliers } : {}), ...(sketch ? { sketch } : {}) };
  if (serving === undefined) return { version, model, ...known };
  const read = requestRules(serving).read;
  const base = { version, model, ...(read === undefined ? {} : { read }), ...known };
  const snapshot = await loadVersionSnapshot(record, serving);
  return snapshot === undefined ? base : { ...base, snapshot };
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
  return {
    data,
    ...(model ? { scores: predictEitherProba(model, modelColumns(model, data)) } : {}),
  };
}

/**
 * The columns of `data` the model was trained on, in its order: drift compares every
 * feature of the split (protected attributes excluded from training included), while the
 * model scores only its own.
 */
export function modelColumns(model: EitherModel, data: Dataset): Dataset {
  const index = new Map(data.features.map((f, j) => [f.name, j]));
  const columns = model.features.map((feature) => {
    const j = index.get(feature.name);
    if (j === undefined) {
      throw new RangeError(
        `Cannot score the drift data: the model's feature "${feature.name}" is not in it`,
      );
    }
    return data.columns[j];
  });
  return { features: model.features, columns, rows: data.rows };
}

/** Scores feature columns (manifest order) with a model. */
export function scoreColumns(
  model: EitherModel,
  manifest: FeatureManifest,
  columns: Float64Array[],
): Float64Array {
  const rows = columns[0]?.length ?? 0;
  return predictEitherProba(
    model,
    modelColumns(model, { features: manifest.features, columns, rows }),
  );
}
