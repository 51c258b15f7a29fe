/**
 * A reference sketch: what drift needs of a version's training split, computed once at
 * registration so a drift run reads kilobytes instead of re-reading and re-scoring the
 * split. Per feature (in the split manifest's order) and for the version's score: row and
 * missing counts, the PSI quantile edges with the split's count in each bin, category
 * counts, and the CDF at up to `points` values (every distinct value when there are no
 * more, so KS is exact; otherwise within the stored `ksBound`).
 */
import type { ManifestFeature } from "../../features/manifest/mod.ts";
import {
  type NumericSummary,
  type ReferenceSummary,
  summariseNumeric,
  summariseReference,
} from "../stats/mod.ts";

/** CDF points kept per numeric column: KS within 1/2048 of exact when some are dropped. */
export const SKETCH_POINTS = 2048;

/** One feature of the split as the sketch recorded it. */
export interface SketchedFeature {
  name: string;
  type: ManifestFeature["type"];
  /** The manifest's levels (categorical features), which the counts are over. */
  levels?: string[];
  summary: ReferenceSummary;
}

/** A version's reference sketch (reference_sketch.json). */
export interface ReferenceSketch {
  formatVersion: 1;
  /** The split file the sketch summarises, and its SHA-256. */
  reference: { path: string; sha256: string; rows: number };
  /** PSI bins the numeric edges were cut for (drift.bins at registration). */
  bins: number;
  /** The CDF point cap. */
  points: number;
  features: SketchedFeature[];
  /** The version's scores of the split (prediction drift), when it was scored. */
  score?: NumericSummary;
}

/** What {@link sketchReference} summarises. */
export interface SketchInput {
  /** The split's manifest features; columns[j] holds feature j. */
  features: readonly ManifestFeature[];
  columns: readonly Float64Array[];
  scores?: Float64Array;
  reference: { path: string; sha256: string };
  bins: number;
  points?: number;
}

/**
 * Summarises every column (and the scores) of a reference split.
 * @example
 * ```ts
 * import { sketchReference } from "./sketch.ts";
 * const sketch = sketchReference({
 *   features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *   columns: [Float64Array.of(1, 2, 2, NaN)],
 *   reference: { path: "data/split/train.parquet", sha256: "0".repeat(64) },
 *   bins: 10,
 * });
 * if (sketch.reference.rows !== 4) throw new Error(`expected 4 rows, got ${sketch.reference.rows}`);
 * ```
 */
export function sketchReference(input: SketchInput): ReferenceSketch {
  const points = input.points ?? SKETCH_POINTS;
  const features = input.features.map((f, j): SketchedFeature => ({
    name: f.name,
    type: f.type,
    ...(f.type === "categorical" ? { levels: [...(f.levels ?? [])] } : {}),
    summary: summariseReference(f, input.columns[j], input.bins, points),
  }));
  return {
    formatVersion: 1,
    reference: { ...input.reference, rows: input.columns[0]?.length ?? 0 },
    bins: input.bins,
    points,
    features,
    ...(input.scores === undefined
      ? {}
      : { score: summariseNumeric(input.scores, input.bins, points) }),
  };
}

/** The sketch's summaries in the order of `features`, or why they do not fit. */
export type SketchFit =
  | { fits: true; summaries: ReferenceSummary[]; score?: NumericSummary }
  | { fits: false; reason: string };

/**
 * Checks a sketch against the run that would use it: the same split file (by SHA-256,
 * when the file is there to hash), the same features with the same levels, the same bins.
 * @example
 * ```ts
 * import { fitSketch, sketchReference } from "./sketch.ts";
 * const features = [{ name: "a", type: "numeric", source: "a", description: "a" }] as const;
 * const reference = { path: "train.parquet", sha256: "0".repeat(64) };
 * const sketch = sketchReference({ features, columns: [Float64Array.of(1)], reference, bins: 10 });
 * const fit = fitSketch(sketch, { features, bins: 20, sha256: reference.sha256 });
 * if (fit.fits) throw new Error("expected no fit: the run cuts 20 bins");
 * ```
 */
export function fitSketch(
  sketch: ReferenceSketch,
  run: { features: readonly ManifestFeature[]; bins: number; sha256?: string },
): SketchFit {
  if (run.sha256 !== undefined && run.sha256 !== sketch.reference.sha256) {
    return {
      fits: false,
      reason: `the reference is not the file sketched (${sketch.reference.path})`,
    };
  }
  if (run.bins !== sketch.bins) {
    return {
      fits: false,
      reason: `drift.bins is ${run.bins}, the sketch was cut for ${sketch.bins}`,
    };
  }
  if (run.features.length !== sketch.features.length) {
    return {
      fits: false,
      reason:
        `the manifest has ${run.features.length} features, the sketch ${sketch.features.length}`,
    };
  }
  for (let j = 0; j < run.features.length; j++) {
    const reason = featureMismatch(run.features[j], sketch.features[j], j);
    if (reason !== undefined) return { fits: false, reason };
  }
  const summaries = sketch.features.map((s) => s.summary);
  return { fits: true, summaries, ...(sketch.score ? { score: sketch.score } : {}) };
}

function featureMismatch(
  f: ManifestFeature,
  s: SketchedFeature,
  j: number,
): string | undefined {
  if (f.name !== s.name) return `feature ${j + 1} is "${f.name}", the sketch's "${s.name}"`;
  if (f.type !== s.type) return `"${f.name}" is ${f.type}, the sketch's is ${s.type}`;
  if (f.type !== "categorical") return undefined;
  const levels = (f.levels ?? []).join(", ");
  const sketched = (s.levels ?? []).join(", ");
  return levels === sketched
    ? undefined
    : `"${f.name}" has levels [${levels}], the sketch's [${sketched}]`;
}

/**
 * `size` values standing for a summarised column in charts: the CDF's values at evenly
 * spaced ranks (a value between two kept points is drawn at the upper one).
 * @example
 * ```ts
 * import { summariseNumeric } from "../stats/mod.ts";
 * import { chartSample } from "./sketch.ts";
 * const sample = chartSample(summariseNumeric(Float64Array.of(1, 1, 2, 3), 10), 4);
 * if (sample.join() !== "1,1,2,3") throw new Error(`got ${sample.join()}`);
 * ```
 */
export function chartSample(summary: NumericSummary, size: number): Float64Array {
  const { cdfValues, cdfCounts } = summary;
  const n = cdfValues.length === 0 ? 0 : cdfCounts[cdfValues.length - 1];
  const count = n === 0 ? 0 : Math.min(size, n);
  const out = new Float64Array(count);
  let k = 0;
  for (let q = 0; q < count; q++) {
    const rank = ((q + 0.5) * n) / count;
    while (cdfCounts[k] <= rank) k++;
    out[q] = cdfValues[k];
  }
  return out;
}
