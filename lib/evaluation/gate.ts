/**
 * The promotion gate: a list of named checks, each with its measured value, its
 * threshold and pass/fail, so gate.json says exactly why a candidate may or may not
 * replace production. Checks against production are skipped (and pass) when there is
 * no production version yet.
 */
import { z } from "zod";

/** Gate thresholds, from params `gate.*`. */
export const GateParams = z.strictObject({
  /** Fail the evaluate stage when the gate fails. */
  enforce: z.boolean().default(false),
  /** Minimum test ROC AUC of the candidate. */
  min_auc: z.number().min(0).max(1).default(0.65),
  /** The candidate's AUC must exceed the logistic baseline's by at least this much. */
  min_gain_over_baseline: z.number().default(0),
  /** The candidate's AUC may be at most this much below production's on the same test set. */
  max_auc_drop_vs_production: z.number().min(0).default(0.005),
  /** Ceiling on the expected calibration error (the rule when `calibration_test` is `ece`). */
  max_ece: z.number().min(0).default(0.05),
  /**
   * How calibration is judged: `spiegelhalter` (z test), `bootstrap` (seeded consistency
   * bootstrap of the ECE) — both fail only on evidence at level `calibration_alpha`, so a
   * small test split is not failed on noise — or `ece` (the fixed `max_ece` ceiling).
   */
  calibration_test: z.enum(["spiegelhalter", "bootstrap", "ece"]).default("bootstrap"),
  /** Significance level of the calibration test: it fails when p < alpha. */
  calibration_alpha: z.number().gt(0).lt(1).default(0.01),
  /** Label redraws of the bootstrap test. */
  calibration_resamples: z.number().int().min(99).max(100_000).default(1000),
  /** Seed of the bootstrap test. */
  calibration_seed: z.number().int().default(0),
  /** Ceiling on the PSI between production's and the candidate's test scores. */
  max_score_psi: z.number().min(0).default(0.25),
  /** How many top features (by mean |SHAP|) are compared with production's. */
  top_features: z.number().int().positive().default(10),
  /** Minimum share of production's top features still in the candidate's top list. */
  min_top_feature_overlap: z.number().min(0).max(1).default(0.5),
  /**
   * Floor on the lowest adverse impact ratio of any judged group of a protected attribute
   * (governance.protected) at any tier cut-off, e.g. 0.8 for the four-fifths rule; null: off.
   */
  min_adverse_impact_ratio: z.number().gt(0).max(1).nullable().default(null),
});
export type GateParams = z.infer<typeof GateParams>;

/** A calibration test's outcome on the test split (lib/evaluation/calibration.ts). */
export interface CalibrationEvidence {
  test: "spiegelhalter" | "bootstrap";
  /** Test rows the statistic was computed on. */
  rows: number;
  /** Spiegelhalter's z, or the observed ECE for the bootstrap. */
  statistic: number;
  p: number;
  /** Bootstrap only: the central 1 − alpha range of ECE for a calibrated model on these rows. */
  interval?: [number, number];
  resamples?: number;
}

/** What the gate is judged on. */
export interface GateInput {
  candidateAuc: number;
  baselineAuc: number;
  candidateEce: number;
  /** Required unless `calibration_test` is `ece`. */
  calibration?: CalibrationEvidence;
  /** Present when a production version exists. */
  production?: {
    version: string;
    /** Production's AUC on the same test split. */
    auc: number;
    /** PSI of the candidate's test scores against production's. */
    scorePsi: number;
    /** Production's features ordered by importance. */
    topFeatures: string[];
  };
  /** The candidate's features ordered by importance. */
  candidateTopFeatures: string[];
  /** The fairness of the candidate, when protected attributes were evaluated. */
  fairness?: FairnessEvidence;
}

/** What the fairness check reads of lib/evaluation/fairness.ts's report. */
export interface FairnessEvidence {
  /** The protected attributes evaluated. */
  attributes: string[];
  minGroupRows: number;
  /** The lowest ratio of a judged group at any cut-off; null when none was judged. */
  lowest: {
    value: number;
    attribute: string;
    group: string;
    cutoff: { approveUpTo: string; threshold: number };
  } | null;
}

/** One line of gate.json. */
export interface GateCheck {
  name: string;
  value: number | null;
  /** The rule, e.g. ">= 0.65". */
  threshold: string;
  status: "pass" | "fail" | "skipped";
  detail: string;
  /** The calibration check's test, statistic, p-value and interval. */
  evidence?: CalibrationEvidence;
}

/** gate.json */
export interface GateResult {
  passed: boolean;
  enforce: boolean;
  checks: GateCheck[];
}

/** Judges a candidate against the gate's thresholds. */
export function evaluateGate(input: GateInput, params: GateParams): GateResult {
  const checks: GateCheck[] = [
    atLeast("min_auc", input.candidateAuc, params.min_auc, "candidate test AUC"),
    atLeast(
      "beats_baseline",
      input.candidateAuc - input.baselineAuc,
      params.min_gain_over_baseline,
      `candidate AUC minus baseline AUC (${input.baselineAuc.toFixed(4)})`,
    ),
    calibrationCheck(input, params),
  ];
  const production = input.production;
  if (production === undefined) {
    for (
      const name of [
        "not_worse_than_production",
        "score_psi_vs_production",
        "top_feature_stability",
      ]
    ) {
      checks.push({
        name,
        value: null,
        threshold: "-",
        status: "skipped",
        detail: "no production version",
      });
    }
  } else {
    checks.push(
      atLeast(
        "not_worse_than_production",
        input.candidateAuc - production.auc,
        -params.max_auc_drop_vs_production,
        `candidate AUC minus ${production.version}'s (${
          production.auc.toFixed(4)
        }) on this test split`,
      ),
      atMost(
        "score_psi_vs_production",
        production.scorePsi,
        params.max_score_psi,
        `PSI of candidate test scores against ${production.version}'s`,
      ),
      atLeast(
        "top_feature_stability",
        overlapShare(production.topFeatures, input.candidateTopFeatures, params.top_features),
        params.min_top_feature_overlap,
        `share of ${production.version}'s top ${params.top_features} features in the candidate's top ${params.top_features}`,
      ),
    );
  }
  checks.push(adverseImpactCheck(input, params));
  return { passed: checks.every((c) => c.status !== "fail"), enforce: params.enforce, checks };
}

/**
 * The fairness check: the lowest adverse impact ratio of a judged group at any tier
 * cut-off against `min_adverse_impact_ratio`; skipped when that is off or no group is
 * large enough to judge, failed when it is on but nothing protected was evaluated.
 */
export function adverseImpactCheck(input: GateInput, params: GateParams): GateCheck {
  const name = "min_adverse_impact_ratio";
  const floor = params.min_adverse_impact_ratio;
  if (floor === null) {
    return {
      name,
      value: null,
      threshold: "-",
      status: "skipped",
      detail: "off (gate.min_adverse_impact_ratio is not set)",
    };
  }
  const fairness = input.fairness;
  if (fairness === undefined || fairness.attributes.length === 0) {
    return {
      name,
      value: null,
      threshold: `>= ${floor}`,
      status: "fail",
      detail: "no protected attribute was evaluated (governance.protected is empty)",
    };
  }
  const lowest = fairness.lowest;
  if (lowest === null) {
    return {
      name,
      value: null,
      threshold: `>= ${floor}`,
      status: "skipped",
      detail: `no group of ${
        fairness.attributes.join(", ")
      } has ${fairness.minGroupRows} test rows and an approved reference group to judge`,
    };
  }
  return atLeast(
    name,
    lowest.value,
    floor,
    `lowest adverse impact ratio: ${lowest.attribute} = ${lowest.group}, approving up to tier "${lowest.cutoff.approveUpTo}" (p < ${lowest.cutoff.threshold})`,
  );
}

/**
 * The calibration check: the fixed ECE ceiling, or a test that fails only when the
 * labels are unlikely (p < alpha) under the predicted probabilities.
 */
export function calibrationCheck(input: GateInput, params: GateParams): GateCheck {
  const test = params.calibration_test;
  if (test === "ece") {
    return atMost(
      "calibration_ece",
      input.candidateEce,
      params.max_ece,
      "expected calibration error",
    );
  }
  const evidence = input.calibration;
  if (evidence === undefined || evidence.test !== test) {
    throw new RangeError(
      `Cannot judge calibration: gate.calibration_test is "${test}" but the evaluation gave ${
        evidence === undefined ? "no test result" : `a "${evidence.test}" result`
      }`,
    );
  }
  const alpha = params.calibration_alpha;
  const status = evidence.p >= alpha ? "pass" : "fail";
  const rule = `fails when p < ${alpha}: the labels would be that unlikely for a calibrated model`;
  const p = formatP(evidence.p);
  const detail = test === "spiegelhalter"
    ? `Spiegelhalter z = ${
      evidence.statistic.toFixed(3)
    }, p = ${p} on ${evidence.rows} test rows; ${rule}`
    : `ECE ${evidence.statistic.toFixed(4)}; a calibrated model gives ${
      formatInterval(evidence.interval)
    } (${
      (1 - alpha) * 100
    }% of ${evidence.resamples} seeded redraws) on these ${evidence.rows} rows; p = ${p}; ${rule}`;
  return {
    name: test === "spiegelhalter" ? "calibration_spiegelhalter" : "calibration_ece_bootstrap",
    value: evidence.p,
    threshold: `p >= ${alpha}`,
    status,
    detail,
    evidence,
  };
}

function formatP(p: number): string {
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}

function formatInterval(interval: [number, number] | undefined): string {
  return interval === undefined ? "–" : `ECE ${interval[0].toFixed(4)}–${interval[1].toFixed(4)}`;
}

/** Share of the first `k` of `reference` that appear in the first `k` of `candidate`. */
export function overlapShare(reference: string[], candidate: string[], k: number): number {
  const top = reference.slice(0, k);
  if (top.length === 0) return 1;
  const other = new Set(candidate.slice(0, k));
  return top.filter((name) => other.has(name)).length / top.length;
}

function atLeast(name: string, value: number, threshold: number, detail: string): GateCheck {
  return {
    name,
    value,
    threshold: `>= ${threshold}`,
    status: value >= threshold ? "pass" : "fail",
    detail,
  };
}

function atMost(name: string, value: number, threshold: number, detail: string): GateCheck {
  return {
    name,
    value,
    threshold: `<= ${threshold}`,
    status: value <= threshold ? "pass" : "fail",
    detail,
  };
}
