/**
 * Drift of one feature (or of the score): PSI on reference quantile bins (or on the
 * categories), KS for numeric values, chi-square and Jensen–Shannon for categorical and
 * boolean ones, the missing-rate change, and a status from the thresholds. A window
 * with fewer than `min_rows` rows is flagged "small-window" instead of being judged.
 */
import type { FeatureSpec } from "../../model/types.ts";
import { categoricalPsi, categoryCounts } from "./categories.ts";
import { type ChiSquareResult, chiSquareTest } from "./chi_square.ts";
import { jensenShannonDistance } from "./jensen_shannon.ts";
import { ksAgainstCdf, type KsResult } from "./ks.ts";
import { type MissingRateChange, missingRateChangeFromCounts } from "./missing.ts";
import { binCounts, psiOnBins } from "./psi.ts";
import {
  type CategoricalSummary,
  levelsOf,
  type NumericSummary,
  type ReferenceSummary,
  summariseReference,
} from "./reference_summary.ts";
import {
  DEFAULT_DRIFT_THRESHOLDS,
  type DriftStatus,
  type DriftThresholds,
  STATUS_RANK,
} from "./thresholds.ts";

/** One bin (numeric) or category of a distribution comparison, for reports. */
export interface DistributionBin {
  /** "[a, b)" for a numeric bin, the level for a category. */
  label: string;
  referenceShare: number;
  currentShare: number;
  /** The bin's PSI term. */
  contribution: number;
}

/** Every drift metric of one feature and the verdict. */
export interface FeatureDrift {
  name: string;
  type: FeatureSpec["type"];
  referenceRows: number;
  currentRows: number;
  /** NaN when the current window has too few non-missing values to judge. */
  psi: number;
  bins: DistributionBin[];
  /** Numeric features only. */
  ks?: KsResult;
  /** Categorical and boolean features only. */
  chiSquare?: ChiSquareResult;
  /** Categorical and boolean features only: JS distance in bits, in [0, 1]. */
  jensenShannon?: number;
  missing: MissingRateChange;
  status: DriftStatus;
  /** True when the status is "alert". */
  drifted: boolean;
  /** Why the status is what it is, e.g. "PSI 0.31 ≥ 0.25". */
  reasons: string[];
}

/**
 * Compares one feature's reference and current values.
 * @example
 * ```ts
 * import { featureDrift } from "./feature_drift.ts";
 * const train = Float64Array.from({ length: 500 }, (_, i) => i % 100);
 * const { status } = featureDrift({ name: "AMT_CREDIT", type: "numeric" }, train, train);
 * if (status !== "ok") throw new Error(`expected ok, got ${status}`);
 * ```
 */
export function featureDrift(
  spec: FeatureSpec,
  reference: Float64Array,
  current: Float64Array,
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): FeatureDrift {
  const summary = summariseReference(spec, reference, thresholds.bins);
  return featureDriftFromSummary(spec, summary, current, thresholds);
}

/**
 * {@link featureDrift} with the reference given as its summary (from its values, or a
 * version's sketch): the same result whenever the summary kept every distinct value.
 * @example
 * ```ts
 * import { featureDriftFromSummary } from "./feature_drift.ts";
 * import { summariseReference } from "./reference_summary.ts";
 * const spec = { name: "AMT_CREDIT", type: "numeric" } as const;
 * const train = Float64Array.from({ length: 500 }, (_, i) => i % 100);
 * const summary = summariseReference(spec, train, 10);
 * const { status } = featureDriftFromSummary(spec, summary, train);
 * if (status !== "ok") throw new Error(`expected ok, got ${status}`);
 * ```
 */
export function featureDriftFromSummary(
  spec: FeatureSpec,
  reference: ReferenceSummary,
  current: Float64Array,
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): FeatureDrift {
  const missing = missingRateChangeFromCounts(reference, current);
  const base = {
    name: spec.name,
    type: spec.type,
    referenceRows: reference.rows,
    currentRows: current.length,
    missing,
  };
  const distribution = spec.type === "numeric"
    ? numericDistribution(spec, asKind(spec, reference, "numeric"), current, thresholds)
    : categoricalDistribution(spec, asKind(spec, reference, "categorical"), current);
  const finiteCurrent = Math.round(current.length * (1 - missing.current));
  if (current.length < thresholds.min_rows) {
    return {
      ...base,
      ...distribution,
      // Shown for information; with no value at all there is nothing to show.
      psi: finiteCurrent > 0 ? distribution.psi : NaN,
      status: "small-window",
      drifted: false,
      reasons: [`${current.length} rows < min_rows ${thresholds.min_rows}`],
    };
  }
  const judgeable = finiteCurrent >= thresholds.min_rows;
  const psiValue = judgeable ? distribution.psi : NaN;
  const reasons: string[] = [];
  let status = "ok" as DriftStatus;
  const raise = (to: DriftStatus, reason: string) => {
    if (STATUS_RANK[to] > STATUS_RANK[status]) status = to;
    reasons.push(reason);
  };
  if (psiValue >= thresholds.psi_alert) {
    raise("alert", `PSI ${psiValue.toFixed(3)} ≥ ${thresholds.psi_alert}`);
  } else if (psiValue >= thresholds.psi_warn) {
    raise("warn", `PSI ${psiValue.toFixed(3)} ≥ ${thresholds.psi_warn}`);
  }
  const change = Math.abs(missing.change);
  const missingText = `missing rate ${pct(missing.reference)} → ${pct(missing.current)}`;
  if (change >= thresholds.missing_alert) raise("alert", missingText);
  else if (change >= thresholds.missing_warn) raise("warn", missingText);
  if (!judgeable) reasons.push(`${finiteCurrent} non-missing values: distribution not judged`);
  return { ...base, ...distribution, psi: psiValue, status, drifted: status === "alert", reasons };
}

function numericDistribution(
  spec: FeatureSpec,
  reference: NumericSummary,
  current: Float64Array,
  thresholds: DriftThresholds,
): Pick<FeatureDrift, "psi" | "bins" | "ks"> {
  if (reference.bins !== thresholds.bins) {
    throw new RangeError(
      `Cannot compare "${spec.name}": its reference has edges for ${reference.bins} bins, ` +
        `drift.bins is ${thresholds.bins}`,
    );
  }
  const { edges } = reference;
  const result = psiOnBins(edges, reference.binCounts, binCounts(current, edges));
  const bins = result.bins.map((b) => ({
    label: `[${formatEdge(b.lower)}, ${formatEdge(b.upper)})`,
    referenceShare: b.referenceShare,
    currentShare: b.currentShare,
    contribution: b.contribution,
  }));
  return { psi: result.value, bins, ks: ksAgainstCdf(reference, current) };
}

function categoricalDistribution(
  spec: FeatureSpec,
  reference: CategoricalSummary,
  current: Float64Array,
): Pick<FeatureDrift, "psi" | "bins" | "chiSquare" | "jensenShannon"> {
  const levels = levelsOf(spec);
  if (reference.counts.length !== levels.length) {
    throw new RangeError(
      `Cannot compare "${spec.name}": its reference counts ${reference.counts.length} levels, ` +
        `the manifest ${levels.length}`,
    );
  }
  const refCounts = reference.counts;
  const curCounts = categoryCounts(current, levels.length);
  const result = categoricalPsi(refCounts, curCounts, levels);
  return {
    psi: result.value,
    bins: result.bins,
    chiSquare: chiSquareTest(refCounts, curCounts),
    jensenShannon: jensenShannonDistance(refCounts, curCounts),
  };
}

function asKind<K extends ReferenceSummary["kind"]>(
  spec: FeatureSpec,
  summary: ReferenceSummary,
  kind: K,
): Extract<ReferenceSummary, { kind: K }> {
  if (summary.kind !== kind) {
    throw new RangeError(
      `Cannot compare "${spec.name}": a ${spec.type} feature with a ${summary.kind} reference`,
    );
  }
  return summary as Extract<ReferenceSummary, { kind: K }>;
}

function formatEdge(value: number): string {
  if (value === -Infinity) return "−∞";
  if (value === Infinity) return "∞";
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
