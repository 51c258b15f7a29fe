/**
 * The WOE/IV table: every feature's monotone WOE binning on the training split, from
 * the candidate's scorecard when it has one (its binning is the model's), else fitted
 * here with the scorecard's own binning (lib/model/scorecard, default params), so a
 * GBDT or logistic version still shows each feature's information value.
 */
import { binColumn } from "../../model/scorecard/binning.ts";
import {
  type FeatureBinning,
  resolveScorecardParams,
  type ScorecardModel,
} from "../../model/scorecard/mod.ts";
import type { Dataset, FeatureSpec } from "../../model/types.ts";
import type { FeatureWoe, ValidationReport } from "./schema.ts";

/** Siddiqi's reading of an information value. */
export function ivStrength(iv: number): FeatureWoe["strength"] {
  if (iv < 0.02) return "unpredictive";
  if (iv < 0.1) return "weak";
  if (iv < 0.3) return "medium";
  return iv < 0.5 ? "strong" : "suspicious";
}

/** The WOE table of `scorecard`'s binning, or of a binning fitted on `train`. */
export function woeTable(
  train: Dataset,
  scorecard: ScorecardModel | undefined,
): ValidationReport["woe"] {
  if (scorecard !== undefined) {
    return {
      source: "scorecard",
      features: scorecard.binning.map((b, j) => featureWoe(scorecard.features[j], b)),
    };
  }
  return {
    source: "fitted",
    features: fitWoe(train).map((b, j) => featureWoe(train.features[j], b)),
  };
}

/** Bins every feature of `train` as the scorecard would (its default params). */
export function fitWoe(train: Dataset): FeatureBinning[] {
  const labels = train.label;
  if (labels === undefined) throw new TypeError("Cannot bin the training split: it has no target");
  let bads = 0;
  for (let i = 0; i < train.rows; i++) bads += labels[i];
  if (bads === 0 || bads === train.rows) {
    throw new RangeError("Cannot bin the training split: its target holds one class only");
  }
  const params = resolveScorecardParams({});
  const options = {
    preBins: params.pre_bins,
    minCount: Math.ceil(params.min_bin_share * train.rows),
  };
  const totals = { bads, goods: train.rows - bads };
  return train.features.map((spec, j) =>
    binColumn(train.columns[j], spec, labels, totals, options).binning
  );
}

function featureWoe(spec: FeatureSpec, binning: FeatureBinning): FeatureWoe {
  return {
    feature: spec.name,
    iv: binning.iv,
    strength: ivStrength(binning.iv),
    bins: binning.count.map((count, bin) => ({
      bin,
      label: binLabel(spec, binning, bin),
      count,
      bads: binning.bads[bin],
      badRate: count > 0 ? binning.bads[bin] / count : null,
      woe: binning.woe[bin],
    })),
  };
}

/** "[0.25, 0.5)", "A, B" or "missing" (the last bin). */
function binLabel(spec: FeatureSpec, binning: FeatureBinning, bin: number): string {
  if (bin === binning.count.length - 1) return "missing";
  if (spec.type === "categorical") {
    return (spec.levels ?? []).filter((_, code) => binning.intervalBin[code] === bin).join(", ");
  }
  // A numeric bin is a run of consecutive intervals between cuts.
  const intervals = binning.intervalBin.flatMap((b, k) => (b === bin ? [k] : []));
  if (intervals.length === 0) return "(no values)";
  const first = intervals[0];
  const last = intervals[intervals.length - 1];
  const lower = first === 0 ? "−∞" : short(binning.cuts[first - 1]);
  const upper = last === binning.cuts.length ? "∞" : short(binning.cuts[last]);
  return `[${lower}, ${upper})`;
}

function short(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
