/**
 * `status`: which stages are stale and why, computed from the files as they are now
 * against pipeline.lock, without running or changing anything (besides the stat cache).
 */
import {
  findOutProblems,
  fingerprintStage,
  hasherWithLockedOuts,
  outReasons,
  staleReasons,
} from "./run/fingerprint.ts";
import { stageGraphOf } from "./spec/graph.ts";
import { loadPipelineCached, readLockCached } from "./run/load_cached.ts";
import { planRepro } from "./run/plan.ts";
import { openHasher } from "./store/stat_cache.ts";
import type { PipelineSpec } from "./spec/types.ts";

/** One stage's status. */
export interface StageStatus {
  stage: string;
  /** True when a repro would run or restore it. */
  stale: boolean;
  frozen: boolean;
  /** Why it is stale, e.g. `dep "lib/x.ts" modified`, `param train.eta 0.1 → 0.05`. */
  reasons: string[];
}

/** Options of `pipelineStatus`. */
export interface StatusOptions {
  /** Only these stages and their upstream (all when empty). */
  targets?: string[];
  /** `key=value` overrides, to ask what a `repro --set-param` would run. */
  setParams?: string[];
  /** The pipeline as `loadPipelineCached(root, setParams)` returns it, if already loaded. */
  spec?: PipelineSpec;
}

/**
 * Returns every planned stage's status in topological order.
 * @example
 * ```ts
 * import { pipelineStatus } from "./status.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(
 *   `${root}/pipeline.yaml`,
 *   "stages:\n  hello:\n    cmd: echo hi > out.txt\n    outs: [out.txt]\n",
 * );
 * const stale = (await pipelineStatus(root)).filter((s) => s.stale);
 * await Deno.remove(root, { recursive: true });
 * if (stale[0]?.stage !== "hello") throw new Error("expected hello to be stale (never run)");
 * ```
 */
export async function pipelineStatus(
  root: string,
  options: StatusOptions = {},
): Promise<StageStatus[]> {
  const spec = options.spec ?? await loadPipelineCached(root, options.setParams);
  const graph = stageGraphOf(spec);
  const order = planRepro(graph, options.targets ?? []);
  const [hasher, lock] = await Promise.all([openHasher(root), readLockCached(root)]);
  const depHasher = hasherWithLockedOuts(
    hasher,
    (path) => graph.producerOf(path),
    (stage) => lock.stages[stage],
  );
  try {
    return await Promise.all(order.map(async (name): Promise<StageStatus> => {
      const stage = graph.stages.get(name)!;
      if (stage.frozen) return { stage: name, stale: false, frozen: true, reasons: [] };
      const fingerprint = await fingerprintStage({ root, spec, hasher: depHasher }, stage);
      const entry = lock.stages[name];
      let reasons = staleReasons(stage, fingerprint, entry);
      if (reasons.length === 0 && entry !== undefined) {
        reasons = outReasons(await findOutProblems(stage, entry, hasher));
      }
      return { stage: name, stale: reasons.length > 0, frozen: false, reasons };
    }));
  } finally {
    await hasher.flush();
  }
}

/** Renders statuses as text: each stale stage with its reasons, or that all is up to date. */
export function renderStatus(statuses: StageStatus[]): string {
  const stale = statuses.filter((s) => s.stale);
  if (stale.length === 0) return "Everything is up to date";
  return stale.map((s) => `${s.stage}:\n${s.reasons.map((r) => `  ${r}`).join("\n")}`)
    .join("\n");
}
