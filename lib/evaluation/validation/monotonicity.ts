/**
 * Monotonicity checks: each model is probed along each monotone-constrained feature
 * (train.gbdt.monotone, stored in the GBDT's params). Sampled test rows keep their other
 * values while the feature walks a grid of the training split's quantiles; a step where
 * the probability moves against the declared direction is a violation (0 expected for
 * the constrained GBDT), and the sign of the mean change from the lowest to the highest
 * grid value is the model's effect, compared with the declared direction (the only
 * guarantee a logistic model or scorecard can give, since nothing constrained them).
 */
import type { Dataset } from "../../model/types.ts";
import { createRng } from "../../random/mod.ts";
import { alignFeatures } from "../evaluate.ts";
import type { MonotonicityCheck } from "./schema.ts";

/** A model to probe: its name in the report, its features, and how it scores a dataset. */
export interface ProbedModel {
  name: string;
  features: Dataset["features"];
  predict: (data: Dataset) => Float64Array;
}

/** Options of {@link monotonicityChecks}. */
export interface MonotonicityOptions {
  /** Test rows probed (seeded sample; all when fewer). */
  rows?: number;
  /** Grid points per feature (distinct training quantiles; fewer when ties). */
  grid?: number;
  seed?: number;
  /** A move smaller than this is no move (float noise). */
  tolerance?: number;
}

/**
 * Probes every model along every constrained feature it has.
 * @example
 * ```ts
 * import { monotonicityChecks, type ProbedModel } from "./monotonicity.ts";
 * import type { Dataset } from "../../model/types.ts";
 * const data: Dataset = { features: [{ name: "x", type: "numeric" }], columns: [Float64Array.of(0, 1, 2, 3)], rows: 4 };
 * const falling: ProbedModel = { name: "m", features: data.features, predict: (d) => d.columns[0].map((x) => 1 / (2 + x)) };
 * const [check] = monotonicityChecks([falling], { x: -1 }, data, data);
 * if (check.violations !== 0 || !check.agrees) throw new Error(JSON.stringify(check));
 * ```
 */
export function monotonicityChecks(
  models: ProbedModel[],
  monotone: Record<string, 1 | -1>,
  train: Dataset,
  test: Dataset,
  options: MonotonicityOptions = {},
): MonotonicityCheck[] {
  const sample = sampleRows(test.rows, options.rows ?? 100, options.seed ?? 0);
  const tolerance = options.tolerance ?? 1e-12;
  const checks: MonotonicityCheck[] = [];
  for (const [feature, declared] of Object.entries(monotone)) {
    const trainColumn = train.columns[train.features.findIndex((f) => f.name === feature)];
    if (trainColumn === undefined) continue;
    const grid = quantileGrid(trainColumn, options.grid ?? 16);
    const j = test.features.findIndex((f) => f.name === feature);
    if (grid.length < 2 || j < 0) continue;
    // One probe table per feature, laid out for each model by name (columns shared).
    const probes = probeDataset(test, sample, j, grid);
    for (const model of models) {
      if (!model.features.some((f) => f.name === feature)) continue;
      const p = model.predict(alignFeatures(probes, model));
      let violations = 0;
      let totalChange = 0;
      for (let r = 0; r < sample.length; r++) {
        const base = r * grid.length;
        for (let g = 1; g < grid.length; g++) {
          const step = p[base + g] - p[base + g - 1];
          if (step * declared < -tolerance) violations++;
        }
        totalChange += p[base + grid.length - 1] - p[base];
      }
      const mean = sample.length === 0 ? 0 : totalChange / sample.length;
      const effect = Math.abs(mean) <= tolerance ? 0 : mean > 0 ? 1 : -1;
      checks.push({
        feature,
        model: model.name,
        declared,
        probes: sample.length * (grid.length - 1),
        violations,
        effect,
        agrees: effect === 0 || effect === declared,
      });
    }
  }
  return checks;
}

/** Rows r·grid + g: sampled row r of `test` with feature j at grid[g]. */
function probeDataset(test: Dataset, sample: Uint32Array, j: number, grid: number[]): Dataset {
  const rows = sample.length * grid.length;
  const columns = test.columns.map((column, k) => {
    const out = new Float64Array(rows);
    for (let r = 0; r < sample.length; r++) {
      if (k === j) out.set(grid, r * grid.length);
      else out.fill(column[sample[r]], r * grid.length, (r + 1) * grid.length);
    }
    return out;
  });
  return { features: test.features, columns, rows };
}

/** Distinct values at evenly spaced quantiles of the finite values, ascending. */
function quantileGrid(column: Float64Array, points: number): number[] {
  const sorted = column.filter(Number.isFinite).sort();
  if (sorted.length === 0) return [];
  const grid: number[] = [];
  for (let g = 0; g < points; g++) {
    const value = sorted[Math.round((g * (sorted.length - 1)) / (points - 1))];
    if (grid.length === 0 || value > grid[grid.length - 1]) grid.push(value);
  }
  return grid;
}

function sampleRows(rows: number, limit: number, seed: number): Uint32Array {
  const all = Array.from({ length: rows }, (_, i) => i);
  if (rows <= limit) return Uint32Array.from(all);
  return Uint32Array.from(createRng(seed).shuffle(all).slice(0, limit)).sort();
}
