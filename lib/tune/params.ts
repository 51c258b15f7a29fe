/**
 * The `tune` section of the params: the search space over GBDT params (ranges and
 * choices), the number of trials, the seed, the folds and the successive-halving rungs.
 * Every range and choice is checked against the `train.gbdt` schema, so a search never
 * tries a value the train stage would refuse.
 */
import { z } from "zod";
import { GbdtParamsSchema } from "../model/gbdt/params.ts";
import { describeRule } from "../pipeline/spec/param_issues.ts";

/** GBDT params a search may vary; rounds are the halving's budget, not a searched param. */
export const TUNABLE_PARAMS = [
  "max_depth",
  "max_leaves",
  "learning_rate",
  "lambda",
  "min_child_weight",
  "min_split_gain",
  "subsample",
  "colsample_bytree",
  "max_bin",
] as const;

/** One of {@link TUNABLE_PARAMS}. */
export type TunableParam = typeof TUNABLE_PARAMS[number];

/** Params sampled as integers (the train.gbdt schema takes integers only). */
export const INTEGER_PARAMS: ReadonlySet<TunableParam> = new Set([
  "max_depth",
  "max_leaves",
  "max_bin",
]);

/** A range to sample from: uniform, or log-uniform with `log: true` (integers for int params). */
export const RangeSpace = z.strictObject({
  min: z.number(),
  max: z.number(),
  /** Sample log-uniformly (min must be above 0). */
  log: z.boolean().default(false),
});
export type RangeSpace = z.infer<typeof RangeSpace>;

/** Values to choose from, each with equal chance. */
export const ChoiceSpace = z.array(z.number());
export type ChoiceSpace = z.infer<typeof ChoiceSpace>;

/** The space of one param. */
export const ParamSpace = z.union([RangeSpace, ChoiceSpace]);
export type ParamSpace = z.infer<typeof ParamSpace>;

const spaceShape = Object.fromEntries(
  TUNABLE_PARAMS.map((name) => [name, ParamSpace.optional()]),
) as Record<TunableParam, z.ZodOptional<typeof ParamSpace>>;

/** params.tune.space: tunable param → its range or choices. */
export const SearchSpace = z.strictObject(spaceShape).superRefine((space, ctx) => {
  for (const name of TUNABLE_PARAMS) {
    const entry = space[name];
    if (entry === undefined) continue;
    for (const issue of spaceProblems(name, entry)) ctx.addIssue({ code: "custom", ...issue });
  }
});
export type SearchSpace = z.infer<typeof SearchSpace>;

/** params.tune.halving: successive halving on boosting rounds. */
export const HalvingParams = z.strictObject({
  /** Rounds of the first rung; rung k trains min_rounds · eta^k (the last: train.gbdt.n_rounds). */
  min_rounds: z.number().int().min(1).default(25),
  /** The top 1/eta of a rung (by CV AUC) is promoted to the next. */
  eta: z.number().int().min(2).default(3),
});
export type HalvingParams = z.infer<typeof HalvingParams>;

/** params.tune */
export const TuneParams = z.strictObject({
  space: SearchSpace.default({}),
  /** Trials sampled at random (seeded) before halving. */
  trials: z.number().int().min(1).max(10_000).default(50),
  /** Seed of the sampling and of the folds. */
  seed: z.number().int().default(0),
  /**
   * Stratified folds of the cross-validation on the training split (3, not train's 5: each
   * fold bins the data and grows its trees again, for every trial).
   */
  folds: z.number().int().min(2).max(20).default(3),
  halving: HalvingParams.prefault({}),
});
export type TuneParams = z.infer<typeof TuneParams>;

interface SpaceProblem {
  path: PropertyKey[];
  message: string;
}

function spaceProblems(name: TunableParam, entry: ParamSpace): SpaceProblem[] {
  const problems: SpaceProblem[] = [];
  const integer = INTEGER_PARAMS.has(name);
  if (Array.isArray(entry)) {
    if (entry.length === 0) {
      return [{
        path: [name],
        message: "Cannot search an empty list of choices: give at least one",
      }];
    }
    entry.forEach((value, i) => {
      const refusal = gbdtRefusal(name, value);
      if (refusal !== undefined) problems.push({ path: [name, i], message: refusal });
    });
    return problems;
  }
  if (entry.min > entry.max) {
    return [{
      path: [name],
      message: `Cannot search an empty range: min ${entry.min} is above max ${entry.max}`,
    }];
  }
  if (integer && Math.ceil(entry.min) > Math.floor(entry.max)) {
    return [{
      path: [name],
      message:
        `Cannot search an empty range: no integer lies between ${entry.min} and ${entry.max}`,
    }];
  }
  if (entry.log && entry.min <= 0) {
    problems.push({ path: [name, "min"], message: "A log range needs min > 0" });
  }
  for (const end of ["min", "max"] as const) {
    const refusal = gbdtRefusal(name, integer ? roundInward(entry, end) : entry[end]);
    if (refusal !== undefined) problems.push({ path: [name, end], message: refusal });
  }
  return problems;
}

function roundInward(range: RangeSpace, end: "min" | "max"): number {
  return end === "min" ? Math.ceil(range.min) : Math.floor(range.max);
}

/** Why train.gbdt.<name> refuses `value` ("train.gbdt.subsample must be …"), if it does. */
function gbdtRefusal(name: TunableParam, value: number): string | undefined {
  const field = GbdtParamsSchema.shape[name];
  if (field.safeParse(value).success) return undefined;
  const json = z.toJSONSchema(field, { io: "input", unrepresentable: "any" });
  const rule = describeRule(json as Parameters<typeof describeRule>[0]);
  return `train.gbdt.${name} must be ${rule ?? "another value"}`;
}
