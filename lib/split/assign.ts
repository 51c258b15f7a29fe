/**
 * Seeded stratified assignment of entities to train and test: each target class is
 * shuffled on its own and `testSize` of it (rounded) goes to test, so both parts keep
 * the target rate. Entities are taken in id order first, so the result depends on the
 * ids, labels and seed only, never on row order.
 */
import { createRng } from "../random/mod.ts";

/** Options for {@link assignStratified}. */
export interface AssignOptions {
  /** Share of each class that goes to test, in (0, 1). */
  testSize: number;
  seed: number;
}

/**
 * Marks test rows (1) and train rows (0), one entity per row.
 * @example
 * ```ts
 * import { assignStratified } from "./assign.ts";
 * const isTest = assignStratified([10, 11, 12, 13], [0, 1, 0, 1], { testSize: 0.5, seed: 7 });
 * if (isTest.length !== 4) throw new Error(`expected 4 flags, got ${isTest.length}`);
 * ```
 */
export function assignStratified(
  ids: ArrayLike<number | string>,
  labels: ArrayLike<number>,
  options: AssignOptions,
): Uint8Array {
  const { testSize, seed } = options;
  if (!(testSize > 0 && testSize < 1)) {
    throw new RangeError(`Cannot split: test_size ${testSize} is not in (0, 1)`);
  }
  const order = Array.from({ length: ids.length }, (_, i) => i).sort((a, b) =>
    compareIds(ids[a], ids[b])
  );
  const rng = createRng(seed);
  const isTest = new Uint8Array(ids.length);
  for (const cls of [0, 1]) {
    const rows = order.filter((i) => labels[i] === cls);
    rng.shuffle(rows);
    const cut = Math.round(rows.length * testSize);
    for (let k = 0; k < cut; k++) isTest[rows[k]] = 1;
  }
  return isTest;
}

function compareIds(a: number | string, b: number | string): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
