/**
 * Random search: each trial draws every param of the space from one seeded stream, in
 * the params' name order (so reordering the YAML does not change the trials). Floats are
 * kept to four significant digits, the precision a person would write in pipeline.yaml.
 */
import type { Rng } from "../random/mod.ts";
import { INTEGER_PARAMS, type ParamSpace, type SearchSpace, type TunableParam } from "./params.ts";

/** One trial's values of the searched params. */
export type TrialParams = Partial<Record<TunableParam, number>>;

/**
 * Draws `count` trials from `space`.
 * @example
 * ```ts
 * import { sampleTrials } from "./space.ts";
 * import { createRng } from "../random/mod.ts";
 * const trials = sampleTrials({ max_depth: [3, 5], learning_rate: { min: 0.01, max: 0.3, log: true } }, 4, createRng(1));
 * if (trials.length !== 4 || ![3, 5].includes(trials[0].max_depth!)) throw new Error("bad trial");
 * ```
 */
export function sampleTrials(space: SearchSpace, count: number, rng: Rng): TrialParams[] {
  const names = (Object.keys(space) as TunableParam[]).filter((n) => space[n] !== undefined).sort();
  return Array.from({ length: count }, () => {
    const trial: TrialParams = {};
    for (const name of names) trial[name] = sampleParam(name, space[name]!, rng);
    return trial;
  });
}

/** One value of `name` drawn from its space. */
export function sampleParam(name: TunableParam, space: ParamSpace, rng: Rng): number {
  if (Array.isArray(space)) return space[rng.int(0, space.length - 1)];
  if (INTEGER_PARAMS.has(name)) {
    const min = Math.ceil(space.min);
    const max = Math.floor(space.max);
    if (!space.log) return rng.int(min, max);
    // Log-uniform over [min - 0.5, max + 0.5) rounded, so each end gets its share.
    const low = Math.log(Math.max(min - 0.5, 0.5));
    const value = Math.round(Math.exp(low + rng.float() * (Math.log(max + 0.5) - low)));
    return Math.min(max, Math.max(min, value));
  }
  const u = rng.float();
  const value = space.log
    ? Math.exp(Math.log(space.min) + u * (Math.log(space.max) - Math.log(space.min)))
    : space.min + u * (space.max - space.min);
  return Math.min(space.max, Math.max(space.min, Number(value.toPrecision(4))));
}
