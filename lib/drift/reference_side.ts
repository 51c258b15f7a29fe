/**
 * The reference a drift run compares with: the production version's sketch when it fits
 * the run (same split file by SHA-256, same features, same bins), else the training split
 * read and scored again, as before sketches (versions registered without one, a
 * `--reference` of another file, another drift.bins).
 */
import { existsSync } from "node:fs";
import type { FeatureManifest } from "../features/manifest/mod.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import type { ReferenceSide } from "./stats/mod.ts";
import { loadReference, type ScoringModel } from "./reference.ts";
import { chartSample, fitSketch } from "./sketch/mod.ts";
import type { FeatureValues } from "./site/feature_page.ts";

/** Values drawn per feature for a sketched reference's charts. */
const CHART_SAMPLE = 4096;

/** Where the reference came from, for the report. */
export interface ReferenceSource {
  from: "sketch" | "split";
  /** Why a version's sketch was not used (absent: it was, or the version has none). */
  fallback?: string;
}

/** The reference side of a run. */
export interface ReferenceInput {
  /** Per manifest feature: its values, or its summary from the sketch. */
  columns: ReferenceSide[];
  scores?: ReferenceSide;
  /** SHA-256 of the reference split (hashed, or recorded by the sketch). */
  sha256: string;
  source: ReferenceSource;
  /** The reference half of a feature's chart values (j: manifest index; -1: the score). */
  chartValues(j: number): Pick<FeatureValues, "reference" | "referenceWeight">;
}

/**
 * Resolves the reference of a run.
 * @example
 * ```ts ignore
 * const reference = await resolveReference("data/split/train.parquet", manifest, production, 10);
 * ```
 */
export async function resolveReference(
  path: string,
  manifest: FeatureManifest,
  production: ScoringModel | undefined,
  bins: number,
): Promise<ReferenceInput> {
  const sketch = production?.sketch;
  const present = existsSync(path);
  const sha256 = present ? await hashFile(path) : undefined;
  let fallback: string | undefined;
  if (sketch !== undefined) {
    const fit = fitSketch(sketch, { features: manifest.features, bins, sha256 });
    if (fit.fits) {
      const { summaries, score } = fit;
      const sample = (j: number) => {
        const summary = j < 0 ? score : summaries[j];
        if (summary === undefined || summary.kind !== "numeric") {
          return { reference: new Float64Array(0) };
        }
        const values = chartSample(summary, CHART_SAMPLE);
        const finite = summary.rows - summary.missing;
        return {
          reference: values,
          referenceWeight: values.length === 0 ? 1 : finite / values.length,
        };
      };
      return {
        columns: summaries,
        ...(score === undefined ? {} : { scores: score }),
        sha256: sketch.reference.sha256,
        source: { from: "sketch" },
        chartValues: sample,
      };
    }
    fallback = `${production!.version}'s sketch does not fit: ${fit.reason}`;
  }
  if (sha256 === undefined) {
    throw new Deno.errors.NotFound(
      `Cannot read the drift reference: "${path}" does not exist` +
        (fallback === undefined ? "" : ` (${fallback})`),
    );
  }
  const reference = await loadReference(path, manifest, production?.model);
  const columns = reference.data.columns;
  return {
    columns,
    ...(reference.scores === undefined ? {} : { scores: reference.scores }),
    sha256,
    source: { from: "split", ...(fallback === undefined ? {} : { fallback }) },
    chartValues: (j) => ({
      reference: j < 0 ? reference.scores ?? new Float64Array(0) : columns[j],
    }),
  };
}
