/**
 * Which of a model's most important features the reason table leaves unmapped: a warning
 * of the evaluation report, since such a feature can only be named, not explained, in an
 * adverse-action reason.
 */
import type { ReasonIndex } from "./compile.ts";

/** Top features (by mean |SHAP|) checked for a reason code, as the importance chart shows. */
export const REASON_COVERAGE_TOP = 15;

/** One top feature without a reason code. */
export interface UnmappedTopFeature {
  name: string;
  /** 1-based rank by mean |SHAP|. */
  rank: number;
  meanAbsShap: number;
}

/** The table's coverage of the top features. */
export interface ReasonCoverage {
  /** The table's path, or null when no table is configured (every feature unmapped). */
  table: string | null;
  /** How many top features were checked. */
  checked: number;
  unmapped: UnmappedTopFeature[];
}

/**
 * The features among the first `top` of `importance` (ranked, largest first; features
 * with zero importance are not counted) that have no reason code in `index`.
 * @example
 * ```ts ignore
 * const coverage = reasonCoverage(index, evaluation.importance);
 * coverage.unmapped.map((f) => f.name); // ["CODE_GENDER"]
 * ```
 */
export function reasonCoverage(
  index: ReasonIndex,
  importance: readonly { name: string; meanAbsShap: number }[],
  top = REASON_COVERAGE_TOP,
): ReasonCoverage {
  const position = new Map(index.names.map((name, j) => [name, j]));
  const ranked = importance.filter((f) => f.meanAbsShap > 0).slice(0, top);
  const unmapped = ranked.flatMap((f, i): UnmappedTopFeature[] => {
    const j = position.get(f.name);
    const mapped = j !== undefined && index.groups[index.groupOf[j]].code !== null;
    return mapped ? [] : [{ name: f.name, rank: i + 1, meanAbsShap: f.meanAbsShap }];
  });
  return { table: index.source ?? null, checked: ranked.length, unmapped };
}
