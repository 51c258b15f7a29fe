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
  let left = start;
  let right = 0;
  for (let k = start; k < end; k++) {
    const row = index[k];
    const bin = column[row * stride];
    const goLeft = bin === missingBin ? defaultLeft : bin <= splitBin;
    if (goLeft) index[left++] = row;
    else scratch[right++] = row;
  }
  index.set(scratch.subarray(0, right), left);
  return left;
}
