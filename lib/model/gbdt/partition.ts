/**
 * Stable in-place partition of a node's row range by a split, so both children's rows
 * stay ascending.
 */

/**
 * Moves rows of index[start..end) that go left to the front, keeping order on both
 * sides; returns the first right position. Row r's bin is column[r * stride];
 * `scratch` holds at least end - start rows.
 */
export function partitionRows(
  index: Uint32Array,
  start: number,
  end: number,
  column: Uint8Array,
  stride: number,
  splitBin: number,
  missingBin: number,
  defaultLeft: boolean,
  scratch: Uint32Array,
): number {
  // Branch-free: the side is random per row, so a branch would mispredict half the
  // time. Every row is written to both places and only the chosen cursor advances.
  // A missing bin is above every split bin, so it goes left only by default.
  const missingLeft = defaultLeft ? 1 : 0;
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const row = index[k];
    const bin = column[row * stride];
    const atOrBelow = ((splitBin - bin) >>> 31) ^ 1;
    const missing = ((bin ^ missingBin) - 1) >>> 31;
    const goLeft = atOrBelow | (missing & missingLeft);
    index[left] = row;
    scratch[right] = row;
    left += goLeft;
    right += goLeft ^ 1;
  }
  index.set(scratch.subarray(0, right), left);
  return left;
}

/** Int32s per packed partition task: start, end, feature, split bin, missing bin, default left. */
export const PARTITION_WIDTH = 6;

/**
 * Runs packed task k (see PARTITION_WIDTH) over the index and stores its first right
 * position in mids[k]. Tasks of one level cover disjoint ranges, so threads may run
 * them in any order.
 */
export function runPartitionTask(
  bins: Uint8Array[],
  stride: number,
  index: Uint32Array,
  scratch: Uint32Array,
  tasks: Int32Array,
  k: number,
  mids: Int32Array,
): void {
  const at = k * PARTITION_WIDTH;
  mids[k] = partitionRows(
    index,
    tasks[at],
    tasks[at + 1],
    bins[tasks[at + 2]],
    stride,
    tasks[at + 3],
    tasks[at + 4],
    tasks[at + 5] === 1,
    scratch,
  );
}
