/**
 * Request-time features for the server: one raw row (Kaggle application columns, or the
 * CSV's columns) becomes the model's feature vector in manifest order, computed by the
 * same definitions as the feature store and encoded with the manifest's own levels.
 */
import { APPLICATION_FEATURES } from "./application.ts";
import type { ExprFeature } from "./definition.ts";
import { category, type Expr } from "./expression.ts";
import { evaluateExpr, type InputRow } from "./expression_eval.ts";
import type { FeatureManifest, ManifestFeature } from "./manifest/mod.ts";
import { compileTextFeatures, type TextFeatureWriter } from "./text/request.ts";

const BY_NAME = new Map<string, ExprFeature>(APPLICATION_FEATURES.map((f) => [f.name, f]));

/**
 * The feature vector of one request row, NaN where a value is missing or unknown.
 * Application-level features are computed from the raw columns; history aggregates
 * (BURO_, PREV_, …) and CSV columns are read from the row when given as numbers; the
 * TF-IDF features of a free-text column come from its text.
 * @example
 * ```ts
 * import { requestFeatures } from "./request.ts";
 * import type { FeatureManifest } from "./manifest/mod.ts";
 * const manifest: FeatureManifest = {
 *   formatVersion: 1,
 *   key: "SK_ID_CURR",
 *   target: "TARGET",
 *   features: [{
 *     name: "CREDIT_INCOME_RATIO",
 *     type: "numeric",
 *     source: "application_train",
 *     description: "Credit over income",
 *   }],
 * };
 * const x = requestFeatures({ AMT_CREDIT: 2e5, AMT_INCOME_TOTAL: 1e5, CODE_GENDER: "F" }, manifest);
 * if (x[0] !== 2) throw new Error(`expected 2, got ${x[0]}`);
 * ```
 */
export function requestFeatures(row: InputRow, manifest: FeatureManifest): Float64Array {
  const text = textWriterOf(manifest);
  const out = Float64Array.from(manifest.features, (feature, j) => {
    if (text.positions.has(j)) return 0;
    const value = evaluateExpr(exprOf(feature), row);
    return value === null ? NaN : value;
  });
  text.write(row as Record<string, unknown>, out);
  return out;
}

const TEXT_WRITERS = new WeakMap<FeatureManifest, TextFeatureWriter>();

function textWriterOf(manifest: FeatureManifest): TextFeatureWriter {
  let writer = TEXT_WRITERS.get(manifest);
  if (writer === undefined) {
    writer = compileTextFeatures(manifest.features);
    TEXT_WRITERS.set(manifest, writer);
  }
  return writer;
}

/** The expression computing a manifest feature from a raw row. */
export function exprOf(feature: ManifestFeature): Expr {
  const defined = feature.source === "csv" ? undefined : BY_NAME.get(feature.name);
  if (feature.type === "categorical" && defined?.expr.kind !== "when") {
    // The manifest's levels, not today's schema, are what the model was trained on; a
    // derived category (age_band, banded by comparisons) computes its code from its inputs.
    return category(feature.name, feature.levels ?? []);
  }
  return defined?.expr ?? { kind: "column", name: feature.name };
}
