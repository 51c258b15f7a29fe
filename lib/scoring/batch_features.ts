/**
 * Request features of a whole batch, one feature at a time over every row: the same
 * compiled expressions and readers as `compileRequestFeatures` (a test holds the two
 * equal), with each feature's function called across all rows while its property-load
 * cache is warm.
 */
import type { ManifestFeature } from "../features/manifest/mod.ts";
import { compileExpr, compileFieldReader } from "../features/compiled_expr.ts";
import { exprOf, readFlag } from "./request_features.ts";

/** Writes features of `rows` into a row-major `out` (`width` values a row; NaN = missing). */
export type BatchFeatureWriter = (
  rows: readonly Readonly<Record<string, unknown>>[],
  out: Float64Array,
  width: number,
) => void;

/**
 * Compiles the batch writer of `features` at their `positions` within each row.
 * @example
 * const write = compileBatchFeatures(manifest.features, positions);
 * write(rows, block, manifest.features.length);
 */
export function compileBatchFeatures(
  features: readonly ManifestFeature[],
  positions: Int32Array,
): BatchFeatureWriter {
  const readers = features.map((feature) => {
    const expr = exprOf(feature);
    if (feature.type === "boolean" && expr.kind === "column") {
      const read = compileFieldReader(feature.name);
      return (row: Readonly<Record<string, unknown>>) => readFlag(read(row));
    }
    return compileExpr(expr);
  });
  return (rows, out, width) => {
    const n = rows.length;
    for (let k = 0; k < readers.length; k++) {
      const read = readers[k];
      const at = positions[k];
      for (let i = 0; i < n; i++) out[i * width + at] = read(rows[i]) ?? NaN;
    }
  };
}
