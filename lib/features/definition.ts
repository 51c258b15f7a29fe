/** A feature defined by a row-level expression, before it becomes a manifest entry. */
import type { ManifestFeature } from "./manifest/mod.ts";
import type { Expr } from "./expression.ts";

/** A row-level feature: its manifest entry plus the expression that computes it. */
export interface ExprFeature extends ManifestFeature {
  expr: Expr;
}

/** The manifest entry of an expression feature (the expression dropped). */
export function toManifestFeature(feature: ExprFeature): ManifestFeature {
  const { expr: _expr, ...entry } = feature;
  return entry;
}
