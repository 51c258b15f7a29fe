/**
 * Stable in-place partition of a node's row range by a split, moving each row's
 * gradients with it so the children's rows stay ascending and their gradients
 * contiguous.
 */

/** Scratch space the size of the row index, reused for every split. */
export interface PartitionScratch {
  index: Uint32Array;
  gh: Float64Array;
}

/**
 * Moves rows of index[start..end) that go left to the front, keeping order on both
 * sides; returns the first right position.
 */
export function partitionRows(
  index: Uint32Array,
  gh: Float64Array,
  start: number,
  end: number,
  column: Uint8Array,
  splitBin: number,
  missingBin: number,
  defaultLeft: boolean,
  scratch: PartitionScratch,
): number {
  let left = start;
  let right = 0;
  const spareIndex = scratch.index;
  const spareGh = scratch.gh;
  for (let k = start; k < end; k++) {
    const row = index[k];
    const bin = column[row];
    const goLeft = bin === missingBin ? defaultLeft : bin <= splitBin;
    if (goLeft) {
      index[left] = row;
      gh[2 * left] = gh[2 * k];
      gh[2 * left + 1] = gh[2 * k + 1];
      left++;
    } else {
      spareIndex[right] = row;
      spareGh[2 * right] = gh[2 * k];
      spareGh[2 * right + 1] = gh[2 * k + 1];
      right++;
    }
  }
  index.set(spareIndex.subarray(0, right), left);
  gh.set(spareGh.subarray(0, 2 * right), 2 * left);
  return left;
}
