/**
 * Request features of a whole batch, one feature at a time over every row: the same
 * expressions and readers as `compileRequestFeatures` (a test holds the two equal), but a
 * plain column is read with one property name across all rows, so the lookup stays
 * monomorphic instead of switching name on every field of every row.
 */
import { evaluateExpr } from "../features/mod.ts";
import type { ManifestFeature } from "../features/types.ts";
import { compileExpr } from "../features/compiled_expr.ts";
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
  const exprs = features.map(exprOf);
  const compiled = exprs.map(compileExpr);
  return (rows, out, width) => {
    const n = rows.length;
    for (let k = 0; k < exprs.length; k++) {
      const expr = exprs[k];
      const name = features[k].name;
      const at = positions[k];
      if (features[k].type === "boolean" && expr.kind === "column") {
        for (let i = 0; i < n; i++) out[i * width + at] = readFlag(rows[i][name]) ?? NaN;
      } else if (expr.kind === "column") {
        for (let i = 0; i < n; i++) {
          const value = rows[i][name];
          let x: number;
          if (value === null || value === undefined) x = NaN;
          else if (typeof value === "number") x = value; // non-finite becomes NaN below
          else x = evaluateExpr(expr, rows[i]) ?? NaN; // bigints, and the reader's own error
          out[i * width + at] = Number.isFinite(x) ? x : NaN;
        }
      } else {
        const value = compiled[k];
        for (let i = 0; i < n; i++) out[i * width + at] = value(rows[i]) ?? NaN;
      }
    }
  };
}
