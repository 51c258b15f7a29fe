/**
 * Stratified k-fold assignment for cross-validation on small training splits: each
 * class is shuffled (seeded) and dealt round-robin into the folds, so every fold keeps
 * the positive rate and fold sizes differ by at most one row per class.
 */
import type { Rng } from "../random/mod.ts";

/** One fold: the rows it trains on and the rows it is validated on, both ascending. */
export interface Fold {
  train: Uint32Array;
  valid: Uint32Array;
}

/**
 * Deals the rows of a 0/1 `label` into `k` stratified folds.
 * @example
 * ```ts
 * import { stratifiedKFold } from "./folds.ts";
 * import { createRng } from "../random/mod.ts";
 * const folds = stratifiedKFold(Float64Array.of(0, 1, 0, 1, 0, 1), 3, createRng(1));
 * folds.length; // 3
 * ```
 */
export function stratifiedKFold(label: Float64Array, k: number, rng: Rng): Fold[] {
  if (!(Number.isInteger(k) && k >= 2)) {
    throw new RangeError(`Cannot make folds: k is ${k}, expected an integer >= 2`);
  }
  const foldOf = new Uint8Array(label.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < label.length; i++) if (label[i] === cls) rows.push(i);
    if (rows.length < k) {
      throw new RangeError(
        `Cannot make ${k} stratified folds: the training split has ${rows.length} rows of class ${cls}, fewer than the folds (lower train.cv_folds)`,
      );
    }
    rng.shuffle(rows);
    for (let r = 0; r < rows.length; r++) foldOf[rows[r]] = r % k;
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < label.length; i++) (foldOf[i] === f ? valid : train).push(i);
    return { train: Uint32Array.from(train), valid: Uint32Array.from(valid) };
  });
}
