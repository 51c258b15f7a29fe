/**
 * The "unique path" bookkeeping of path-dependent TreeSHAP (Lundberg et al. 2018,
 * Algorithm 2: EXTEND, UNWIND and the unwound sum). A path holds, per feature split on
 * between the root and the current node, the fraction of zero (feature absent) and one
 * (feature present) paths that flow through, and the permutation weights of each
 * subset size. Paths of every recursion level live in one flat buffer.
 */

/** Struct-of-arrays storage for every level's copy of the unique path. */
export interface PathBuffer {
  feature: Int32Array;
  zeroFraction: Float64Array;
  oneFraction: Float64Array;
  weight: Float64Array;
}

/** A buffer large enough for trees of at most `maxDepth` split levels. */
export function createPathBuffer(maxDepth: number): PathBuffer {
  const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + 1;
  return {
    feature: new Int32Array(size),
    zeroFraction: new Float64Array(size),
    oneFraction: new Float64Array(size),
    weight: new Float64Array(size),
  };
}

/** Copies `length` path elements from offset `from` to offset `to`. */
export function copyPath(path: PathBuffer, from: number, to: number, length: number): void {
  // Paths are a handful of elements long; a plain loop beats four copyWithin calls.
  const { feature, zeroFraction, oneFraction, weight } = path;
  for (let k = 0; k < length; k++) {
    feature[to + k] = feature[from + k];
    zeroFraction[to + k] = zeroFraction[from + k];
    oneFraction[to + k] = oneFraction[from + k];
    weight[to + k] = weight[from + k];
  }
}

/** EXTEND: appends a split on `feature` at position `depth` of the path at `start`. */
export function extendPath(
  path: PathBuffer,
  start: number,
  depth: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  const { weight } = path;
  path.feature[start + depth] = feature;
  path.zeroFraction[start + depth] = zeroFraction;
  path.oneFraction[start + depth] = oneFraction;
  weight[start + depth] = depth === 0 ? 1 : 0;
  // Multiplying by the reciprocal saves two divisions per element in the hot loop.
  const one = oneFraction / (depth + 1);
  const zero = zeroFraction / (depth + 1);
  for (let i = depth - 1; i >= 0; i--) {
    weight[start + i + 1] += one * weight[start + i] * (i + 1);
    weight[start + i] = zero * weight[start + i] * (depth - i);
  }
}

/** UNWIND: removes element `index` from the path of length depth + 1 at `start`. */
export function unwindPath(path: PathBuffer, start: number, depth: number, index: number): void {
  const { weight } = path;
  const oneFraction = path.oneFraction[start + index];
  const zeroFraction = path.zeroFraction[start + index];
  let nextOnePortion = weight[start + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const previous = weight[start + i];
      weight[start + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      nextOnePortion = previous -
        (weight[start + i] * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      weight[start + i] = (weight[start + i] * (depth + 1)) / (zeroFraction * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    path.feature[start + i] = path.feature[start + i + 1];
    path.zeroFraction[start + i] = path.zeroFraction[start + i + 1];
    path.oneFraction[start + i] = path.oneFraction[start + i + 1];
  }
}

/** Total permutation weight of the path as if element `index` were unwound. */
export function unwoundPathSum(
  path: PathBuffer,
  start: number,
  depth: number,
  index: number,
): number {
  const { weight } = path;
  const oneFraction = path.oneFraction[start + index];
  const zeroFraction = path.zeroFraction[start + index];
  let nextOnePortion = weight[start + depth];
  let total = 0;
  if (oneFraction !== 0) {
    // Divisions hoisted out of the loop: this runs D times per leaf, D² steps in all.
    const up = (depth + 1) / oneFraction;
    const down = zeroFraction / (depth + 1);
    for (let i = depth - 1; i >= 0; i--) {
      const portion = (nextOnePortion * up) / (i + 1);
      total += portion;
      nextOnePortion = weight[start + i] - portion * down * (depth - i);
    }
  } else if (zeroFraction !== 0) {
    const up = (depth + 1) / zeroFraction;
    for (let i = depth - 1; i >= 0; i--) total += (weight[start + i] * up) / (depth - i);
  }
  return total;
}
