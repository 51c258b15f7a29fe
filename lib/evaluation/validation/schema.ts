/**
 * validation.json: the model validation report's data, one zod schema as the single
 * source of its runtime checks and static type. Every number that can be undefined on
 * some data (an empty bin's bad rate, an AUC of a one-class group) is null, never NaN.
 */
import { z } from "zod";

/** The report's file names, in reports/evaluation/ and (prefixed) in a registry version. */
export const VALIDATION_JSON = "validation.json";
/** The static HTML page beside {@link VALIDATION_JSON}. */
export const VALIDATION_HTML = "validation.html";

const nullableNumber = z.number().nullable();

/** One score decile, highest risk first. */
export const DecileRow = z.strictObject({
  decile: z.int().positive(),
  count: z.int().nonnegative(),
  minScore: z.number(),
  maxScore: z.number(),
  bads: z.int().nonnegative(),
  goods: z.int().nonnegative(),
  badRate: z.number(),
  /** Share of all bads in this and the riskier deciles. */
  cumulativeBadShare: z.number(),
  /** Share of all goods in this and the riskier deciles. */
  cumulativeGoodShare: z.number(),
  /** cumulativeBadShare − cumulativeGoodShare. */
  ks: z.number(),
});
/** One score decile. */
export type DecileRow = z.infer<typeof DecileRow>;

/** One calibration decile with the interval of its observed bad rate. */
export const CalibrationDecile = z.strictObject({
  decile: z.int().positive(),
  lower: z.number(),
  upper: z.number(),
  count: z.int().nonnegative(),
  bads: z.int().nonnegative(),
  meanPredicted: z.number(),
  observedRate: z.number(),
  intervalLow: z.number(),
  intervalHigh: z.number(),
  /** The mean prediction lies inside the interval. */
  withinInterval: z.boolean(),
});
/** One calibration decile. */
export type CalibrationDecile = z.infer<typeof CalibrationDecile>;

/** PSI band: below 0.1 stable, below 0.25 some shift, else major shift. */
export const StabilityBand = z.enum(["stable", "some shift", "major shift"]);
/** A PSI band. */
export type StabilityBand = z.infer<typeof StabilityBand>;

/** One bin of a stability index. */
export const StabilityBin = z.strictObject({
  label: z.string(),
  trainShare: z.number(),
  testShare: z.number(),
  contribution: z.number(),
});

/** The CSI of one feature (PSI of its values, test against train; missing values left out). */
export const FeatureStability = z.strictObject({
  feature: z.string(),
  type: z.enum(["numeric", "categorical", "boolean"]),
  csi: z.number(),
  band: StabilityBand,
  trainMissingRate: z.number(),
  testMissingRate: z.number(),
});
/** One feature's CSI. */
export type FeatureStability = z.infer<typeof FeatureStability>;

/** One bin of a feature's WOE table. */
export const WoeBin = z.strictObject({
  bin: z.int().nonnegative(),
  label: z.string(),
  count: z.number().nonnegative(),
  bads: z.number().nonnegative(),
  badRate: nullableNumber,
  woe: z.number(),
});

/** One feature's WOE binning on the training split. */
export const FeatureWoe = z.strictObject({
  feature: z.string(),
  iv: z.number(),
  /** Siddiqi's reading of the IV. */
  strength: z.enum(["unpredictive", "weak", "medium", "strong", "suspicious"]),
  bins: z.array(WoeBin),
});
/** One feature's WOE binning. */
export type FeatureWoe = z.infer<typeof FeatureWoe>;

/** One bin of the scorecard's points table. */
export const PointsRow = z.strictObject({
  feature: z.string(),
  bin: z.int().nonnegative(),
  label: z.string(),
  count: z.number(),
  badRate: nullableNumber,
  woe: z.number(),
  points: z.number(),
});
/** One bin's points. */
export type PointsRow = z.infer<typeof PointsRow>;

/** One group of a protected attribute: its adverse impact ratio at each cut-off. */
export const ImpactGroup = z.strictObject({
  group: z.string(),
  rows: z.int().nonnegative(),
  judged: z.boolean(),
  approvalRate: z.array(z.number()),
  adverseImpactRatio: z.array(nullableNumber),
  flagged: z.array(z.boolean()),
});

/** Adverse impact ratios of every protected attribute (from the evaluation's fairness). */
export const AdverseImpact = z.strictObject({
  screen: z.number(),
  cutoffs: z.array(z.strictObject({ approveUpTo: z.string(), threshold: z.number() })),
  attributes: z.array(z.strictObject({
    attribute: z.string(),
    inModel: z.boolean(),
    groups: z.array(ImpactGroup),
  })),
});
/** Adverse impact ratios. */
export type AdverseImpact = z.infer<typeof AdverseImpact>;

/** One model probed along one monotone-constrained feature. */
export const MonotonicityCheck = z.strictObject({
  feature: z.string(),
  model: z.string(),
  /** The declared direction of the risk (train.gbdt.monotone): 1 rises, -1 falls. */
  declared: z.union([z.literal(1), z.literal(-1)]),
  /** Adjacent probe pairs compared (rows × grid steps). */
  probes: z.int().nonnegative(),
  /** Pairs where the probability moved against the declared direction. */
  violations: z.int().nonnegative(),
  /** The sign of the mean effect from the lowest to the highest grid value (0: none). */
  effect: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
  /** effect is 0 or the declared direction. */
  agrees: z.boolean(),
});
/** One monotonicity check. */
export type MonotonicityCheck = z.infer<typeof MonotonicityCheck>;

/** Reason-code frequencies among declined applicants, once reason codes exist. */
export const ReasonCodeFrequencies = z.strictObject({
  /** How "declined" was defined, e.g. "tier very_high (p ≥ 0.25)". */
  declinedBy: z.string(),
  declinedRows: z.int().nonnegative(),
  counts: z.record(z.string(), z.int().nonnegative()),
});
/** Reason-code frequencies. */
export type ReasonCodeFrequencies = z.infer<typeof ReasonCodeFrequencies>;

/** validation.json */
export const ValidationReport = z.strictObject({
  format: z.literal("riskpipe.validation"),
  formatVersion: z.literal(1),
  model: z.strictObject({ kind: z.string(), reason: z.string() }),
  rows: z.strictObject({ train: z.int(), test: z.int(), testBads: z.int() }),
  discrimination: z.strictObject({
    auc: z.number(),
    gini: z.number(),
    /** The exact two-sample KS over every score. */
    ks: z.number(),
    /** The largest decile KS (≤ ks: the decile approximation). */
    decileKs: z.number(),
    deciles: z.array(DecileRow),
    /** Thinned ROC points, ascending false positive rate. */
    roc: z.strictObject({ fpr: z.array(z.number()), tpr: z.array(z.number()) }),
  }),
  calibration: z.strictObject({
    interval: z.literal("wilson"),
    level: z.number(),
    deciles: z.array(CalibrationDecile),
  }),
  stability: z.strictObject({
    warn: z.number(),
    alert: z.number(),
    score: z.strictObject({ psi: z.number(), band: StabilityBand, bins: z.array(StabilityBin) }),
    features: z.array(FeatureStability),
  }),
  woe: z.strictObject({
    /** "scorecard": the candidate's scorecard.json; "fitted": binned here on the train split. */
    source: z.enum(["scorecard", "fitted"]),
    features: z.array(FeatureWoe),
  }),
  /** The scorecard's points; null when the version has no scorecard. */
  points: z.strictObject({
    baseScore: z.number(),
    baseOdds: z.number(),
    pdo: z.number(),
    rows: z.array(PointsRow),
  }).nullable(),
  /** Null until reason codes are built (issue 14, item 2). */
  reasonCodes: ReasonCodeFrequencies.nullable(),
  /** Null when no protected attribute was evaluated (governance.protected empty). */
  adverseImpact: AdverseImpact.nullable(),
  monotonicity: z.array(MonotonicityCheck),
  gate: z.strictObject({
    passed: z.boolean(),
    enforce: z.boolean(),
    checks: z.array(z.strictObject({
      name: z.string(),
      value: nullableNumber,
      threshold: z.string(),
      status: z.enum(["pass", "fail", "skipped"]),
      detail: z.string(),
    })),
  }),
});
/** validation.json */
export type ValidationReport = z.infer<typeof ValidationReport>;
