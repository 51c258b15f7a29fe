/**
 * Every params section a riskpipe stage reads, with the zod schema that stage parses it
 * with: the one place the pipeline checks params before any stage runs; any section not
 * listed is not checked.
 */
import type { z } from "zod";
import { DataParams } from "../data/params.ts";
import { DriftThresholds } from "../drift/stats/thresholds.ts";
import { GateParams } from "../evaluation/gate.ts";
import { FeaturesParams } from "../features/params.ts";
import { GovernanceParams } from "../governance/params.ts";
import { MonitorParams } from "../monitor/params.ts";
import { RegisterParams } from "../registry/promotion_policy.ts";
import { SplitParams } from "../split/params.ts";
import { TierParams } from "../tiers/mod.ts";
import { TrainParams } from "../training/params.ts";
import { TuneParams } from "../tune/params.ts";
import {
  describeParamIssues,
  type ParamProblem,
  ParamsError,
} from "../pipeline/spec/param_issues.ts";

/** Section name → the schema its stage reads it with. */
export const PARAM_SECTIONS: Readonly<Record<string, z.ZodType>> = Object.freeze({
  data: DataParams,
  features: FeaturesParams,
  split: SplitParams,
  train: TrainParams,
  gate: GateParams,
  governance: GovernanceParams,
  register: RegisterParams,
  serve: TierParams,
  tune: TuneParams,
  monitor: MonitorParams,
  drift: DriftThresholds,
});

/**
 * Checks each listed section present in `params` against its schema; returns every
 * problem of every section, in section order.
 * @example
 * ```ts
 * import { findParamProblems } from "./param_schemas.ts";
 * findParamProblems({ split: { test_size: 2 } })[0].detail; // "must be a number > 0 and < 1, got 2"
 * ```
 */
export function findParamProblems(
  params: Record<string, unknown>,
  options: { fromFlag?: ReadonlySet<string> } = {},
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const [section, schema] of Object.entries(PARAM_SECTIONS)) {
    if (!Object.hasOwn(params, section)) continue;
    const result = schema.safeParse(params[section]);
    if (result.success) continue;
    problems.push(
      ...describeParamIssues(section, schema, params[section], result.error.issues, options),
    );
  }
  return problems;
}

/** Throws a ParamsError listing every problem of `params`, if any. */
export function assertValidParams(
  params: Record<string, unknown>,
  options: { fromFlag?: ReadonlySet<string> } = {},
): void {
  const problems = findParamProblems(params, options);
  if (problems.length > 0) throw new ParamsError(problems);
}
