/**
 * `deno task tune`: hyper-parameter search for the GBDT over `tune.space` in
 * pipeline.yaml — random trials, stratified k-fold CV on the training split, successive
 * halving on rounds, trials in parallel — then the trial table printed, trials.json and
 * the report page written to reports/tune/, and the best params recorded as an experiment
 * for `exp apply`.
 */
import { parseArgs, UsageError } from "./args.ts";
import { renderTable } from "./table.ts";

/** Usage text of `tune`. */
export const TUNE_USAGE = `Usage: deno task tune [options]

  Searches tune.space of pipeline.yaml (ranges { min, max, log } and choice lists of
  train.gbdt params) with tune.folds-fold stratified CV on data/split/train.parquet:
  tune.trials random trials (seeded by tune.seed), successive halving on rounds
  (rungs of tune.halving.min_rounds · eta^k up to train.gbdt.n_rounds; the best 1/eta
  of each rung go on). The same seed gives the same trials whatever --jobs is.

  --trials N     trials (default tune.trials, 50)
  --seed S       seed of the trials and folds (default tune.seed)
  -j, --jobs N   trials at once, one core each (default: the cores)
  -n, --name N   the best params' experiment (default tune-<seed>-best)
  --queue        only queue that experiment (run it with exp queue start)
  --no-experiment  record no experiment
  --out DIR      where trials.json and index.html go (default reports/tune)
  -h, --help     print this help

Then: deno task exp apply <name> writes the best params into pipeline.yaml.
Exit codes: 0 success, 1 a failure (the experiment's run included), 2 a usage, params or
name error`;

function positiveInt(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(text)) {
    throw new UsageError(`Flag --${flag} needs a positive integer: got "${text}"`);
  }
  return Number(text);
}

function integer(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?[0-9]+$/.test(text)) {
    throw new UsageError(`Flag --${flag} needs an integer: got "${text}"`);
  }
  return Number(text);
}

/** Runs `tune`; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(TUNE_USAGE);
    return 0;
  }
  const parsed = parseArgs("tune", args, {
    booleans: ["queue", "no-experiment"],
    strings: ["trials", "seed", "jobs", "name", "out"],
    aliases: { j: "jobs", n: "name" },
  });
  if (parsed.positional.length > 0) {
    throw new UsageError(`tune takes no arguments: got ${parsed.positional.join(" ")}`);
  }
  const { runTune } = await import("../tune/run.ts");
  const { trialTable } = await import("../tune/table.ts");
  const { assertValidParams } = await import("../stage/param_schemas.ts");
  const outcome = await runTune(root, {
    validate: (params, keys) => assertValidParams(params, { fromFlag: keys }),
    trials: positiveInt("trials", parsed.strings.get("trials")),
    seed: integer("seed", parsed.strings.get("seed")),
    jobs: positiveInt("jobs", parsed.strings.get("jobs")),
    name: parsed.strings.get("name"),
    queueOnly: parsed.booleans.has("queue"),
    noExperiment: parsed.booleans.has("no-experiment"),
    outDir: parsed.strings.get("out"),
    onRung: (rung, rounds, ran, promoted) =>
      console.error(
        `rung ${rung + 1}: ${ran} trials at ${rounds} rounds` +
          (promoted.length > 0 ? `, ${promoted.length} go on` : ""),
      ),
    sink: (stream, line) => (stream === "stdout" ? console.log : console.error)(line),
  });
  const { result } = outcome;
  const table = trialTable(result);
  const text = table.rows.map((row) => row.map((cell) => cell === null ? "-" : String(cell)));
  const numeric = table.columns.map((_, i) => i).filter((i) => i > 0);
  console.log(renderTable(table.columns, text, numeric));
  const best = result.trials[result.best];
  console.log(
    `best: trial ${best.trial}, CV AUC ${best.auc.toFixed(4)} at ${
      result.rungs[best.rungs.length - 1]
    } rounds; ${result.trials.length} trials in ${
      result.seconds.toFixed(1)
    } s on ${result.jobs} jobs`,
  );
  console.log(`wrote ${outcome.files.trials} and ${outcome.files.page}`);
  if (outcome.experiment === undefined) return 0;
  if (outcome.record === undefined) {
    console.log(
      `queued experiment ${outcome.experiment}: run it with deno task exp queue start`,
    );
    return 0;
  }
  if (outcome.record.status !== "done") {
    console.error(`experiment ${outcome.experiment} failed: ${outcome.record.error}`);
    return 1;
  }
  console.log(
    `experiment ${outcome.experiment} done: deno task exp apply ${outcome.experiment} ` +
      "writes its params into pipeline.yaml",
  );
  return 0;
}
