/**
 * Column-major datasets as the models train and score on them: rows picked by index and
 * a stratified validation fold carved out of a training set. Reading one from parquet is
 * the feature store's business (`readDataset` in lib/features/).
 */
import type { Rng } from "../random/mod.ts";
import type { Dataset } from "./types.ts";

/** A dataset with the entity id of each row (as `readDataset` of lib/features/ gives it). */
export interface KeyedDataset extends Dataset {
  ids: Float64Array;
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
