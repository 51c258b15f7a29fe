/**
 * Running one claimed experiment: a fresh workspace from its snapshot, `repro` there in a
 * child process (under the stage supervisor, so it dies with us, kill -9 included) with
 * its `--set-param`s and without the registry-writing stages, then its metrics and lock
 * recorded. A finished workspace is removed (its outs are in the shared cache); a failed
 * one is kept for a look until `exp gc`.
 */
import { join } from "node:path";
import { flattenKeys } from "../spec/flatten.ts";
import { loadPipeline } from "../spec/load.ts";
import { buildGraph } from "../spec/graph.ts";
import type { PipelineSpec } from "../spec/types.ts";
import { createShellRunner, type LineSink } from "../run/executor.ts";
import { metricPaths, readMetrics } from "../metrics.ts";
import { readLock } from "../store/lock.ts";
import { appendJournal, type QueueEntry } from "./journal.ts";
import { experimentPaths } from "./paths.ts";
import { type ExperimentRecord, readRecord, writeRecord } from "./record.ts";
import { createWorkspace, removeWorkspace, workspacePath } from "./workspace.ts";

/** Options of `runExperiment`. */
export interface RunExperimentOptions {
  /** `repro --jobs` inside the workspace (default: the number of cores). */
  reproJobs?: number;
  /** Also receives every output line of the repro (the log file always does). */
  sink?: LineSink;
  /** Stops the repro (its stages get SIGTERM); the experiment is recorded failed. */
  signal?: AbortSignal;
}

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const CONFIG = new URL("../../../deno.json", import.meta.url).pathname;

/** Stages an experiment leaves out: those writing out-of-repo state, and all they feed. */
export function skippedStages(spec: PipelineSpec): string[] {
  const graph = buildGraph(spec);
  const skipped = new Set<string>();
  const visit = (name: string) => {
    if (skipped.has(name)) return;
    skipped.add(name);
    for (const next of graph.downstream(name)) visit(next);
  };
  for (const stage of spec.stages) if ((stage.writesState ?? []).length > 0) visit(stage.name);
  return graph.order.filter((name) => skipped.has(name));
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs a queued experiment whose lease the caller holds; returns its final record.
 * @example
 * ```ts ignore
 * const record = await runExperiment(root, entry, { reproJobs: 2 });
 * ```
 */
export async function runExperiment(
  root: string,
  entry: QueueEntry,
  options: RunExperimentOptions = {},
): Promise<ExperimentRecord> {
  const previous = await readRecord(root, entry.name);
  const workspace = workspacePath(root, entry.name, entry.attempt);
  const record: ExperimentRecord = {
    schema: 1,
    name: entry.name,
    status: "running",
    baseCommit: entry.def.baseCommit,
    snapshot: entry.def.snapshot,
    setParams: entry.def.setParams,
    params: {},
    changed: [],
    skippedStages: [],
    queuedAt: previous?.queuedAt ?? entry.queuedAt,
    startedAt: new Date().toISOString(),
    attempt: entry.attempt,
  };
  let spec: PipelineSpec | undefined;
  try {
    await createWorkspace(root, entry.def.snapshot, entry.name, entry.attempt);
    const base = await loadPipeline(workspace);
    spec = await loadPipeline(workspace, { setParams: entry.def.setParams });
    const before = flattenKeys(base.params);
    record.params = flattenKeys(spec.params);
    record.changed = Object.keys(record.params).filter((key) =>
      JSON.stringify(record.params[key]) !== JSON.stringify(before[key])
    ).sort();
    record.skippedStages = skippedStages(spec);
  } catch (error) {
    return await finish(root, record, workspace, (error as Error).message);
  }
  await writeRecord(root, record);
  await appendJournal(root, [{
    op: "running",
    name: entry.name,
    at: record.startedAt!,
    attempt: entry.attempt,
    pid: Deno.pid,
  }]);
  const error = await reproInWorkspace(root, workspace, spec, record, options)
    .catch((error: Error) => `Cannot run experiment "${record.name}": ${error.message}`);
  record.lock = await readLock(workspace).catch(() => undefined);
  // The skipped stages' entries are the user's, copied with the snapshot: not this run's.
  for (const stage of record.skippedStages) delete record.lock?.stages[stage];
  record.metrics = Object.fromEntries(
    (await readMetrics(workspace, metricPaths(spec))).map((file) => [
      file.path,
      "error" in file ? { error: file.error } : file.metrics,
    ]),
  );
  return await finish(root, record, workspace, error);
}

async function reproInWorkspace(
  root: string,
  workspace: string,
  spec: PipelineSpec,
  record: ExperimentRecord,
  options: RunExperimentOptions,
): Promise<string | undefined> {
  const targets = record.skippedStages.length === 0
    ? []
    : spec.stages.map((s) => s.name).filter((name) => !record.skippedStages.includes(name));
  if (targets.length === 0 && record.skippedStages.length > 0) return undefined;
  const args = [
    Deno.execPath(),
    "run",
    "-A",
    "--config",
    CONFIG,
    MAIN,
    "repro",
    "--jobs",
    String(options.reproJobs ?? navigator.hardwareConcurrency),
    ...targets,
    ...record.setParams.flatMap((assignment) => ["--set-param", assignment]),
  ];
  const logs = experimentPaths(root).logs;
  await Deno.mkdir(logs, { recursive: true });
  using log = await Deno.open(join(logs, `${record.name}.log`), {
    write: true,
    create: true,
    truncate: true,
  });
  const encoder = new TextEncoder();
  const runner = createShellRunner({
    signal: options.signal,
    sink: (stream, line) => {
      log.writeSync(encoder.encode(line + "\n"));
      options.sink?.(stream, line);
    },
  });
  const result = await runner({
    stage: record.name,
    cmd: [args.map(quote).join(" ")],
    cwd: workspace,
    env: {},
  });
  if (result.code === 0) return undefined;
  return `repro failed with exit code ${result.code}` +
    (result.errorLine === undefined ? "" : `: ${result.errorLine}`) +
    ` (log: ${join(logs, `${record.name}.log`)})`;
}

async function finish(
  root: string,
  record: ExperimentRecord,
  workspace: string,
  error: string | undefined,
): Promise<ExperimentRecord> {
  record.endedAt = new Date().toISOString();
  record.status = error === undefined ? "done" : "failed";
  if (error !== undefined) record.error = error;
  else delete record.error;
  await writeRecord(root, record);
  const base = { name: record.name, at: record.endedAt, attempt: record.attempt };
  await appendJournal(root, [
    error === undefined ? { op: "done", ...base } : { op: "failed", ...base, error },
  ]);
  if (error === undefined) await removeWorkspace(workspace);
  return record;
}
