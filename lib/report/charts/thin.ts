/** Thinning of long curves so a report stays small at full data scale. */

/** Point indices to keep: about `maxPoints` evenly spaced ones, always the first and last. */
export function thinIndices(length: number, maxPoints: number): Uint32Array {
  if (maxPoints < 2) {
    throw new RangeError(`Cannot thin a curve: maxPoints is ${maxPoints}, below 2`);
  }
  if (length <= maxPoints) return Uint32Array.from({ length }, (_, i) => i);
  const step = (length - 1) / (maxPoints - 1);
  const kept = new Uint32Array(maxPoints);
  for (let k = 0; k < maxPoints; k++) kept[k] = Math.round(k * step);
  return kept;
}
