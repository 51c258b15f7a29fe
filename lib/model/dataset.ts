/**
 * Reads feature-store shaped parquet (key, target, features in manifest order) into the
 * column-major {@link Dataset} the models train and score on, and carves a stratified
 * validation fold out of a training set.
 */
import { openDuckDb, queryNumericColumns, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { FeatureManifest } from "../features/types.ts";
import type { Rng } from "../random/mod.ts";
import type { Dataset } from "./types.ts";

/** A dataset with the entity id of each row. */
export interface KeyedDataset extends Dataset {
  ids: Float64Array;
}

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

/** The rows of `data` at `index`, in that order. */
export function takeRows<T extends Dataset>(data: T, index: ArrayLike<number>): Dataset {
  const pick = (column: Float64Array) => {
    const out = new Float64Array(index.length);
    for (let i = 0; i < index.length; i++) out[i] = column[index[i]];
    return out;
  };
  return {
    features: data.features,
    columns: data.columns.map(pick),
    rows: index.length,
    label: data.label ? pick(data.label) : undefined,
  };
}

/**
 * Splits row indices into train and validation, stratified on the label so both keep
 * the positive rate; `fraction` of each class goes to validation.
 */
export function stratifiedHoldout(
  label: Float64Array,
  fraction: number,
  rng: Rng,
): { train: Uint32Array; valid: Uint32Array } {
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`Cannot carve a validation fold: fraction ${fraction} is not in (0, 1)`);
  }
  const train: number[] = [];
  const valid: number[] = [];
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < label.length; i++) if (label[i] === cls) rows.push(i);
    rng.shuffle(rows);
    const cut = Math.round(rows.length * fraction);
    // Plain loops: spreading hundreds of thousands of rows overflows the call stack.
    for (let i = 0; i < rows.length; i++) (i < cut ? valid : train).push(rows[i]);
  }
  return {
    train: Uint32Array.from(train).sort(),
    valid: Uint32Array.from(valid).sort(),
  };
}
