/**
 * TF-IDF features of a request row: the one place the server, `score`, drift and
 * `requestFeatures` compute them, from the terms and idf the manifest stores, with the
 * same transform the split wrote the training and test parts with.
 */
import type { ManifestFeature } from "../manifest/mod.ts";
import { TfidfTransform } from "./vectorizer.ts";

/** Writes the TF-IDF features of raw rows at their positions. */
export interface TextFeatureWriter {
  /** Positions (in the feature list given) of every TF-IDF feature. */
  readonly positions: ReadonlySet<number>;
  /** Writes one row's features into `out` (from `offset`). */
  write(row: Readonly<Record<string, unknown>>, out: Float64Array, offset?: number): void;
  /** Writes each row's features into the row-major `out` (`width` values a row). */
  writeBatch(
    rows: readonly Readonly<Record<string, unknown>>[],
    out: Float64Array,
    width: number,
  ): void;
}

/**
 * The writer of the TF-IDF features among `features`, each written at its index there;
 * every term of a column must be in the list (a row is normalised over all of them).
 * @example
 * ```ts
 * import { compileTextFeatures } from "./request.ts";
 * const text = compileTextFeatures([{
 *   name: "purpose__late",
 *   type: "numeric",
 *   source: "csv",
 *   description: "TF-IDF of late in purpose",
 *   text: { column: "purpose", term: "late", idf: 1 },
 * }]);
 * const vector = new Float64Array(1);
 * text.write({ purpose: "late payment" }, vector);
 * if (vector[0] !== 1) throw new Error(`expected 1 (one term, normalised), got ${vector[0]}`);
 * ```
 */
export function compileTextFeatures(features: readonly ManifestFeature[]): TextFeatureWriter {
  const groups = new Map<string, { terms: string[]; idf: number[]; at: number[] }>();
  features.forEach((feature, j) => {
    if (feature.text === undefined) return;
    const group = groups.get(feature.text.column) ??
      groups.set(feature.text.column, { terms: [], idf: [], at: [] }).get(feature.text.column)!;
    group.terms.push(feature.text.term);
    group.idf.push(feature.text.idf);
    group.at.push(j);
  });
  const columns = [...groups].map(([column, group]) => ({
    column,
    transform: new TfidfTransform(group),
    positions: Int32Array.from(group.at),
  }));
  const write = (row: Readonly<Record<string, unknown>>, out: Float64Array, offset = 0) => {
    for (const { column, transform, positions } of columns) {
      transform.into(row[column], out, positions, offset);
    }
  };
  return {
    positions: new Set(columns.flatMap((c) => [...c.positions])),
    write,
    writeBatch(rows, out, width) {
      rows.forEach((row, i) => write(row, out, i * width));
    },
  };
}
