/**
 * What `tune` starts from: the work tree's params (`tune`, `train`, `governance`, each
 * checked by its schema) and the checks that need more than one section — every searched
 * param must be written in pipeline.yaml's train.gbdt (so the best params can be applied
 * there) and every end of a range and every choice must pass train.gbdt's whole schema
 * with the other train.gbdt params (max_depth 0 needs lossguide growth).
 */
import { join } from "node:path";
import type { z } from "zod";
import { GbdtParamsInput } from "../model/gbdt/params.ts";
import type { Dataset } from "../model/types.ts";
import { loadPipeline } from "../pipeline/spec/load.ts";
import { lookupParam } from "../pipeline/spec/params.ts";
import {
  describeParamIssues,
  type ParamProblem,
  ParamsError,
} from "../pipeline/spec/param_issues.ts";
import { TrainParams } from "../training/params.ts";
import { GovernanceParams } from "../governance/params.ts";
import { trainingManifest } from "../governance/protected.ts";
import { readManifest } from "../features/manifest/mod.ts";
import { readDataset } from "../features/read_dataset.ts";
import { INTEGER_PARAMS, type RangeSpace, type TunableParam, TuneParams } from "./params.ts";

/** The params a search runs with. */
export interface TuneSetup {
  tune: TuneParams;
  train: TrainParams;
  governance: GovernanceParams;
}

/** Overrides of `tune` from the command line. */
export interface TuneOverrides {
  trials?: number;
  seed?: number;
}

/**
 * Reads and checks the params of the repo at `root`; a ParamsError lists every problem.
 * @example
 * ```ts ignore
 * const setup = await loadTuneSetup(root, { trials: 10 });
 * ```
 */
export async function loadTuneSetup(
  root: string,
  overrides: TuneOverrides = {},
): Promise<TuneSetup> {
  const params = (await loadPipeline(root)).params;
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  const raw = {
    ...(params.tune as Record<string, unknown> | undefined ?? {}),
    ...Object.fromEntries(given),
  };
  const problems: ParamProblem[] = [];
  const tune = section(problems, "tune", TuneParams, raw);
  const train = section(problems, "train", TrainParams, params.train ?? {});
  const governance = section(problems, "governance", GovernanceParams, params.governance ?? {});
  if (tune && train) problems.push(...crossProblems(params, tune, train));
  if (problems.length > 0 || !tune || !train || !governance) throw new ParamsError(problems);
  return { tune, train, governance };
}

function section<T>(
  problems: ParamProblem[],
  name: string,
  schema: z.ZodType<T>,
  value: unknown,
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(...describeParamIssues(name, schema, value, result.error.issues));
  return undefined;
}

function crossProblems(
  params: Record<string, unknown>,
  tune: TuneParams,
  train: TrainParams,
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  if (Object.values(tune.space).every((space) => space === undefined)) {
    problems.push({
      field: "tune.space",
      rule: "bad_param",
      detail: "Cannot tune an empty search space: give a range or choices for a train.gbdt param",
    });
  }
  for (const [name, space] of Object.entries(tune.space) as [TunableParam, unknown][]) {
    if (space === undefined) continue;
    const field = `tune.space.${name}`;
    if (!lookupParam(params, `train.gbdt.${name}`).found) {
      problems.push({
        field,
        rule: "bad_param",
        detail:
          `train.gbdt.${name} is not written in pipeline.yaml: add it there (exp apply sets only params the file has)`,
      });
      continue;
    }
    const values = Array.isArray(space) ? space : rangeEnds(name, space as RangeSpace);
    for (const value of values) {
      const result = GbdtParamsInput.safeParse({ ...train.gbdt, [name]: value });
      if (result.success) continue;
      const issue = result.error.issues[0];
      problems.push({
        field,
        rule: "bad_param",
        detail: `train.gbdt refuses ${name} ${value}: ${issue.path.join(".")} ${issue.message}`,
      });
      break;
    }
  }
  return problems;
}

function rangeEnds(name: TunableParam, range: RangeSpace): number[] {
  return INTEGER_PARAMS.has(name)
    ? [Math.ceil(range.min), Math.floor(range.max)]
    : [range.min, range.max];
}

/**
 * The training split as the train stage sees it: data/split/train.parquet with the
 * split's features, less the protected attributes governance excludes from training.
 */
export async function readTrainingSplit(
  root: string,
  governance: GovernanceParams,
): Promise<Dataset> {
  const trainPath = join(root, "data/split/train.parquet");
  const manifestPath = join(root, "data/split/manifest.json");
  for (const path of [trainPath, manifestPath]) {
    try {
      await Deno.stat(path);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      throw new Deno.errors.NotFound(
        `Cannot tune: ${path} does not exist; run deno task repro split first`,
      );
    }
  }
  const manifest = trainingManifest(await readManifest(manifestPath), governance);
  return await readDataset(trainPath, manifest);
}
