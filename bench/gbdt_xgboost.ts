/**
 * Runs bench/gbdt_xgboost.py (XGBoost 1.7 `hist` from Debian's python3-xgboost) on a
 * train / test pair of Datasets and returns its wall time and test AUC. The data goes
 * over as row-major float64 files in a temp dir (NaN = missing), removed afterwards.
 */
import type { Dataset } from "../lib/model/types.ts";

/** Training settings shared by both trainers, in XGBoost's terms. */
export interface XgboostSettings {
  maxDepth: number;
  maxBin: number;
  learningRate: number;
  rounds: number;
  nthread: number;
  /** XGBoost's monotone_constraints, one entry per feature (1, -1 or 0); none when absent. */
  monotone?: number[];
  /** Where to save the trained booster as XGBoost JSON; not saved when absent. */
  modelOut?: string;
}

/** What the XGBoost side reports. */
export interface XgboostResult {
  version: string;
  /** Wall time of DMatrix building plus training. */
  seconds: number;
  /** CPU time (user + system, every thread) of the same span. */
  cpuSeconds: number;
  testAuc: number;
}

/** Trains XGBoost on `train` and scores `test`. */
export async function runXgboost(
  settings: XgboostSettings,
  train: Dataset,
  test: Dataset,
): Promise<XgboostResult> {
  const dir = await Deno.makeTempDir({ prefix: "gbdt_xgboost_" });
  try {
    await writeRowMajor(dir, "train", train);
    await writeRowMajor(dir, "test", test);
    const params = {
      max_depth: settings.maxDepth,
      max_bin: settings.maxBin,
      learning_rate: settings.learningRate,
      lambda: 1,
      min_child_weight: 1,
      n_rounds: settings.rounds,
      nthread: settings.nthread,
      ...(settings.monotone ? { monotone: settings.monotone } : {}),
    };
    const script = new URL("./gbdt_xgboost.py", import.meta.url).pathname;
    const output = await new Deno.Command("/usr/bin/python3", {
      args: [
        script,
        dir,
        `${train.rows}`,
        `${test.rows}`,
        `${train.columns.length}`,
        JSON.stringify(params),
        ...(settings.modelOut ? [settings.modelOut] : []),
      ],
      stderr: "inherit",
    }).output();
    if (!output.success) throw new Error(`XGBoost run failed with code ${output.code}`);
    const result = JSON.parse(new TextDecoder().decode(output.stdout));
    return {
      version: result.version,
      seconds: result.seconds,
      cpuSeconds: result.cpu_seconds,
      testAuc: result.test_auc,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * CPU time (user + system) this process has used so far, all threads, from
 * /proc/self/stat (Linux); NaN elsewhere. Less sensitive than wall time to other
 * processes sharing the cores.
 */
export function processCpuSeconds(): number {
  try {
    const stat = Deno.readTextFileSync("/proc/self/stat");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function writeRowMajor(dir: string, name: string, data: Dataset): Promise<void> {
  const width = data.columns.length;
  const x = new Float64Array(data.rows * width);
  data.columns.forEach((column, j) => {
    for (let i = 0; i < data.rows; i++) x[i * width + j] = column[i];
  });
  await Deno.writeFile(`${dir}/${name}_x.f64`, new Uint8Array(x.buffer));
  await Deno.writeFile(`${dir}/${name}_y.f64`, new Uint8Array(data.label!.buffer));
}
