/**
 * Target-leakage screening: a feature that ranks the target almost perfectly on its own
 * (single-feature AUC, either direction), whose missingness does, or a categorical whose
 * levels do (each level scored by its positive rate), is refused before any model sees it.
 */
import type { ManifestFeature } from "../features/manifest/mod.ts";
import { sortFloat64 } from "../sort/mod.ts";
import { countedLevelRateAuc, countedSeparationAuc } from "./counted_auc.ts";

/** A single-feature AUC with the rows it was computed on. */
export interface SeparationAuc {
  /** P(value of a positive > value of a negative) + ½ P(tie); NaN rows skipped. */
  auc: number;
  positives: number;
  negatives: number;
}

/**
 * Rank AUC of one feature against 0/1 labels, skipping NaN values; ties count ½. A column
 * of few distinct values is counted ({@link countedSeparationAuc}), any other sorted
 * ({@link sortedSeparationAuc}); both give the same result. Returns null when a class has
 * no non-NaN row.
 * @example
 * ```ts
 * import { separationAuc } from "./leakage.ts";
 * const result = separationAuc(Float64Array.of(1, 2, NaN), Float64Array.of(0, 1, 1));
 * if (result?.auc !== 1) throw new Error(`expected 1, got ${result?.auc}`);
 * ```
 */
export function separationAuc(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
): SeparationAuc | null {
  const counted = countedSeparationAuc(values, labels);
  return counted === undefined ? sortedSeparationAuc(values, labels) : counted;
}

/**
 * {@link separationAuc} by sorting each class (a radix sort in the native sort's order
 * keeps hundreds of columns fast), for a column of any width.
 */
export function sortedSeparationAuc(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
): SeparationAuc | null {
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) continue;
    if (labels[i] === 1) positives++;
    else negatives++;
  }
  if (positives === 0 || negatives === 0) return null;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  for (let i = 0, p = 0, n = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    if (labels[i] === 1) pos[p++] = v;
    else neg[n++] = v;
  }
  sortFloat64(pos);
  sortFloat64(neg);
  // For each positive: negatives strictly below count 1, equal ones ½ (integers, exact).
  let below = 0;
  let atMost = 0;
  let twicePairs = 0;
  for (let k = 0; k < positives; k++) {
    const v = pos[k];
    while (below < negatives && neg[below] < v) below++;
    if (atMost < below) atMost = below;
    while (atMost < negatives && neg[atMost] <= v) atMost++;
    twicePairs += below + atMost;
  }
  return { auc: twicePairs / 2 / positives / negatives, positives, negatives };
}

/**
 * Scores each row of a categorical by its level's positive rate (NaN stays NaN): the
 * AUC of that score is the best any ordering of the levels reaches, 1 when every level
 * holds one class.
 */
export function levelRateScores(codes: ArrayLike<number>, labels: ArrayLike<number>): Float64Array {
  const counts = new Map<number, { rows: number; positives: number }>();
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (Number.isNaN(code)) continue;
    const seen = counts.get(code) ?? { rows: 0, positives: 0 };
    seen.rows++;
    seen.positives += labels[i];
    counts.set(code, seen);
  }
  return Float64Array.from(codes, (code) => {
    const seen = counts.get(code);
    return seen === undefined ? NaN : seen.positives / seen.rows;
  });
}

/** The AUC of {@link levelRateScores}: counted per level, or scored row by row and sorted. */
function levelsAuc(codes: ArrayLike<number>, labels: ArrayLike<number>): SeparationAuc | null {
  const counted = countedLevelRateAuc(codes, labels);
  return counted === undefined ? separationAuc(levelRateScores(codes, labels), labels) : counted;
}

/**
 * AUC of the missing indicator (1 = NaN) against the labels, by counting rather than
 * sorting; null unless the column has both missing and present values.
 */
export function missingnessAuc(
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
): SeparationAuc | null {
  let positives = 0;
  let negatives = 0;
  let missingPositives = 0;
  let missingNegatives = 0;
  for (let i = 0; i < values.length; i++) {
    const missing = Number.isNaN(values[i]);
    if (labels[i] === 1) {
      positives++;
      if (missing) missingPositives++;
    } else {
      negatives++;
      if (missing) missingNegatives++;
    }
  }
  const missingRows = missingPositives + missingNegatives;
  if (missingRows === 0 || missingRows === values.length) return null;
  if (positives === 0 || negatives === 0) return null;
  // Missing positive over present negative counts 1, ties (both missing or both present) ½.
  const twicePairs = 2 * missingPositives * (negatives - missingNegatives) +
    missingPositives * missingNegatives +
    (positives - missingPositives) * (negatives - missingNegatives);
  return { auc: twicePairs / 2 / positives / negatives, positives, negatives };
}

/** One screened feature's strongest signal. */
export interface LeakageScore {
  feature: string;
  /**
   * value: AUC of the values; missing: AUC of the missing indicator; levels: AUC of the
   * best ordering of a categorical's levels.
   */
  kind: "value" | "missing" | "levels";
  /** max(AUC, 1 − AUC). */
  strength: number;
}

/** Options for {@link screenFeature}. */
export interface ScreenOptions {
  /** Fewest non-missing rows of each class for a feature to be screened (default 20). */
  minClassRows?: number;
}

/**
 * Screens one feature column and returns its strongest signal, or null when it cannot
 * be screened (too few rows of a class).
 */
export function screenFeature(
  feature: ManifestFeature,
  values: ArrayLike<number>,
  labels: ArrayLike<number>,
  options: ScreenOptions = {},
): LeakageScore | null {
  const minClassRows = options.minClassRows ?? 20;
  const scores: LeakageScore[] = [];
  const categorical = feature.type === "categorical";
  const value = categorical ? levelsAuc(values, labels) : separationAuc(values, labels);
  if (value !== null && value.positives >= minClassRows && value.negatives >= minClassRows) {
    const kind = categorical ? "levels" : "value";
    scores.push({ feature: feature.name, kind, strength: strength(value.auc) });
  }
  const missing = missingnessAuc(values, labels);
  if (missing !== null) {
    scores.push({ feature: feature.name, kind: "missing", strength: strength(missing.auc) });
  }
  if (scores.length === 0) return null;
  return scores.reduce((best, s) => (s.strength > best.strength ? s : best));
}

function strength(auc: number): number {
  return Math.max(auc, 1 - auc);
}
