/**
 * Generation and split speed, step by step, at a given size:
 *
 *   deno run -A bench/split_bench.ts --applicants 100000 [--dir /tmp/split-bench]
 *     [--code /path/to/other/checkout] [--stages ingest,features,split] [--steps] [--hash]
 *
 * Runs the `ingest` (synthetic generation), `features` and `split` stages as processes
 * under `/usr/bin/time -v` in `--dir` (wall seconds, CPU seconds, peak RSS each); `--steps`
 * runs the split again in this process with the time of each of its steps. `--code` runs the stage
 * files of another checkout (e.g. a `git worktree` of the commit before a change) on the
 * same data, so before and after are measured back to back; `--stages` skips stages whose
 * outputs are already in `--dir`. `--hash` prints a content hash of every generated table
 * and of both split parts (see {@link parquetContentHash}), to show a change kept the data.
 * Targets (issue 18): generation ≤ 15 s, split ≤ 5 s at 307,511 applicants.
 */
import { join } from "node:path";
import process from "node:process";
import { parse as parseYaml } from "yaml";
import { openDuckDb } from "../lib/duckdb/mod.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import { splitFeatureStore } from "../lib/split/mod.ts";
import { HOME_CREDIT_TABLES } from "../lib/contracts/home_credit_schema.ts";
import { parquetContentHash } from "../lib/duckdb/content_hash.ts";

const ROOT = new URL("..", import.meta.url).pathname;

interface StageRun {
  stage: string;
  wall: number;
  cpu: number;
  peakRssMiB: number;
}

async function runStage(
  stage: string,
  code: string,
  cwd: string,
  params: unknown,
): Promise<StageRun> {
  const command = new Deno.Command("/usr/bin/time", {
    args: [
      "-v",
      Deno.execPath(),
      "run",
      "-A",
      "--config",
      join(code, "deno.json"),
      join(code, "stages", `${stage}.ts`),
    ],
    cwd,
    env: { RISKPIPE_PARAMS: JSON.stringify(params), NO_COLOR: "1" },
    stdout: "null",
    stderr: "piped",
  });
  const { code: exit, stderr } = await command.output();
  const text = new TextDecoder().decode(stderr);
  if (exit !== 0) throw new Error(`Cannot bench stage "${stage}": it exited with ${exit}\n${text}`);
  const field = (label: string) =>
    text.split("\n").find((line) => line.includes(label))?.split(": ").pop() ?? "";
  const clock = field("Elapsed (wall clock)").split(":").map(Number);
  const wall = clock.reduce((total, part) => total * 60 + part, 0);
  const cpu = Number(field("User time (seconds)")) + Number(field("System time (seconds)"));
  return { stage, wall, cpu, peakRssMiB: Number(field("Maximum resident set size")) / 1024 };
}

/** Wall and CPU (all threads) milliseconds since `since`. */
function elapsed(since: { wall: number; cpu: NodeJS.CpuUsage }): { wall: number; cpu: number } {
  const cpu = process.cpuUsage(since.cpu);
  return { wall: performance.now() - since.wall, cpu: (cpu.user + cpu.system) / 1000 };
}

function mark(): { wall: number; cpu: NodeJS.CpuUsage } {
  return { wall: performance.now(), cpu: process.cpuUsage() };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2).padStart(7);
}

/** The split run in-process, with wall and CPU seconds from one progress step to the next. */
async function splitSteps(dir: string, params: Record<string, number>): Promise<void> {
  const manifest = await readManifest(join(dir, "data/features/manifest.json"));
  const steps: [string, { wall: number; cpu: number }][] = [];
  const started = mark();
  let step = "reading ids and targets";
  let since = started;
  await splitFeatureStore({
    storePath: join(dir, "data/features/feature_store.parquet"),
    manifest,
    outDir: join(dir, "bench-split"),
    testSize: params.test_size,
    seed: params.seed,
    targetRateTolerance: params.target_rate_tolerance,
    leakageAucMax: params.leakage_auc_max,
    onProgress: (_done, _total, next) => {
      if (next === step) return;
      steps.push([step, elapsed(since)]);
      step = next;
      since = mark();
    },
  });
  steps.push([step, elapsed(since)]);
  const all = elapsed(started);
  console.log(`split in-process: wall ${seconds(all.wall)} s  cpu ${seconds(all.cpu)} s`);
  for (const [name, time] of steps) {
    console.log(`  ${name.padEnd(26)} wall ${seconds(time.wall)} s  cpu ${seconds(time.cpu)} s`);
  }
  await Deno.remove(join(dir, "bench-split"), { recursive: true });
}

async function printHashes(dir: string): Promise<void> {
  const conn = await openDuckDb();
  try {
    const files = [
      ...HOME_CREDIT_TABLES.map((t) => `data/raw/parquet/${t}.parquet`),
      "data/split/train.parquet",
      "data/split/test.parquet",
    ];
    for (const file of files) {
      console.log(`${await parquetContentHash(conn, join(dir, file))}  ${file}`);
    }
  } finally {
    conn.closeSync();
  }
}

async function main(args: string[]): Promise<void> {
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const applicants = Number(value("--applicants") ?? "100000");
  const dir = value("--dir") ?? await Deno.makeTempDir({ prefix: "split-bench-" });
  const code = value("--code") ?? ROOT;
  const stages = (value("--stages") ?? "ingest,features,split").split(",").filter(Boolean);
  await Deno.mkdir(dir, { recursive: true });
  const pipeline = parseYaml(await Deno.readTextFile(join(ROOT, "pipeline.yaml"))) as {
    params: { data: Record<string, unknown>; split: Record<string, number> };
  };
  const params = {
    ...pipeline.params,
    data: { ...pipeline.params.data, source: "synthetic", applicants },
  };
  const load = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  console.log(`${applicants} applicants, code ${code}, data ${dir}, load average ${load}`);
  for (const stage of stages) {
    const run = await runStage(stage, code, dir, params);
    console.log(
      `${run.stage.padEnd(9)} wall ${run.wall.toFixed(2).padStart(7)} s  cpu ${
        run.cpu.toFixed(2).padStart(7)
      } s  peak RSS ${run.peakRssMiB.toFixed(0).padStart(6)} MiB`,
    );
  }
  if (args.includes("--steps")) await splitSteps(dir, pipeline.params.split);
  if (args.includes("--hash")) await printHashes(dir);
  const after = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  console.log(`load average after: ${after}`);
}

if (import.meta.main) await main(Deno.args);
