/**
 * GBDT accuracy (and wall time) against XGBoost 1.7 `hist` at the issue's settings —
 * depth 6, 255 bins, eta 0.1, 300 rounds, no early stopping, lambda 1,
 * min_child_weight 1, base score from the label mean, XGBoost nthread 2 — on real data:
 *
 *   # a feature store as `deno task repro` leaves it (data/split + data/features)
 *   deno run -A bench/gbdt_accuracy.ts --store /tmp/g2/data
 *   # a one-table CSV with a 0/1 target, k-fold (mean test AUC over the folds)
 *   deno run -A bench/gbdt_accuracy.ts --csv FILE --target NAME [--folds 5]
 *   # scikit-learn's bundled breast_cancer.csv (first line is "569,30,malignant,benign",
 *   # no column names, target last)
 *   deno run -A bench/gbdt_accuracy.ts --csv \
 *     /usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv \
 *     --skip-lines 1 --no-header --target last
 *
 * Flags: --rounds N (300), --depth N (6), --workers N (trainer's default), --seed N (1),
 * --xgboost-first (run XGBoost before ours on each split; other processes' load can
 * change mid-run, so try both orders), --monotone (train each side twice, free and with
 * pipeline.yaml's train.gbdt.monotone — XGBoost with the same monotone_constraints — and
 * report the AUC each constraint set costs; --constraints JSON, e.g. '{"c0":1}', instead
 * of pipeline.yaml's).
 * Both wall times include binning / DMatrix building; both AUCs come from
 * lib/model/metrics (XGBoost's from scikit-learn, on the same rows).
 */
import { parse as parseYaml } from "yaml";
import { parseArgs, UsageError } from "../lib/cli/args.ts";
import { takeRows } from "../lib/model/dataset.ts";
import { readDataset } from "../lib/features/read_dataset.ts";
import { defaultWorkerCount, predictMargin, trainGbdt } from "../lib/model/gbdt/mod.ts";
import { rocAuc } from "../lib/model/metrics/mod.ts";
import type { Dataset, FeatureSpec } from "../lib/model/types.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import { createRng } from "../lib/random/mod.ts";
import { processCpuSeconds, runXgboost, type XgboostSettings } from "./gbdt_xgboost.ts";

interface Split {
  train: Dataset;
  test: Dataset;
}

interface Outcome {
  oursSeconds: number;
  oursCpu: number;
  oursAuc: number;
  xgbSeconds: number;
  xgbCpu: number;
  xgbAuc: number;
  version: string;
}

type Constraints = Record<string, 1 | -1>;

async function compareOn(
  split: Split,
  base: XgboostSettings,
  workers: number | undefined,
  xgboostFirst: boolean,
  monotone: Constraints | undefined,
): Promise<Outcome> {
  const { train, test } = split;
  const settings = monotone
    ? { ...base, monotone: train.features.map((feature) => monotone[feature.name] ?? 0) }
    : base;
  const first = xgboostFirst ? await runXgboost(settings, train, test) : undefined;
  const chosen = workers ?? defaultWorkerCount(train.rows, train.columns.length);
  const started = performance.now();
  const cpuStarted = processCpuSeconds();
  const model = await trainGbdt(train, {
    n_rounds: settings.rounds,
    max_depth: settings.maxDepth,
    max_bin: settings.maxBin,
    learning_rate: settings.learningRate,
    lambda: 1,
    min_child_weight: 1,
    ...(monotone ? { monotone } : {}),
  }, { workers: chosen });
  const oursSeconds = (performance.now() - started) / 1000;
  const oursCpu = processCpuSeconds() - cpuStarted;
  const oursAuc = rocAuc(predictMargin(model, test), test.label!);
  const xgb = first ?? await runXgboost(settings, train, test);
  return {
    oursSeconds,
    oursCpu,
    oursAuc,
    xgbSeconds: xgb.seconds,
    xgbCpu: xgb.cpuSeconds,
    xgbAuc: xgb.testAuc,
    version: xgb.version,
  };
}

async function readStore(dir: string): Promise<Split> {
  const manifest = await readManifest(`${dir}/features/manifest.json`);
  const train = await readDataset(`${dir}/split/train.parquet`, manifest);
  const test = await readDataset(`${dir}/split/test.parquet`, manifest);
  return { train, test };
}

/** A numeric CSV: empty, NA and NaN cells are missing; non-numeric columns are an error. */
async function readCsv(
  path: string,
  target: string,
  skipLines: number,
  header: boolean,
): Promise<Dataset> {
  const lines = (await Deno.readTextFile(path)).split(/\r?\n/).slice(skipLines)
    .filter((line) => line.trim() !== "");
  const width = lines[header ? 1 : 0]?.split(",").length ?? 0;
  const names = header
    ? lines[0].split(",").map((name) => name.trim().replace(/^"|"$/g, ""))
    : Array.from({ length: width }, (_, j) => `c${j}`);
  const body = header ? lines.slice(1) : lines;
  const targetAt = target === "last" ? names.length - 1 : names.indexOf(target);
  if (targetAt < 0) throw new UsageError(`Target column "${target}" is not in ${path}`);
  const columns = names.map(() => new Float64Array(body.length));
  body.forEach((line, i) => {
    const cells = line.split(",");
    if (cells.length !== names.length) {
      throw new RangeError(
        `Line ${i + 1} of ${path} has ${cells.length} cells, not ${names.length}`,
      );
    }
    cells.forEach((cell, j) => {
      const text = cell.trim().replace(/^"|"$/g, "");
      const value = text === "" || text === "NA" ? NaN : Number(text);
      if (Number.isNaN(value) && text !== "" && text !== "NA" && text !== "NaN") {
        throw new TypeError(`Column "${names[j]}" of ${path} holds "${text}", not a number`);
      }
      columns[j][i] = value;
    });
  });
  const label = columns[targetAt];
  const features: FeatureSpec[] = names.filter((_, j) => j !== targetAt)
    .map((name) => ({ name, type: "numeric" }));
  return {
    features,
    columns: columns.filter((_, j) => j !== targetAt),
    rows: body.length,
    label,
  };
}

/** Stratified, seeded k folds: fold f is the test set of split f. */
function kFolds(data: Dataset, folds: number, seed: number): Split[] {
  const rng = createRng(seed);
  const fold = new Int32Array(data.rows);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < data.rows; i++) if (data.label![i] === cls) rows.push(i);
    rng.shuffle(rows);
    rows.forEach((row, k) => (fold[row] = k % folds));
  }
  return Array.from({ length: folds }, (_, f) => {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < data.rows; i++) (fold[i] === f ? test : train).push(i);
    return { train: takeRows(data, train), test: takeRows(data, test) };
  });
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs("gbdt_accuracy", argv, {
    booleans: ["no-header", "xgboost-first", "monotone"],
    strings: [
      "store",
      "csv",
      "target",
      "skip-lines",
      "folds",
      "rounds",
      "depth",
      "workers",
      "seed",
      "constraints",
    ],
  });
  const number = (flag: string, fallback: number) => {
    const text = args.strings.get(flag);
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0) {
      throw new UsageError(`Flag --${flag} needs a whole number, got "${text}"`);
    }
    return value;
  };
  const settings: XgboostSettings = {
    maxDepth: number("depth", 6),
    maxBin: 255,
    learningRate: 0.1,
    rounds: number("rounds", 300),
    nthread: 2,
  };
  const workers = args.strings.has("workers") ? number("workers", 0) : undefined;
  const store = args.strings.get("store");
  const csv = args.strings.get("csv");
  let splits: Split[];
  let source: string;
  if (store) {
    splits = [await readStore(store)];
    source = `feature store ${store} (split/train.parquet → split/test.parquet)`;
  } else if (csv) {
    const target = args.strings.get("target") ?? "last";
    const data = await readCsv(
      csv,
      target,
      number("skip-lines", 0),
      !args.booleans.has("no-header"),
    );
    const folds = number("folds", 5);
    splits = kFolds(data, folds, number("seed", 1));
    source = `CSV ${csv}, target ${target}, ${folds}-fold stratified (seed ${number("seed", 1)})`;
  } else {
    throw new UsageError("Give --store DIR or --csv FILE");
  }
  const { train } = splits[0];
  console.log(
    `${source}: ${train.rows} train rows × ${train.columns.length} features; depth ` +
      `${settings.maxDepth}, 255 bins, eta 0.1, ${settings.rounds} rounds, no early stopping`,
  );
  const monotone = args.booleans.has("monotone") || args.strings.has("constraints")
    ? await readConstraints(args.strings.get("constraints"))
    : undefined;
  const xgboostFirst = args.booleans.has("xgboost-first");
  const run = async (constraints: Constraints | undefined) => {
    const outcomes: Outcome[] = [];
    for (const split of splits) {
      outcomes.push(await compareOn(split, settings, workers, xgboostFirst, constraints));
    }
    return outcomes;
  };
  const free = await run(undefined);
  report(free);
  if (!monotone) return;
  console.log(`monotone constraints: ${JSON.stringify(monotone)}`);
  const constrained = await run(monotone);
  report(constrained);
  const auc = (outcomes: Outcome[], pick: (o: Outcome) => number) =>
    outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length;
  const seconds = (outcomes: Outcome[], pick: (o: Outcome) => number) =>
    outcomes.reduce((sum, o) => sum + pick(o), 0);
  console.log(
    `AUC loss from the constraints (free − monotone): riskpipe ` +
      `${(auc(free, (o) => o.oursAuc) - auc(constrained, (o) => o.oursAuc)).toFixed(5)}, ` +
      `xgboost ${(auc(free, (o) => o.xgbAuc) - auc(constrained, (o) => o.xgbAuc)).toFixed(5)}; ` +
      `riskpipe training time monotone / free ` +
      `${
        (seconds(constrained, (o) => o.oursSeconds) / seconds(free, (o) => o.oursSeconds))
          .toFixed(2)
      }×, xgboost ` +
      `${
        (seconds(constrained, (o) => o.xgbSeconds) / seconds(free, (o) => o.xgbSeconds))
          .toFixed(2)
      }×`,
  );
}

/** pipeline.yaml's train.gbdt.monotone, or the JSON given. */
async function readConstraints(json: string | undefined): Promise<Constraints> {
  if (json !== undefined) return JSON.parse(json) as Constraints;
  const pipeline = parseYaml(
    await Deno.readTextFile(new URL("../pipeline.yaml", import.meta.url)),
  ) as { params?: { train?: { gbdt?: { monotone?: Constraints } } } };
  const constraints = pipeline.params?.train?.gbdt?.monotone;
  if (!constraints || Object.keys(constraints).length === 0) {
    throw new UsageError("pipeline.yaml sets no train.gbdt.monotone; give --constraints JSON");
  }
  return constraints;
}

function report(outcomes: Outcome[]): void {
  const mean = (pick: (o: Outcome) => number) =>
    outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length;
  const total = (pick: (o: Outcome) => number) => outcomes.reduce((sum, o) => sum + pick(o), 0);
  if (outcomes.length > 1) {
    outcomes.forEach((o, f) =>
      console.log(
        `  fold ${f + 1}: riskpipe AUC ${o.oursAuc.toFixed(5)}, xgboost AUC ${o.xgbAuc.toFixed(5)}`,
      )
    );
  }
  const ours = mean((o) => o.oursAuc);
  const theirs = mean((o) => o.xgbAuc);
  console.log(
    `riskpipe  ${total((o) => o.oursSeconds).toFixed(2)} s ` +
      `(cpu ${total((o) => o.oursCpu).toFixed(2)} s)  test AUC ${ours.toFixed(5)}`,
  );
  console.log(
    `xgboost ${outcomes[0].version} hist nthread 2  ${total((o) => o.xgbSeconds).toFixed(2)} s ` +
      `(cpu ${total((o) => o.xgbCpu).toFixed(2)} s)  ` +
      `test AUC ${theirs.toFixed(5)}`,
  );
  console.log(
    `AUC difference riskpipe − xgboost: ${(ours - theirs).toFixed(5)}; time ratio ` +
      `${(total((o) => o.oursSeconds) / total((o) => o.xgbSeconds)).toFixed(2)}× wall, ` +
      `${(total((o) => o.oursCpu) / total((o) => o.xgbCpu)).toFixed(2)}× cpu; load average ` +
      `${Deno.loadavg()[0].toFixed(2)}`,
  );
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(error.message);
    Deno.exit(2);
  }
}
