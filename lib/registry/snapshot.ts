/**
 * The feature snapshot of a registered version: history aggregates per entity key, so a
 * request carrying only application fields gets the same aggregates the model saw.
 */
import { openDuckDb, queryNumericColumns, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";

/** History features by entity key, held in memory as typed columns. */
export interface FeatureSnapshot {
  readonly key: string;
  readonly features: readonly string[];
  readonly rows: number;
  /**
   * The snapshot's values for `key` as a row fragment (missing values left out), or
   * undefined when the key is unknown.
   */
  lookup(key: unknown): Record<string, number> | undefined;
  /**
   * Writes the values for `key` into `out` at `positions` (one per snapshot feature);
   * returns false, leaving `out` untouched, when the key is unknown.
   */
  fill(key: unknown, out: Float64Array, positions: Int32Array): boolean;
}

/** Loads a snapshot parquet file (key column plus feature columns). */
export async function loadFeatureSnapshot(
  path: string,
  key: string,
  features: readonly string[],
): Promise<FeatureSnapshot> {
  const conn = await openDuckDb();
  try {
    const select = [key, ...features].map((name) => `${quoteIdent(name)}::DOUBLE`).join(", ");
    const { columns } = await queryNumericColumns(
      conn,
      `select ${select} from read_parquet(${quoteLiteral(path)})`,
    );
    return createFeatureSnapshot(key, features, columns[0], columns.slice(1));
  } finally {
    conn.closeSync();
  }
}

/** Builds a snapshot from typed columns (ids, then one column per feature). */
export function createFeatureSnapshot(
  key: string,
  features: readonly string[],
  ids: Float64Array,
  columns: Float64Array[],
): FeatureSnapshot {
  const index = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i], i);
  return {
    key,
    features,
    rows: ids.length,
    lookup(id) {
      if (typeof id !== "number") return undefined;
      const i = index.get(id);
      if (i === undefined) return undefined;
      const out: Record<string, number> = {};
      for (let j = 0; j < features.length; j++) {
        const value = columns[j][i];
        if (!Number.isNaN(value)) out[features[j]] = value;
      }
      return out;
    },
    fill(id, out, positions) {
      if (typeof id !== "number") return false;
      const i = index.get(id);
      if (i === undefined) return false;
      for (let j = 0; j < columns.length; j++) out[positions[j]] = columns[j][i];
      return true;
    },
  };
}
