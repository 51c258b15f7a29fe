/**
 * The kernels' jobs, in chunks any thread may claim. A share of XᵀWX: the kernel over
 * every block of rows for the panels
 * firstPanel ≤ P < endPanel (the Gram tiles of those tile rows, and the level sums of
 * those panels). The calling thread and the Gram workers claim shares (chunks of a
 * job) as they go; every entry belongs to exactly one share and is summed in the same
 * order of rows and blocks whichever thread runs it, so the result depends neither on
 * the worker count nor on who claimed what. The gradient and margin passes split the
 * same way, by panels and by rows.
 */
import { JOB } from "./gram_control.ts";
import type { GramKernel } from "./gram_kernel.ts";
import { standardiseLanes } from "./lane_stats.ts";

/** Rows the Gram kernel takes at a time: the block's panels stay in the core's L2 cache. */
export const GRAM_BLOCK_ROWS = 256;

/** Where the kernel finds its inputs and outputs (byte offsets) and which panels it owns. */
export interface GramShare {
  panels: number;
  weights: number;
  codes: number;
  gram: number;
  sums: number;
  rows: number;
  panelCount: number;
  categoricals: number;
  firstPanel: number;
  endPanel: number;
}

/**
 * What a job computes: XᵀWX, Xᵀ·vector over the dense panels, X·vector per row, or the
 * dense columns' stats and standardised values (lane_stats.ts; `vector` is the stats).
 */
export const JOB_KINDS = { gram: 0, gradient: 1, margins: 2, standardise: 3 } as const;

/**
 * What every chunk of a job shares: the fields of a GramShare but its panels, the kind,
 * and for the passes their input `vector` and output `out` (byte offsets). A chunk of a
 * Gram or gradient job is a range of panels, of a margins job a range of rows.
 */
export type GramJob = Omit<GramShare, "firstPanel" | "endPanel"> & {
  kind: number;
  vector: number;
  out: number;
  /** Dense columns (the intercept last). */
  dense: number;
};

/** The fields of a GramJob in the order the job's words hold them. */
export const JOB_FIELDS = [
  "kind",
  "panels",
  "weights",
  "codes",
  "gram",
  "sums",
  "rows",
  "panelCount",
  "categoricals",
  "vector",
  "out",
  "dense",
] as const;

/** Runs chunk [first, end) of `job` (panels, or rows for margins) with `kernel`. */
export function runJobChunk(kernel: GramKernel, job: GramJob, first: number, end: number): void {
  if (first >= end) return;
  const panelBytes = job.rows * 32;
  if (job.kind === JOB_KINDS.gram) {
    runGramShare(kernel, { ...job, firstPanel: first, endPanel: end });
  } else if (job.kind === JOB_KINDS.gradient) {
    kernel.gradient(
      job.panels + first * panelBytes,
      panelBytes,
      job.vector,
      job.rows,
      end - first,
      job.out + first * 32,
    );
  } else if (job.kind === JOB_KINDS.standardise) {
    const f64 = new Float64Array(kernel.memory.buffer);
    standardiseLanes(f64, job.panels, job.vector, job.rows, job.dense, first, end);
  } else {
    kernel.margins(
      job.panels + first * 32,
      panelBytes,
      job.vector,
      end - first,
      job.panelCount,
      job.out + first * 8,
    );
  }
}

/** `parts` + 1 bounds splitting [0, count) into near-equal contiguous ranges. */
export function evenBounds(count: number, parts: number): number[] {
  return Array.from({ length: parts + 1 }, (_, k) => Math.round((count * k) / parts));
}

/** Runs `share` with `kernel` (over the memory the offsets point into). */
export function runGramShare(kernel: GramKernel, share: GramShare): void {
  const { rows, panelCount, categoricals, firstPanel, endPanel } = share;
  if (firstPanel >= endPanel) return;
  const panelBytes = rows * 32;
  const outStride = panelCount * 32;
  for (let first = 0; first < rows; first += GRAM_BLOCK_ROWS) {
    const count = Math.min(GRAM_BLOCK_ROWS, rows - first);
    const panels = share.panels + first * 32;
    const weights = share.weights + first * 8;
    kernel.gramBlock(
      panels,
      panelBytes,
      weights,
      count,
      endPanel,
      share.gram,
      outStride,
      firstPanel,
    );
    if (categoricals > 0) {
      kernel.levelSums(
        panels,
        panelBytes,
        weights,
        share.codes + first * categoricals * 4,
        count,
        endPanel,
        share.sums,
        outStride,
        categoricals,
        firstPanel,
      );
    }
  }
}

/**
 * Splits the panels into `parts` contiguous ranges of about equal work (tile row I holds
 * I + 1 tiles; each panel also takes every row's level sums); returns the part bounds.
 */
export function splitPanels(panelCount: number, categoricals: number, parts: number): number[] {
  const cost = (panel: number) => 16 * (panel + 1) + 8 * categoricals;
  let total = 0;
  for (let p = 0; p < panelCount; p++) total += cost(p);
  const bounds = [0];
  let done = 0;
  for (let p = 0; p < panelCount && bounds.length < parts; p++) {
    done += cost(p);
    if (done >= (total * bounds.length) / parts) bounds.push(p + 1);
  }
  while (bounds.length < parts) bounds.push(panelCount);
  bounds.push(panelCount);
  return bounds;
}

/**
 * Claims chunks of the job in `words` (gram_control.ts JOB) until none is left, running
 * each; returns how many this thread ran.
 */
export function runClaimedChunks(kernel: GramKernel, words: Int32Array): number {
  const job = {} as Record<keyof GramJob, number>;
  JOB_FIELDS.forEach((field, k) => job[field] = words[JOB.fields + k] >>> 0);
  const chunks = words[JOB.chunks];
  let ran = 0;
  for (
    let chunk = Atomics.add(words, JOB.next, 1);
    chunk < chunks;
    chunk = Atomics.add(words, JOB.next, 1)
  ) {
    runJobChunk(kernel, job, words[JOB.bounds + chunk], words[JOB.bounds + chunk + 1]);
    ran++;
  }
  return ran;
}
