/**
 * Single-feature AUC by counting instead of sorting, for columns with few distinct values
 * (flags, small counts, codes, categorical levels). Ties count ½ exactly as the sorting
 * path counts them, and the pair total is the same integer, so the AUC is bit-identical.
 * Columns with more distinct values than {@link MAX_COUNTED_VALUES} give `undefined`,
 * and the caller sorts.
 */
import type { SeparationAuc } from "./leakage.ts";

/** Most distinct values a column may have to be counted; beyond it sorting is cheaper. */
export const MAX_COUNTED_VALUES = 4096;

/** Per-value tallies of positives and negatives, in first-seen order. */
interface Tallies {
  keys: Float64Array;
  positives: Float64Array;
  negatives: Float64Array;
  size: number;
}

function newTallies(): Tallies {
  return {
    keys: new Float64Array(MAX_COUNTED_VALUES),
    positives: new Float64Array(MAX_COUNTED_VALUES),
    negatives: new Float64Array(MAX_COUNTED_VALUES),
    size: 0,
  };
}

/**
 * Tallies each non-NaN value's positives and negatives (label 1 is positive, anything
 * else negative, as the sorting path reads them); undefined past the distinct bound.
 * Small non-negative integers index an array directly; other values go through a Map,
 * where −0 and 0 share a key, as they compare equal when sorted.
 */
function tallyValues(values: ArrayLike<number>, labels: ArrayLike<number>): Tallies | undefined {
  const tallies = newTallies();
  const smallSlot = new Int32Array(MAX_COUNTED_VALUES).fill(-1);
  const otherSlot = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const small = v >= 0 && v < MAX_COUNTED_VALUES && (v | 0) === v;
    let slot = small ? smallSlot[v] : otherSlot.get(v) ?? -1;
    if (slot < 0) {
      if (tallies.size === MAX_COUNTED_VALUES) return undefined;
      slot = tallies.size++;
      tallies.keys[slot] = v;
      if (small) smallSlot[v] = slot;
      else otherSlot.set(v, slot);
    }
    if (labels[i] === 1) tallies.positives[slot]++;
    else tallies.negatives[slot]++;
  }
  return tallies;
}

/**
 * AUC from tallies: walking the values in ascending order, each positive at a value is
 * paired with the negatives below it (1 each) and at it (½ each).
 */
function aucOfTallies(tallies: Tallies): SeparationAuc | null {
  const order = Array.from({ length: tallies.size }, (_, k) => k)
    .sort((a, b) => tallies.keys[a] - tallies.keys[b]);
  let positives = 0;
  let negatives = 0;
  let twicePairs = 0;
  for (const k of order) {
    twicePairs += tallies.positives[k] * (2 * negatives + tallies.negatives[k]);
    positives += tallies.positives[k];
    negatives += tallies.negatives[k];
  }
  if (positives === 0 || negatives === 0) return null;
  return { auc: twicePairs / 2 / positives / negatives, positives, negatives };
}

/**
 * {@link separationAuc} by counting: the same result for a column of at most
 * {@link MAX_COUNTED_VALUES} distinct non-NaN values, undefined for a wider one.
 * @example
 * ```ts
 * import { countedSeparationAuc } from "./counted_auc.ts";
 * const result = countedSeparationAuc(Float64Array.of(0, 1, 1, NaN), Float64Array.of(0, 1, 0, 1));
 * if (result?.auc !== 0.75) throw new Error(`expected 0.75, got ${result?.auc}`);
 * ```
 */
export function countedSeparationAuc(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
): SeparationAuc | null | undefined {
  const tallies = tallyValues(values, labels);
  return tallies === undefined ? undefined : aucOfTallies(tallies);
}

/**
 * The AUC of a categorical scored by each level's positive rate (the best ordering of its
 * levels), from per-level tallies: levels of equal rate are one tied score. The same
 * result as `separationAuc(levelRateScores(codes, labels), labels)`; undefined past
 * {@link MAX_COUNTED_VALUES} levels.
 */
export function countedLevelRateAuc(
  codes: ArrayLike<number>,
  labels: ArrayLike<number>,
): SeparationAuc | null | undefined {
  // levelRateScores divides a level's label sum by its rows: that is its positive count
  // over its rows only while every label is 0 or 1.
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) return undefined;
  }
  const levels = tallyValues(codes, labels);
  if (levels === undefined) return undefined;
  const byRate = newTallies();
  const slotOfRate = new Map<number, number>();
  for (let k = 0; k < levels.size; k++) {
    const positives = levels.positives[k];
    const negatives = levels.negatives[k];
    const rate = positives / (positives + negatives);
    let slot = slotOfRate.get(rate);
    if (slot === undefined) {
      slot = byRate.size++;
      byRate.keys[slot] = rate;
      slotOfRate.set(rate, slot);
    }
    byRate.positives[slot] += positives;
    byRate.negatives[slot] += negatives;
  }
  return aucOfTallies(byRate);
}
