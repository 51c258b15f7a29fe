/**
 * The principal reasons of one score: the reason groups that pushed it most toward a
 * worse outcome. Works on any additive per-feature contribution vector where a positive
 * value raises the risk (TreeSHAP or exact linear SHAP in log-odds, a scorecard's points
 * turned toward risk), so it serves whatever model kind a version has.
 */
import type { ReasonIndex } from "./compile.ts";

/** At most this many principal reasons are given (the adverse-action convention). */
export const MAX_PRINCIPAL_REASONS = 4;

/** One principal reason of a row. */
export interface PrincipalReason {
  /** The table's code; null when the feature has no entry (then `text` is its name). */
  code: string | null;
  text: string;
  /** Sum of the positive contributions of the group's features (> 0). */
  contribution: number;
  /** The group's features that raised the risk (manifest indices), largest first. */
  features: number[];
}

/**
 * Up to `max` reasons, largest contribution first (ties: table order). A group's
 * contribution is the sum of its features' positive contributions only: a feature of the
 * group that lowered the risk neither offsets the others nor is listed, so every listed
 * feature raised the risk, and a group none of whose features did is never a reason.
 * @example
 * ```ts
 * import { compileReasonIndex } from "./compile.ts";
 * import { principalReasons } from "./principal.ts";
 * const manifest = {
 *   formatVersion: 1 as const, key: "ID", target: "y",
 *   features: ["A", "B", "C"].map((name) => ({
 *     name, type: "numeric" as const, source: "csv", description: name,
 *   })),
 * };
 * const index = compileReasonIndex(manifest, {
 *   formatVersion: 1,
 *   reasons: [{ code: "R01", text: "A or B", features: ["A", "B"] }],
 * });
 * const [first, second] = principalReasons(index, [0.2, 0.3, 0.4]);
 * // R01 (0.2 + 0.3) before the unmapped C (0.4)
 * if (first.code !== "R01" || second.text !== "C") throw new Error(JSON.stringify(first));
 * ```
 */
export function principalReasons(
  index: ReasonIndex,
  contributions: ArrayLike<number>,
  max = MAX_PRINCIPAL_REASONS,
): PrincipalReason[] {
  const { groupOf, groups } = index;
  if (contributions.length !== groupOf.length) {
    throw new RangeError(
      `Cannot find principal reasons: ${contributions.length} contributions for ${groupOf.length} features`,
    );
  }
  const sums = new Float64Array(groups.length);
  const raised: number[] = [];
  for (let j = 0; j < groupOf.length; j++) {
    const c = contributions[j];
    if (!(c > 0)) continue;
    const g = groupOf[j];
    if (sums[g] === 0) raised.push(g);
    sums[g] += c;
  }
  raised.sort((a, b) => sums[b] - sums[a] || a - b);
  return raised.slice(0, Math.max(0, max)).map((g): PrincipalReason => {
    const features: number[] = [];
    for (const j of groups[g].members) if (contributions[j] > 0) features.push(j);
    features.sort((a, b) => contributions[b] - contributions[a] || a - b);
    return { code: groups[g].code, text: groups[g].text, contribution: sums[g], features };
  });
}

/** A principal reason with its features by name, as clients and files receive it. */
export interface NamedPrincipalReason {
  code: string | null;
  text: string;
  contribution: number;
  /** The group's features that raised the risk, largest first. */
  features: string[];
}

/** {@link principalReasons} with the features named (the API's and `score`'s shape). */
export function namedPrincipalReasons(
  index: ReasonIndex,
  contributions: ArrayLike<number>,
  max = MAX_PRINCIPAL_REASONS,
): NamedPrincipalReason[] {
  return principalReasons(index, contributions, max).map((r) => ({
    code: r.code,
    text: r.text,
    contribution: r.contribution,
    features: r.features.map((j) => index.names[j]),
  }));
}
