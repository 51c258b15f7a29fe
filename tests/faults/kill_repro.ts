/**
 * Fault suite: `kill -9` a repro at seeded random moments, repro again, and compare the
 * outs and pipeline.lock with an uninterrupted run. Each trial starts from the same
 * finished run of a small pipeline (tests/e2e/repro_fixture.ts), changes an input and a
 * param so every stage reruns, starts `repro` through the CLI in its own session, kills it
 * (the runner alone or its whole group, chosen by the seed) after a random delay within
 * the uninterrupted run's duration, then checks: no stage process outlives the runner,
 * the next repro succeeds, the lock is byte-identical, every file is identical (no
 * `.partial` or temp debris), `.repro/tmp` is empty and status is clean.
 *
 * Run: `deno task faults:kill --trials 50 [--seed 1]` (exit 1 when a trial fails).
 */
import { join, relative } from "node:path";
import { hashFileWithSize } from "../../lib/pipeline/store/hash.ts";
import { repro } from "../../lib/pipeline/run/repro.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { createRng } from "../../lib/random/mod.ts";
import { createFixture } from "../e2e/repro_fixture.ts";
import { killAll, survivorsAfter } from "./processes.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/**
 * gen → {left, right} → join → report; stages write through `.partial` files and sleep
 * between writes so a kill lands inside a stage as often as between stages (`left` takes
 * half a second, so a stage that outlives its runner has time to show it). Each stage
 * records its shell's pid (to check it died) and appends its name and the time in ms to
 * runs.log when done.
 */
export const KILL_PIPELINE = (k: number) => `
params:
  gen: { n: 3 }
  model: { k: ${k} }
stages:
  gen:
    cmd:
      - >-
        echo $$ >> stage-pids.log; mkdir -p data/gen;
        for i in 1 2 3; do cat input.txt > data/gen/f$i.txt.partial; sleep 0.05;
        mv data/gen/f$i.txt.partial data/gen/f$i.txt; done
      - echo gen $(date +%s%3N) >> runs.log
    deps: [input.txt]
    params: [gen.n]
    outs: [data/gen]
  left:
    cmd: >-
      echo $$ >> stage-pids.log; cat data/gen/f1.txt > data/left.txt; sleep 0.5;
      echo "$RISKPIPE_PARAMS" >> data/left.txt; echo left $(date +%s%3N) >> runs.log
    deps: [data/gen]
    params: [model.k]
    outs: [data/left.txt]
  right:
    cmd: >-
      echo $$ >> stage-pids.log; cat data/gen/f2.txt > data/right.txt; sleep 0.1;
      echo "$RISKPIPE_PARAMS" >> data/right.txt; echo right $(date +%s%3N) >> runs.log
    deps: [data/gen]
    params: [model.k]
    outs: [data/right.txt]
  join:
    cmd: >-
      echo $$ >> stage-pids.log; cat data/left.txt data/right.txt > data/join.txt.partial;
      sleep 0.1; mv data/join.txt.partial data/join.txt; echo join $(date +%s%3N) >> runs.log
    deps: [data/left.txt, data/right.txt]
    outs: [data/join.txt]
  report:
    cmd: >-
      echo $$ >> stage-pids.log; mkdir -p reports; wc -c data/join.txt > reports/size.txt;
      sleep 0.05; cp reports/size.txt reports/metrics.json; echo report $(date +%s%3N) >> runs.log
    deps: [data/join.txt]
    outs:
      - reports/size.txt
      - path: reports/metrics.json
        cache: false
`;

/**
 * A stage that records its end this long after its runner was killed outlived it: the
 * supervisor stops a stage within milliseconds; the margin absorbs a loaded machine.
 */
const OUTLIVED_MARGIN_MS = 200;

/** Files that are the trial's bookkeeping, not the pipeline's. */
const BOOKKEEPING = new Set(["runs.log", "stage-pids.log", "pipeline.lock"]);

/** One trial's outcome. */
export interface TrialResult {
  trial: number;
  /** Delay after the runner started before it was killed. */
  killAfterMs: number;
  /** What was killed: the runner process alone or its whole process group. */
  target: "runner" | "group";
  /** Stages the killed run finished before the kill (their names, from runs.log). */
  finished: string[];
  /** What differed from the uninterrupted run; empty when the trial passed. */
  problems: string[];
}

/** The whole suite's outcome. */
export interface KillReport {
  seed: number;
  /** Wall time of the uninterrupted CLI repro the kill delays are drawn within. */
  referenceMs: number;
  trials: TrialResult[];
}

/** Options of `runKillTrials`. */
export interface KillOptions {
  trials: number;
  seed: number;
  /** Receives one line per trial as it ends. */
  log?: (line: string) => void;
}

interface Snapshot {
  lock: string;
  files: Map<string, string>;
}

/**
 * Runs the trials and returns what each found.
 * @example
 * const report = await runKillTrials({ trials: 5, seed: 1 });
 * const failed = report.trials.filter((t) => t.problems.length > 0);
 */
export async function runKillTrials(options: KillOptions): Promise<KillReport> {
  const rng = createRng(options.seed);
  await using base = await createFixture({
    "pipeline.yaml": KILL_PIPELINE(1),
    "input.txt": "alpha\n",
  });
  const quiet = { jobs: 2, log: () => {}, sink: () => {} };
  const first = await repro(base.root, quiet);
  if (!first.ok) throw new Error("Cannot start the kill trials: the base repro failed");

  const reference = await prepareTrialDir(base.root);
  const started = performance.now();
  const { code } = await cliRepro(reference).output();
  const referenceMs = performance.now() - started;
  if (code !== 0) {
    throw new Error(`Cannot start the kill trials: the reference repro exited ${code}`);
  }
  const expected = await snapshot(reference);
  await Deno.remove(reference, { recursive: true });

  const trials: TrialResult[] = [];
  for (let trial = 1; trial <= options.trials; trial++) {
    const killAfterMs = rng.int(0, Math.ceil(referenceMs));
    const target = rng.bernoulli(0.5) ? "group" : "runner";
    const dir = await prepareTrialDir(base.root);
    try {
      const result = await runTrial(dir, trial, killAfterMs, target, expected);
      trials.push(result);
      options.log?.(
        `trial ${trial}: kill -9 ${target} at ${killAfterMs} ms after ` +
          `${result.finished.length} finished stage(s): ` +
          (result.problems.length === 0 ? "ok" : `FAILED: ${result.problems.join("; ")}`),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
  return { seed: options.seed, referenceMs, trials };
}

async function runTrial(
  dir: string,
  trial: number,
  killAfterMs: number,
  target: "runner" | "group",
  expected: Snapshot,
): Promise<TrialResult> {
  const problems: string[] = [];
  const runsBefore = await readLines(join(dir, "runs.log"));
  const runner = cliRepro(dir).spawn();
  await new Promise((resolve) => setTimeout(resolve, killAfterMs));
  const killedAt = Date.now();
  try {
    Deno.kill(target === "group" ? -runner.pid : runner.pid, "SIGKILL");
  } catch {
    // The run finished before the kill: a trial of the uninterrupted path.
  }
  await runner.status;
  const pids = (await readLines(join(dir, "stage-pids.log"))).map(Number);
  const survivors = await survivorsAfter(pids, 10_000);
  if (survivors.length > 0) {
    problems.push(`stage pid(s) ${survivors.join(", ")} still running 10 s after the kill`);
    killAll(survivors);
  }
  const finished: string[] = [];
  for (const line of (await readLines(join(dir, "runs.log"))).slice(runsBefore.length)) {
    const [stage, endedAt] = line.split(" ");
    const late = Number(endedAt) - killedAt;
    if (late <= OUTLIVED_MARGIN_MS) finished.push(stage);
    else {problems.push(
        `stage "${stage}" outlived its runner: it finished ${late} ms after the kill`,
      );}
  }

  const again = await repro(dir, { jobs: 2, log: () => {}, sink: () => {} });
  const failed = again.stages.filter((s) => s.result === "failed");
  if (failed.length > 0) problems.push(`the next repro failed: ${failed[0].error}`);
  const actual = await snapshot(dir);
  if (actual.lock !== expected.lock) problems.push("pipeline.lock differs");
  for (const [path, hash] of expected.files) {
    const got = actual.files.get(path);
    if (got === undefined) problems.push(`"${path}" is missing`);
    else if (got !== hash) problems.push(`"${path}" differs`);
  }
  for (const path of actual.files.keys()) {
    if (!expected.files.has(path)) problems.push(`"${path}" is left over`);
  }
  const temp = await listFiles(join(dir, ".repro/tmp"));
  if (temp.length > 0) problems.push(`.repro/tmp holds ${temp.join(", ")}`);
  const stale = (await pipelineStatus(dir)).filter((s) => s.stale).map((s) => s.stage);
  if (stale.length > 0) problems.push(`status: ${stale.join(", ")} stale`);
  return { trial, killAfterMs, target, finished, problems };
}

/** A copy of the finished base run with the input and a param changed (all stages stale). */
async function prepareTrialDir(baseRoot: string): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-kill-" });
  const { success } = await new Deno.Command("cp", { args: ["-a", `${baseRoot}/.`, dir] })
    .output();
  if (!success) throw new Error(`Cannot copy "${baseRoot}" to "${dir}"`);
  await Deno.writeTextFile(join(dir, "input.txt"), "beta\n");
  await Deno.writeTextFile(join(dir, "pipeline.yaml"), KILL_PIPELINE(2));
  await Deno.writeTextFile(join(dir, "stage-pids.log"), "");
  return dir;
}

/** `repro` through the CLI in its own session, so its process group can be killed. */
function cliRepro(dir: string): Deno.Command {
  return new Deno.Command("setsid", {
    args: [Deno.execPath(), "run", "-A", MAIN, "repro", "--jobs", "2"],
    cwd: dir,
    stdout: "null",
    stderr: "null",
  });
}

/** The lock text and a hash of every file outside .repro and the bookkeeping files. */
async function snapshot(dir: string): Promise<Snapshot> {
  const files = new Map<string, string>();
  for (const path of await listFiles(dir)) {
    if (path.startsWith(".repro/") || BOOKKEEPING.has(path)) continue;
    files.set(path, (await hashFileWithSize(join(dir, path))).hash);
  }
  const lock = await Deno.readTextFile(join(dir, "pipeline.lock")).catch(() => "");
  return { lock, files };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(abs: string): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(abs));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(abs, entry.name);
      if (entry.isDirectory) await walk(path);
      else out.push(relative(dir, path));
    }
  }
  await walk(dir);
  return out.sort();
}

async function readLines(path: string): Promise<string[]> {
  const text = await Deno.readTextFile(path).catch(() => "");
  return text.split("\n").filter((line) => line !== "");
}

/** Parses `--trials N --seed S`. */
function parseArgs(args: string[]): { trials: number; seed: number } {
  const options = { trials: 50, seed: 1 };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], Number(args[i + 1])];
    if ((flag !== "--trials" && flag !== "--seed") || !Number.isInteger(value) || value < 0) {
      throw new TypeError(`Cannot read arguments: expected --trials N and --seed S, got "${flag}"`);
    }
    options[flag.slice(2) as "trials" | "seed"] = value;
  }
  return options;
}

if (import.meta.main) {
  const { trials, seed } = parseArgs(Deno.args);
  const report = await runKillTrials({ trials, seed, log: (line) => console.log(line) });
  const failed = report.trials.filter((t) => t.problems.length > 0);
  const byFinished = new Map<number, number>();
  for (const t of report.trials) {
    byFinished.set(t.finished.length, (byFinished.get(t.finished.length) ?? 0) + 1);
  }
  const spread = [...byFinished].sort(([a], [b]) => a - b).map(([n, count]) => `${n}: ${count}`);
  console.log(
    `${report.trials.length} trials (seed ${seed}, kills within the ${
      Math.round(report.referenceMs)
    } ms of an uninterrupted run; stages finished before the kill → trials: ${
      spread.join(", ")
    }): ${report.trials.length - failed.length} consistent, ${failed.length} failed`,
  );
  Deno.exit(failed.length > 0 ? 1 : 0);
}
