/**
 * `repro`: plan the stages to bring up to date, take the repro mutex, then walk the
 * graph with up to `jobs` stages at once, each one kept, restored or run by
 * `reproduceStage`; the lock is rewritten atomically after every stage that changed.
 */
import { openCacheLazily } from "../store/lazy_cache.ts";
import { removeDeadTemp } from "../store/debris.ts";
import { createShellRunner, type LineSink, type StageRunner } from "./executor.ts";
import { comparePaths } from "./fingerprint.ts";
import { type StageGraph, stageGraphOf } from "../spec/graph.ts";
import type { LockEntry } from "../store/lock.ts";
import type { RunCacheInput } from "../store/run_cache.ts";
import { loadPipelineCached, readLockCached } from "./load_cached.ts";
import { createLockWriter } from "./lock_writer.ts";
import { acquireReproMutex } from "./mutex.ts";
import { planRepro } from "./plan.ts";
import type { DryRun } from "./dry.ts";
import { reproduceStage, type StageContext } from "./stage.ts";
import { schedule } from "./scheduler.ts";
import { openHasher } from "../store/stat_cache.ts";
import { rememberingHasher } from "../store/run_hasher.ts";
import type { StageOutcome } from "./summary.ts";
import type { PipelineSpec, StageSpec } from "../spec/types.ts";

/** Options of `repro`, as the CLI flags name them. */
export interface ReproOptions {
  /** Stages to bring up to date (with everything upstream); all stages when empty. */
  targets?: string[];
  /** Run the planned stages even if up to date (frozen ones are still skipped). */
  force?: boolean;
  /** Say what would happen, change nothing. */
  dry?: boolean;
  /** Targets plus everything downstream of them instead of upstream. */
  downstream?: boolean;
  /** Stages at once (default: the number of cores). */
  jobs?: number;
  /** After a failure, keep running the branches that do not depend on it. */
  keepGoing?: boolean;
  /** Wait for another repro to finish instead of failing at once. */
  wait?: boolean;
  /** `key=value` param overrides for this run, recorded in the lock. */
  setParams?: string[];
  /**
   * The pipeline as `loadPipelineCached(root, setParams)` returns it, when the caller
   * loaded it already (the CLI does, to check params first); loaded here when absent.
   */
  spec?: PipelineSpec;
  /** Runs a stage's commands (default: `sh -c`, output prefixed and streamed). */
  runner?: StageRunner;
  /** Where stage output lines go when the default runner is used. */
  sink?: LineSink;
  /** Where the runner's own messages go (default: stdout). */
  log?: (line: string) => void;
  /**
   * Interrupts the repro: running stages are stopped (and fail, so their previous outs
   * are put back) and no new stage starts.
   */
  signal?: AbortSignal;
}

/** What a repro did, stage by stage in plan order. */
export interface ReproSummary {
  stages: StageOutcome[];
  /** False when a stage failed. */
  ok: boolean;
  millis: number;
}

/**
 * Brings the pipeline at `root` up to date.
 * @example
 * ```ts
 * import { repro } from "./repro.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(
 *   `${root}/pipeline.yaml`,
 *   "params:\n  hello:\n    word: hi\nstages:\n  hello:\n    cmd: echo hi > out.txt\n" +
 *     "    params: [hello.word]\n    outs: [out.txt]\n",
 * );
 * const summary = await repro(root, {
 *   targets: ["hello"],
 *   setParams: ["hello.word=there"],
 *   sink: () => {},
 *   log: () => {},
 * });
 * const out = await Deno.readTextFile(`${root}/out.txt`);
 * await Deno.remove(root, { recursive: true });
 * if (!summary.ok || out.trim() !== "hi") throw new Error(`got ${out}`);
 * ```
 */
export async function repro(root: string, options: ReproOptions = {}): Promise<ReproSummary> {
  const started = performance.now();
  const spec = options.spec ?? await loadPipelineCached(root, options.setParams);
  const graph = stageGraphOf(spec);
  const order = planRepro(graph, options.targets ?? [], { downstream: options.downstream });
  const mutex = options.dry ? undefined : await acquireReproMutex(root, {
    wait: options.wait,
    onWait: (pid) => log(options)(`Waiting for the repro of pid ${pid ?? "unknown"} to finish`),
  });
  try {
    if (mutex) await removeDeadTemp(root); // what a killed repro left in .repro/tmp
    const outcomes = await walk(root, spec, graph, order, options);
    const stages = order.map((name) => outcomes.get(name)!);
    return {
      stages,
      ok: stages.every((s) => s.result !== "failed"),
      millis: performance.now() - started,
    };
  } finally {
    await mutex?.release();
  }
}

async function walk(
  root: string,
  spec: PipelineSpec,
  graph: StageGraph,
  order: string[],
  options: ReproOptions,
): Promise<Map<string, StageOutcome>> {
  const hasher = rememberingHasher(await openHasher(root));
  const lock = await readLockCached(root);
  const outcomes = new Map<string, StageOutcome>();
  const lockWriter = createLockWriter(root, lock, spec.stages.map((s) => s.name));
  const background: Promise<void>[] = [];
  let settled: PromiseSettledResult<void>[] = [];
  const context: StageContext = {
    root,
    spec,
    hasher,
    forgetHashes: () => hasher.forget(),
    cache: openCacheLazily(root),
    runner: options.runner ?? createShellRunner({ sink: options.sink, signal: options.signal }),
    force: options.force ?? false,
    lockEntry: (stage) => lock.stages[stage],
    commitLockEntry: (stage, entry) => lockWriter.update(stage, entry),
    background: (task) => background.push(task),
    log: log(options),
    env: async () => {
      const { PARAMS_ENV, SET_PARAMS_ENV, setParamKeys } = await import("../spec/stage_env.ts");
      return {
        [PARAMS_ENV]: JSON.stringify(spec.params),
        [SET_PARAMS_ENV]: JSON.stringify(setParamKeys(options.setParams ?? [])),
      };
    },
  };
  const dry: DryRun = {
    producerOf: (path) => graph.producerOf(path),
    outsInside: (path) =>
      spec.stages.flatMap((stage) =>
        stage.outs.filter((out) => out.path.startsWith(`${path}/`))
          .map((out) => ({ stage: stage.name, path: out.path }))
      ),
    predictions: new Map(),
  };
  try {
    const notRun = await schedule({
      order,
      upstream: (name) => graph.upstream(name),
      jobs: options.jobs ?? navigator.hardwareConcurrency,
      keepGoing: options.keepGoing ?? false,
      signal: options.signal,
      run: async (name) => {
        const start = performance.now();
        const stage = graph.stages.get(name)!;
        let outcome;
        try {
          outcome = options.dry
            ? await (await import("./dry.ts")).dryRunStage(context, stage, dry)
            : await reproduceWritingState(context, stage, graph);
        } catch (error) {
          const message = `Stage "${name}" failed: ${errorMessage(error)}`;
          context.log(message);
          outcome = { stage: name, result: "failed" as const, reasons: [], error: message };
        }
        outcomes.set(name, { ...outcome, millis: performance.now() - start });
        return outcome.result === "failed" || outcome.result === "would fail" ? "failed" : "ok";
      },
    });
    for (const [name, reason] of notRun) {
      outcomes.set(name, { stage: name, result: "not run", reasons: [reason], millis: 0 });
    }
    if (!options.dry && Object.keys(lock.stages).some((name) => !graph.stages.has(name))) {
      lockWriter.rewrite(); // drops the entries of stages removed from pipeline.yaml
    }
  } finally {
    settled = await Promise.allSettled(background);
    await Promise.all([hasher.flush(), lockWriter.flush()]);
  }
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return outcomes;
}

/**
 * `reproduceStage`, and for a stage that declares `writes_state`, the state it changed
 * accepted by the upstream stages it acted on (see state_writes.ts).
 */
async function reproduceWritingState(
  context: StageContext,
  stage: StageSpec,
  graph: StageGraph,
): Promise<Omit<StageOutcome, "millis">> {
  const writes = stage.writesState ?? [];
  if (writes.length === 0) return await reproduceStage(context, stage);
  const { readStates } = await import("./state.ts");
  const before = await readStates(context.root, writes);
  const outcome = await reproduceStage(context, stage);
  if (outcome.result !== "ran") return outcome;
  const { acceptStateWrites } = await import("./state_writes.ts");
  acceptStateWrites(
    {
      upstream: (name) => graph.upstream(name),
      lockEntry: context.lockEntry,
      commitLockEntry: context.commitLockEntry,
      saveRun: (name, entry) => {
        const upstream = graph.stages.get(name)!;
        if (upstream.alwaysChanged || !upstream.outs.every((out) => out.cache)) return;
        context.background((async () => {
          const { runCacheKey, saveRun } = await import("../store/run_cache.ts");
          await saveRun(context.root, runCacheKey(runInputOf(entry)), entry);
        })());
      },
      log: context.log,
    },
    stage.name,
    before,
    await readStates(context.root, writes),
  );
  return outcome;
}

function runInputOf(entry: LockEntry): RunCacheInput {
  return {
    cmd: entry.cmd,
    deps: Object.fromEntries(entry.deps.map((dep) => [dep.path, dep.hash])),
    params: entry.params,
    outs: entry.outs.map((out) => out.path).sort(comparePaths),
    state: entry.state,
  };
}

function log(options: ReproOptions): (line: string) => void {
  return options.log ?? ((line) => console.log(line));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
