/**
 * Writes a version's reference sketch at registration: the training split read in the
 * split manifest's feature space, scored with the version's model exactly as a drift run
 * would score it, summarised (lib/drift/sketch/) and written as reference_sketch.json.
 */
import { join } from "node:path";
import { readManifest } from "../features/manifest/mod.ts";
import type { EitherModel } from "../model/either/mod.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import { loadReference } from "./reference.ts";
import {
  REFERENCE_SKETCH_FILE,
  type ReferenceSketch,
  sketchReference,
  sketchToJson,
} from "./sketch/mod.ts";

/** Inputs of {@link writeReferenceSketch}. */
export interface WriteSketchInput {
  /** Folder to write reference_sketch.json into (the register stage's temp dir). */
  dir: string;
  /** The training split (data/split/train.parquet) and its manifest. */
  referencePath: string;
  manifestPath: string;
  /** The version's chosen model: its scores of the split are sketched too. */
  model?: EitherModel;
  /** drift.bins: the PSI bins the edges are cut for. */
  bins: number;
  points?: number;
}

/**
 * Sketches the split and writes the file; returns its path and the sketch.
 * @example
 * ```ts ignore
 * const { path } = await writeReferenceSketch({
 *   dir, referencePath: "data/split/train.parquet", manifestPath: "data/split/manifest.json", bins: 10,
 * });
 * ```
 */
export async function writeReferenceSketch(
  input: WriteSketchInput,
): Promise<{ path: string; sketch: ReferenceSketch }> {
  const manifest = await readManifest(input.manifestPath);
  const reference = await loadReference(input.referencePath, manifest, input.model);
  const sketch = sketchReference({
    features: manifest.features,
    columns: reference.data.columns,
    ...(reference.scores === undefined ? {} : { scores: reference.scores }),
    reference: { path: input.referencePath, sha256: await hashFile(input.referencePath) },
    bins: input.bins,
    ...(input.points === undefined ? {} : { points: input.points }),
  });
  const path = join(input.dir, REFERENCE_SKETCH_FILE);
  await Deno.writeTextFile(path, sketchToJson(sketch));
  return { path, sketch };
}
