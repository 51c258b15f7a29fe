/**
 * The normalised pipeline definition every part of the runner works on, produced by
 * loading and validating pipeline.yaml (snake_case there, camelCase here).
 */
import type { PlotSpec } from "./plots.ts";

/** An output of a stage: a file or a directory (path ending in "/" or existing as one). */
export interface OutSpec {
  /** Repo-relative POSIX path, without a trailing slash. */
  path: string;
  /** Store in the content-addressed cache (default true). */
  cache: boolean;
  /** Keep the previous content when the stage re-runs instead of deleting it first (default false). */
  persist: boolean;
  /** What kind of out it was declared as. */
  kind: "out" | "metric" | "plot";
}

/** One stage of pipeline.yaml. */
export interface StageSpec {
  name: string;
  desc?: string;
  /** Commands run in order with `sh -c`, from the repo root; a string cmd becomes one entry. */
  cmd: string[];
  /** Declared deps, repo-relative POSIX paths (code deps are added at fingerprint time). */
  deps: string[];
  /** Dotted param keys the stage reads, e.g. "train.learning_rate". */
  params: string[];
  /** outs, metrics and plots together, in declaration order. */
  outs: OutSpec[];
  /**
   * Out-of-repo state the stage reads (`state:` in pipeline.yaml, e.g. "registry.champion"),
   * fingerprinted like a dep; absent when none is declared.
   */
  state?: string[];
  /**
   * State the stage may change (`writes_state:`). When it changes it, upstream stages whose
   * verdict it acted on keep their results (see `acceptStateWrites`); absent when none.
   */
  writesState?: string[];
  /** Always stale (still skipped if frozen). */
  alwaysChanged: boolean;
  /** Never re-run; its lock entry is trusted as is. */
  frozen: boolean;
}

/** The whole pipeline.yaml after validation. */
export interface PipelineSpec {
  /** The nested params mapping, after any --set-param overrides. */
  params: Record<string, unknown>;
  /** Stages in file order. */
  stages: StageSpec[];
  /** The curves `plots show|diff` draw (`plots:`), in file order; absent when none. */
  plots?: PlotSpec[];
}
