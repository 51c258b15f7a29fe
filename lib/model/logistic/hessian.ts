/**
 * Accumulates the logistic Hessian XᵀWX a block of rows at a time. Each block keeps a
 * column-major copy of its √w-scaled design plus, per column, the rows where it is
 * non-zero: two full columns (numeric, intercept) meet in a contiguous dot product,
 * while a one-hot column is visited only on its own rows, so a 50-level categorical
 * costs about as much as one numeric column.
 */

/** Rows per block. */
export const HESSIAN_BLOCK = 128;

/** Collects rows into a block and adds the block's XᵀWX into a lower triangle. */
export interface HessianAccumulator {
  /** Adds block row r: entries (index[k], value[k]) for k < count, scaled by `root`. */
  addRow(r: number, index: Uint32Array, value: Float64Array, count: number, root: number): void;
  /** Adds the block's first `size` rows into `hessian` (m×m, lower triangle) and clears it. */
  flush(size: number, hessian: Float64Array): void;
}

/** An accumulator for a design of `m` columns (intercept included). */
export function createHessianAccumulator(m: number): HessianAccumulator {
  const B = HESSIAN_BLOCK;
  const block = new Float64Array(m * B);
  const rowsOf = new Uint8Array(m * B);
  const rowCount = new Int32Array(m);
  const columns = new Uint32Array(m);
  return {
    addRow(r, index, value, count, root) {
      for (let k = 0; k < count; k++) {
        const j = index[k];
        block[j * B + r] = root * value[k];
        rowsOf[j * B + rowCount[j]++] = r;
      }
    },
    flush(size, hessian) {
      let used = 0;
      for (let j = 0; j < m; j++) if (rowCount[j] > 0) columns[used++] = j;
      for (let a = 0; a < used; a++) {
        const ca = columns[a];
        const ja = ca * B;
        const base = ca * m;
        const countA = rowCount[ca];
        for (let b = 0; b <= a; b++) {
          const cb = columns[b];
          const jb = cb * B;
          const countB = rowCount[cb];
          let dot = 0;
          if (countA === size && countB === size) {
            for (let r = 0; r < size; r++) dot += block[ja + r] * block[jb + r];
          } else if (countA <= countB) {
            for (let k = 0; k < countA; k++) {
              const r = rowsOf[ja + k];
              dot += block[ja + r] * block[jb + r];
            }
          } else {
            for (let k = 0; k < countB; k++) {
              const r = rowsOf[jb + k];
              dot += block[ja + r] * block[jb + r];
            }
          }
          hessian[base + cb] += dot;
        }
      }
      for (let a = 0; a < used; a++) {
        block.fill(0, columns[a] * B, columns[a] * B + B);
        rowCount[columns[a]] = 0;
      }
    },
  };
}
