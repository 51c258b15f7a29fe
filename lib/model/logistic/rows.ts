/**
 * Row-wise access to the design without materialising it: each row's non-zero design
 * entries (every numeric column, at most one indicator per categorical, and the
 * intercept last), computed on the fly from the dataset's columns.
 */
import type { Dataset, DesignColumn } from "../types.ts";

/** Writes row i's non-zero entries into scratch arrays, indices ascending. */
export interface DesignRows {
  /** Number of design columns plus one for the intercept. */
  width: number;
  /** Largest number of non-zeros a row can have. */
  maxNonzeros: number;
  /** Fills index/value for row i and returns how many entries it wrote. */
  row(i: number, index: Uint32Array, value: Float64Array): number;
}

/** Row accessor over `data` for `design` (as built by buildDesign). */
export function designRows(data: Dataset, design: DesignColumn[]): DesignRows {
  const numeric: {
    at: number;
    column: Float64Array;
    impute: number;
    mean: number;
    scale: number;
  }[] = [];
  const levels = new Map<number, { base: number; count: number; column: Float64Array }>();
  design.forEach((d, at) => {
    if (d.kind === "numeric") {
      numeric.push({ at, column: data.columns[d.feature], ...d });
    } else {
      const group = levels.get(d.feature);
      if (group) group.count++;
      else levels.set(d.feature, { base: at - d.code, count: 1, column: data.columns[d.feature] });
    }
  });
  // Visiting in design order keeps the indices ascending within a row.
  const plan = [
    ...numeric.map((n) => ({ at: n.at, run: n })),
    ...[...levels.values()].map((l) => ({ at: l.base, run: l })),
  ].sort((a, b) => a.at - b.at).map((entry) => entry.run);
  const width = design.length + 1;
  return {
    width,
    maxNonzeros: numeric.length + levels.size + 1,
    row(i, index, value) {
      let count = 0;
      for (const step of plan) {
        const x = step.column[i];
        if ("impute" in step) {
          index[count] = step.at;
          value[count++] = ((Number.isNaN(x) ? step.impute : x) - step.mean) / step.scale;
        } else if (Number.isInteger(x) && x >= 0 && x < step.count) {
          index[count] = step.base + x;
          value[count++] = 1;
        }
      }
      index[count] = width - 1;
      value[count++] = 1;
      return count;
    },
  };
}
