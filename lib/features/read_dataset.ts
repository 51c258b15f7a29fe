/**
 * Reads feature-store shaped parquet (key, target, features in manifest order) into the
 * column-major dataset the models train and score on.
 */
import { openDuckDb, queryNumericColumns, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { KeyedDataset } from "../model/dataset.ts";
import type { FeatureManifest } from "./manifest/mod.ts";

/**
 * Loads a parquet file of the feature store's shape; every manifest feature must be
 * there (a missing one is an error naming it), extra columns are ignored.
 */
export async function readDataset(path: string, manifest: FeatureManifest): Promise<KeyedDataset> {
  const conn = await openDuckDb();
  try {
    const described = await conn.runAndReadAll(
      `describe select * from read_parquet(${quoteLiteral(path)})`,
    );
    const present = new Set(described.getRowObjectsJS().map((row) => String(row.column_name)));
    const wanted = [manifest.key, manifest.target, ...manifest.features.map((f) => f.name)];
    const missing = wanted.filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new RangeError(
        `Cannot read dataset "${path}": columns ${
          missing.map((m) => `"${m}"`).join(", ")
        } are missing`,
      );
    }
    const select = wanted.map((name) => `${quoteIdent(name)}::DOUBLE`).join(", ");
    const { columns, rows } = await queryNumericColumns(
      conn,
      `select ${select} from read_parquet(${quoteLiteral(path)})`,
    );
    const [ids, label, ...features] = columns;
    for (let i = 0; i < rows; i++) {
      if (label[i] !== 0 && label[i] !== 1) {
        throw new RangeError(
          `Cannot read dataset "${path}": ${manifest.target} of ${manifest.key} ${ids[i]} is ${
            label[i]
          }, not 0 or 1`,
        );
      }
    }
    return { features: manifest.features, columns: features, rows, label, ids };
  } finally {
    conn.closeSync();
  }
}
