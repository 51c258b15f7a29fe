/**
 * A version's feature vectors: request-time features from the row through the store's own
 * definitions, a free-text column's TF-IDF features from its text, and history features
 * copied from the snapshot by key (NaN when the key is unknown), each at its manifest
 * position. {@link compileFeatureVectors} does the per-version work once; the three named
 * functions below build vectors from what it compiled.
 */
import type { FeatureManifest } from "../features/mod.ts";
import { compileTextFeatures, type TextFeatureWriter } from "../features/text/request.ts";
import type { FeatureSnapshot } from "../registry/snapshot.ts";
import { type BatchFeatureWriter, compileBatchFeatures } from "./batch_features.ts";
import { compileRequestFeatures, type RequestFeatureWriter } from "./request_features.ts";

/** What one version's feature vectors are built from, compiled once at load. */
export interface CompiledFeatures {
  /** Features per row (the manifest's length). */
  readonly width: number;
  /** Writes the request-time features of one row. */
  readonly writeRequest: RequestFeatureWriter;
  /** Writes the request-time features of many rows, row-major. */
  readonly writeBatch: BatchFeatureWriter;
  /** Writes the TF-IDF features of the free-text columns. */
  readonly text: TextFeatureWriter;
  /** History features by key, when the version has a snapshot. */
  readonly snapshot: FeatureSnapshot | undefined;
  /** The manifest position of each snapshot feature, in the snapshot's order. */
  readonly snapshotPositions: Int32Array;
}

/** Compiles the feature writers of a version from its manifest and snapshot. */
export function compileFeatureVectors(
  manifest: FeatureManifest,
  snapshot: FeatureSnapshot | undefined,
): CompiledFeatures {
  const position = new Map(manifest.features.map((f, j) => [f.name, j]));
  const fromSnapshot = new Set(snapshot?.features ?? []);
  // A free-text column's TF-IDF features are written from its text, all terms at once.
  const text = compileTextFeatures(manifest.features);
  const requestOnly = manifest.features.filter((f, j) =>
    !fromSnapshot.has(f.name) && !text.positions.has(j)
  );
  const requestPositions = Int32Array.from(requestOnly, (f) => position.get(f.name)!);
  const writeRequest = compileRequestFeatures(requestOnly, requestPositions);
  const writeBatch = compileBatchFeatures(requestOnly, requestPositions);
  const snapshotPositions = Int32Array.from(snapshot?.features ?? [], (name) => {
    const j = position.get(name);
    if (j === undefined) throw new RangeError(`Snapshot feature "${name}" is not in the manifest`);
    return j;
  });
  return {
    width: manifest.features.length,
    writeRequest,
    writeBatch,
    text,
    snapshot,
    snapshotPositions,
  };
}

/** The feature vector of a validated row, written into `out` (one row's width; NaN = missing). */
export function featuresInto(
  compiled: CompiledFeatures,
  row: Record<string, unknown>,
  out: Float64Array,
): Float64Array {
  out.fill(NaN);
  compiled.writeRequest(row, out);
  compiled.text.write(row, out);
  compiled.snapshot?.fill(row[compiled.snapshot.key], out, compiled.snapshotPositions);
  return out;
}

/** The feature vector of a validated row, in a new array. */
export function featuresOf(compiled: CompiledFeatures, row: Record<string, unknown>): Float64Array {
  return featuresInto(compiled, row, new Float64Array(compiled.width));
}

/** The feature vectors of validated rows, row-major in one array (equal to {@link featuresOf}). */
export function featuresOfBatch(
  compiled: CompiledFeatures,
  rows: readonly Record<string, unknown>[],
): Float64Array {
  const { width, snapshot } = compiled;
  const out = new Float64Array(rows.length * width).fill(NaN);
  compiled.writeBatch(rows, out, width);
  compiled.text.writeBatch(rows, out, width);
  if (snapshot !== undefined) {
    rows.forEach((row, i) => {
      snapshot.fill(
        row[snapshot.key],
        out.subarray(i * width, (i + 1) * width),
        compiled.snapshotPositions,
      );
    });
  }
  return out;
}
