/**
 * Stability of the test split against the training split: the score's PSI on the
 * training scores' decile bins and each feature's CSI (the same index on the feature's
 * values: quantile bins for numbers, levels for categories), both from lib/drift/stats,
 * read against the usual 0.1 / 0.25 bands. Missing values are left out of the index
 * (their rate is reported beside it). The numeric index is computed from sorted columns
 * (`sortedPsi`), the same numbers as `psi` at a fraction of its time on large splits.
 */
import {
  categoricalPsi,
  categoryCounts,
  DEFAULT_DRIFT_THRESHOLDS,
  missingRate,
} from "../../drift/stats/mod.ts";
import type { Dataset, FeatureSpec } from "../../model/types.ts";
import type { FeatureStability, StabilityBand, ValidationReport } from "./schema.ts";
import { sortedPsi } from "./sorted_psi.ts";

/** PSI at or above which a shift is "some shift"; at or above {@link PSI_ALERT}, "major". */
export const PSI_WARN = DEFAULT_DRIFT_THRESHOLDS.psi_warn;
/** PSI at or above which a shift is "major shift". */
export const PSI_ALERT = DEFAULT_DRIFT_THRESHOLDS.psi_alert;

/** The band of a PSI value. */
export function stabilityBand(value: number): StabilityBand {
  if (value >= PSI_ALERT) return "major shift";
  return value >= PSI_WARN ? "some shift" : "stable";
}

/** The score's PSI (test against train) with its bins. */
export function scoreStability(
  trainScores: ArrayLike<number>,
  testScores: ArrayLike<number>,
): ValidationReport["stability"]["score"] {
  const result = sortedPsi(trainScores, testScores, { bins: DEFAULT_DRIFT_THRESHOLDS.bins });
  return {
    psi: result.value,
    band: stabilityBand(result.value),
    bins: result.bins.map((b) => ({
      label: `[${edge(b.lower)}, ${edge(b.upper)})`,
      trainShare: b.referenceShare,
      testShare: b.currentShare,
      contribution: b.contribution,
    })),
  };
}

/** The CSI of every feature of `test` against the same feature of `train` (matched by name). */
export function featureStability(train: Dataset, test: Dataset): FeatureStability[] {
  const trainIndex = new Map(train.features.map((f, j) => [f.name, j]));
  return test.features.flatMap((spec, j) => {
    const k = trainIndex.get(spec.name);
    if (k === undefined) return [];
    const reference = train.columns[k];
    const current = test.columns[j];
    const csi = characteristicStability(spec, reference, current);
    return [{
      feature: spec.name,
      type: spec.type,
      csi,
      band: stabilityBand(csi),
      trainMissingRate: missingRate(reference),
      testMissingRate: missingRate(current),
    }];
  });
}

/** One feature's CSI: numeric PSI on the reference's deciles, or PSI over the levels. */
export function characteristicStability(
  spec: FeatureSpec,
  reference: ArrayLike<number>,
  current: ArrayLike<number>,
): number {
  if (spec.type === "numeric") {
    return sortedPsi(reference, current, { bins: DEFAULT_DRIFT_THRESHOLDS.bins }).value;
  }
  const levels = spec.type === "boolean" ? ["0", "1"] : spec.levels ?? [];
  return categoricalPsi(
    categoryCounts(reference, levels.length),
    categoryCounts(current, levels.length),
    levels,
  ).value;
}

function edge(value: number): string {
  if (value === -Infinity) return "−∞";
  if (value === Infinity) return "∞";
  return Number(value.toPrecision(4)).toString();
}
