/**
 * Seeded row subsampling (per round) and column subsampling (per tree).
 */
import type { Rng } from "../../random/mod.ts";

/**
 * Writes the rows kept this round, ascending, into `index` and returns how many were
 * kept. With rate 1 every row is kept and no random number is drawn.
 */
export function sampleRows(rng: Rng, rate: number, index: Uint32Array): number {
  const rows = index.length;
  if (rate >= 1) {
    for (let i = 0; i < rows; i++) index[i] = i;
    return rows;
  }
  let count = 0;
  for (let i = 0; i < rows; i++) if (rng.float() < rate) index[count++] = i;
  return count;
}

/** The features a tree may split on: max(1, round(rate * count)) of them, ascending. */
export function sampleFeatures(rng: Rng, rate: number, count: number): Int32Array {
  const all = Array.from({ length: count }, (_, j) => j);
  if (rate >= 1) return Int32Array.from(all);
  const keep = Math.max(1, Math.round(rate * count));
  return Int32Array.from(rng.shuffle(all).slice(0, keep)).sort();
}
