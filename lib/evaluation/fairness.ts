/**
 * Fairness of the candidate on the test split, per protected attribute: the adverse
 * impact ratio (approval rate of each group ÷ that of the most-approved group) at each
 * tier cut-off, where a row is approved when its served tier lies below the cut, with
 * the four-fifths screen (AIR < 0.8 flagged), and the ROC AUC within each group. Pure:
 * typed arrays in, plain objects out.
 */
import { rocAuc } from "../model/metrics/mod.ts";
import type { FeatureSpec } from "../model/types.ts";
import { tierIndex, type TierSpec } from "../tiers/mod.ts";

/** The four-fifths rule: an adverse impact ratio below this is flagged. */
export const FOUR_FIFTHS = 0.8;

/** Most groups an attribute may have: more means a numeric column that wants banding. */
export const MAX_GROUPS = 50;

/** The group label of a missing value. */
export const MISSING_GROUP = "(missing)";

/** A protected attribute's test-split column, row-aligned with the scores. */
export interface ProtectedColumn {
  spec: FeatureSpec;
  /** Codes (categorical), 0/1 (boolean) or values (numeric); NaN = missing. */
  values: Float64Array;
  /** Whether the candidate model has the attribute among its features. */
  inModel: boolean;
}

/** A tier cut-off: approve the rows whose tier is `approveUpTo` or lower. */
export interface FairnessCutoff {
  /** The last approved tier. */
  approveUpTo: string;
  /** Approved when p < threshold. */
  threshold: number;
}

/** One group of a protected attribute. */
export interface GroupFairness {
  group: string;
  rows: number;
  positives: number;
  /** At least `minGroupRows` rows: flagged and gated; smaller groups are only reported. */
  judged: boolean;
  /** ROC AUC within the group; null when it lacks a class. */
  auc: number | null;
  /** Per cut-off: the group's share of rows approved. */
  approvalRate: number[];
  /** Per cut-off: approvalRate ÷ the reference group's; null when nobody judged is approved. */
  adverseImpactRatio: (number | null)[];
  /** Per cut-off: judged and the ratio below {@link FOUR_FIFTHS}. */
  flagged: boolean[];
}

/** One protected attribute's groups. */
export interface AttributeFairness {
  attribute: string;
  inModel: boolean;
  /** Per cut-off: the judged group with the highest approval rate (null when none). */
  referenceGroup: (string | null)[];
  groups: GroupFairness[];
}

/** The lowest adverse impact ratio of a judged group, and where it is. */
export interface LowestImpactRatio {
  value: number;
  attribute: string;
  group: string;
  cutoff: FairnessCutoff;
}

/** metrics.json's `fairness` entry. */
export interface FairnessReport {
  screen: number;
  minGroupRows: number;
  cutoffs: FairnessCutoff[];
  attributes: AttributeFairness[];
  /** Over every attribute, judged group and cut-off; null when no ratio was judged. */
  lowest: LowestImpactRatio | null;
}

/** Options of {@link fairnessReport}. */
export interface FairnessOptions {
  tiers: TierSpec;
  minGroupRows: number;
}

/**
 * Adverse impact ratios and per-group AUC of `scores` (probabilities of default) for
 * each protected column.
 * @example
 * ```ts ignore
 * const report = fairnessReport(scores, labels, [gender], { tiers, minGroupRows: 30 });
 * report.attributes[0].groups.map((g) => g.adverseImpactRatio);
 * ```
 */
export function fairnessReport(
  scores: Float64Array,
  labels: Float64Array,
  columns: readonly ProtectedColumn[],
  options: FairnessOptions,
): FairnessReport {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `Cannot compute fairness: ${scores.length} scores but ${labels.length} labels`,
    );
  }
  const { tiers, minGroupRows } = options;
  const cutoffs = tiers.thresholds.map((threshold, c) => ({
    approveUpTo: tiers.names[c],
    threshold,
  }));
  const tierOf = new Int32Array(scores.length);
  for (let i = 0; i < scores.length; i++) tierOf[i] = tierIndex(scores[i], tiers);
  const attributes = columns.map((column) => {
    if (column.values.length !== scores.length) {
      throw new RangeError(
        `Cannot compute fairness of "${column.spec.name}": ${column.values.length} values but ${scores.length} scores`,
      );
    }
    return attributeFairness(column, scores, labels, tierOf, cutoffs.length, minGroupRows);
  });
  return {
    screen: FOUR_FIFTHS,
    minGroupRows,
    cutoffs,
    attributes,
    lowest: lowestRatio(attributes, cutoffs),
  };
}

function attributeFairness(
  column: ProtectedColumn,
  scores: Float64Array,
  labels: Float64Array,
  tierOf: Int32Array,
  cuts: number,
  minGroupRows: number,
): AttributeFairness {
  const { keys, groupOf } = groupRows(column);
  const k = keys.length;
  const rows = new Float64Array(k);
  const positives = new Float64Array(k);
  // approved[g * cuts + c]: rows of group g whose tier is at most c.
  const approved = new Float64Array(k * cuts);
  for (let i = 0; i < scores.length; i++) {
    const g = groupOf[i];
    rows[g]++;
    if (labels[i] === 1) positives[g]++;
    for (let c = tierOf[i]; c < cuts; c++) approved[g * cuts + c]++;
  }
  const judged = Array.from(rows, (n) => n >= minGroupRows);
  const rate = (g: number, c: number) => rows[g] === 0 ? 0 : approved[g * cuts + c] / rows[g];
  const reference = Array.from({ length: cuts }, (_, c) => {
    let best = -1;
    for (let g = 0; g < k; g++) if (judged[g] && (best < 0 || rate(g, c) > rate(best, c))) best = g;
    return best >= 0 && rate(best, c) > 0 ? best : -1;
  });
  const groups = keys.map((key, g): GroupFairness => {
    const approvalRate = Array.from({ length: cuts }, (_, c) => rate(g, c));
    const adverseImpactRatio = reference.map((r, c) => r < 0 ? null : rate(g, c) / rate(r, c));
    return {
      group: key.label,
      rows: rows[g],
      positives: positives[g],
      judged: judged[g],
      auc: groupAuc(scores, labels, groupOf, g, rows[g], positives[g]),
      approvalRate,
      adverseImpactRatio,
      flagged: adverseImpactRatio.map((air) => judged[g] && air !== null && air < FOUR_FIFTHS),
    };
  });
  return {
    attribute: column.spec.name,
    inModel: column.inModel,
    referenceGroup: reference.map((r) => r < 0 ? null : keys[r].label),
    groups,
  };
}

interface GroupKey {
  value: number;
  label: string;
}

/** The groups of a column in code (or value) order, missing last, and each row's group. */
function groupRows(column: ProtectedColumn): { keys: GroupKey[]; groupOf: Int32Array } {
  const values = column.values;
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) distinct.add(values[i]);
  const present = [...distinct].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const keys: GroupKey[] = present.map((value) => ({
    value,
    label: groupLabel(column.spec, value),
  }));
  if (present.length > MAX_GROUPS) {
    throw new RangeError(
      `Cannot compute fairness of "${column.spec.name}": ${present.length} distinct values, more than ${MAX_GROUPS} groups; protect a banded column instead (like age_band)`,
    );
  }
  if (distinct.has(NaN)) keys.push({ value: NaN, label: MISSING_GROUP });
  const index = new Map(keys.map((key, g) => [key.value, g]));
  const groupOf = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) groupOf[i] = index.get(values[i])!;
  return { keys, groupOf };
}

function groupLabel(spec: FeatureSpec, value: number): string {
  if (spec.type === "categorical") return spec.levels?.[value] ?? `code ${value}`;
  return String(value);
}

function groupAuc(
  scores: Float64Array,
  labels: Float64Array,
  groupOf: Int32Array,
  g: number,
  rows: number,
  positives: number,
): number | null {
  if (positives === 0 || positives === rows) return null;
  const s = new Float64Array(rows);
  const y = new Float64Array(rows);
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    if (groupOf[i] !== g) continue;
    s[n] = scores[i];
    y[n++] = labels[i];
  }
  return rocAuc(s, y);
}

function lowestRatio(
  attributes: AttributeFairness[],
  cutoffs: FairnessCutoff[],
): LowestImpactRatio | null {
  let lowest: LowestImpactRatio | null = null;
  for (const attribute of attributes) {
    for (const group of attribute.groups) {
      if (!group.judged) continue;
      group.adverseImpactRatio.forEach((value, c) => {
        if (value === null || (lowest !== null && value >= lowest.value)) return;
        lowest = { value, attribute: attribute.attribute, group: group.group, cutoff: cutoffs[c] };
      });
    }
  }
  return lowest;
}
