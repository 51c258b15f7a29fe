/**
 * Queueing experiments: every assignment checked against pipeline.yaml's params (and the
 * params schemas, through the caller's validator) before anything is queued, names checked
 * against every experiment on record, one snapshot shared by the batch, and one journal
 * append for all of it.
 */
import { loadPipeline } from "../spec/load.ts";
import { PipelineError, type PipelineProblem } from "../spec/errors.ts";
import { setParamsCollecting } from "../spec/params.ts";
import { ExperimentError } from "./errors.ts";
import { gridProduct, parseGridAxis } from "./grid.ts";
import { appendJournal, foldJournal, type JournalEntry } from "./journal.ts";
import { assertExperimentName, generateExperimentName } from "./names.ts";
import { listRecordNames } from "./record.ts";
import { takeSnapshot } from "./snapshot.ts";

/** Checks a full params mapping (e.g. against the params schemas); throws naming the key. */
export type ParamsValidator = (params: Record<string, unknown>, setKeys: Set<string>) => void;

/** What to queue. */
export interface QueueRequest {
  /** `key=value` assignments every experiment gets. */
  setParams?: string[];
  /** `key=v1,v2,…` axes; their product is queued. */
  grid?: string[];
  /** The name (with several experiments, `<name>-1`, `<name>-2`, …). */
  name?: string;
  /** Called with each experiment's params before anything is queued. */
  validate?: ParamsValidator;
}

/** Names of every experiment on record or in the queue. */
export async function takenNames(root: string): Promise<Set<string>> {
  const names = new Set((await foldJournal(root)).keys());
  for (const name of await listRecordNames(root)) names.add(name);
  return names;
}

/**
 * Queues one experiment per grid combination; returns their names in queue order.
 * @example
 * ```ts ignore
 * const names = await queueExperiments(root, { grid: ["train.gbdt.max_depth=4,6"] });
 * ```
 */
export async function queueExperiments(root: string, request: QueueRequest): Promise<string[]> {
  const setParams = request.setParams ?? [];
  const axes = (request.grid ?? []).map(parseGridAxis);
  const fixedKeys = new Set(setParams.map((a) => a.slice(0, Math.max(a.indexOf("="), 0)).trim()));
  for (const axis of axes) {
    if (fixedKeys.has(axis.key)) {
      throw new ExperimentError(
        `Cannot build the grid: param ${axis.key} is given by both --set-param and --grid`,
      );
    }
  }
  const spec = await loadPipeline(root);
  // Unknown keys first, once per flag, with "did you mean".
  const problems: PipelineProblem[] = [
    ...setParamsCollecting(spec.params, setParams).problems,
    ...axes.flatMap((axis) =>
      setParamsCollecting(spec.params, [`${axis.key}=${axis.values[0]}`]).problems
        .map((problem) => ({ ...problem, detail: `--grid ${axis.key}: ${problem.detail}` }))
    ),
  ];
  if (problems.length > 0) throw new PipelineError("Cannot queue experiments", problems);
  const runs = gridProduct(axes).map((combination) => [...setParams, ...combination]);
  for (const assignments of runs) {
    const applied = setParamsCollecting(spec.params, assignments);
    if (applied.problems.length > 0) {
      throw new PipelineError("Cannot queue experiments", applied.problems);
    }
    const keys = new Set(assignments.map((a) => a.slice(0, a.indexOf("=")).trim()));
    request.validate?.(applied.params, keys);
  }
  const names = await nameRuns(root, runs.length, request.name);
  const snapshot = await takeSnapshot(root);
  const at = new Date().toISOString();
  const entries: JournalEntry[] = runs.map((assignments, i) => ({
    op: "queued",
    name: names[i],
    at,
    attempt: 1,
    def: { setParams: assignments, snapshot: snapshot.id, baseCommit: snapshot.baseCommit },
  }));
  await appendJournal(root, entries);
  return names;
}

async function nameRuns(root: string, count: number, name: string | undefined): Promise<string[]> {
  const taken = await takenNames(root);
  if (name === undefined) {
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      const fresh = generateExperimentName(taken);
      taken.add(fresh);
      names.push(fresh);
    }
    return names;
  }
  assertExperimentName(name);
  const names = count === 1 ? [name] : Array.from({ length: count }, (_, i) => `${name}-${i + 1}`);
  const clash = names.find((candidate) => taken.has(candidate));
  if (clash !== undefined) {
    throw new ExperimentError(
      `Cannot queue experiment "${clash}": the name is taken; choose another --name, ` +
        `or remove the old one with exp remove ${clash}`,
    );
  }
  return names;
}
