/**
 * Where the bins live: features in groups of eight, each group row-major, so a row's
 * bins for features 8q..8q+7 are eight consecutive bytes. The histogram kernel reads a
 * group's row with two 32-bit loads; a feature's bins are read with stride 8.
 */

/** Features per group (bytes per row in a group). */
export const GROUP_WIDTH = 8;

/** Views over a bin buffer. */
export interface BinLayout {
  rows: number;
  /** Per feature, a view whose element row * GROUP_WIDTH is that row's bin. */
  bins: Uint8Array[];
  /** The whole buffer as 32-bit words (four bins each, little-endian). */
  words: Int32Array;
}

/** Bytes a bin buffer needs. */
export function binBufferBytes(rows: number, features: number): number {
  return Math.max(4, Math.ceil(features / GROUP_WIDTH) * GROUP_WIDTH * rows);
}

/** First byte of feature `feature`'s bins (row 0). */
export function featureByteOffset(rows: number, feature: number): number {
  const group = Math.floor(feature / GROUP_WIDTH);
  return group * GROUP_WIDTH * rows + (feature % GROUP_WIDTH);
}

/** Views over a buffer of binBufferBytes(rows, features) bytes. */
export function createBinLayout(
  buffer: ArrayBufferLike,
  rows: number,
  features: number,
): BinLayout {
  const bins = Array.from({ length: features }, (_, f) => {
    const start = featureByteOffset(rows, f);
    return new Uint8Array(buffer, start, Math.max(0, rows * GROUP_WIDTH - (f % GROUP_WIDTH)));
  });
  return { rows, bins, words: new Int32Array(buffer, 0, buffer.byteLength >> 2) };
}
