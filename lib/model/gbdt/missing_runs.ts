/**
 * Rows whose whole group of eight features is missing. Real feature stores hold blocks
 * of columns that are missing together (no bureau record, no building information), so
 * a group is often entirely missing on a large share of the rows. Ordering the rows by
 * those groups' missingness makes such rows come in long runs, so the histogram
 * kernel's test "is this row all-missing here?" is almost always predicted right, and
 * an all-missing row costs one addition instead of eight (histogram.ts).
 */
import { type BinLayout, GROUP_WIDTH } from "./layout.ts";

/** Per group, the row word pair meaning "every feature missing", and whether to test it. */
export interface MissingGroups {
  /** Bins of lanes 0..3 when all are missing (little-endian; absent lanes are 0). */
  lo: Int32Array;
  /** Bins of lanes 4..7 likewise. */
  hi: Int32Array;
  /** Share of the rows on which the group is all-missing. */
  share: Float64Array;
  /** 1 where the group is all-missing on enough rows for the test to pay. */
  skippable: Uint8Array;
}

// Below this share of rows, testing every row costs more than the skipped rows save.
const MIN_SHARE = 0.3;
// At most this many groups order the rows (a counting sort over 2^16 keys).
const MAX_KEY_GROUPS = 16;

/** The all-missing word pairs of every group, and which groups are all-missing often. */
export function findMissingGroups(layout: BinLayout, missingBin: Int32Array): MissingGroups {
  const groups = Math.ceil(missingBin.length / GROUP_WIDTH);
  const lo = new Int32Array(groups);
  const hi = new Int32Array(groups);
  for (let f = 0; f < missingBin.length; f++) {
    const lane = f % GROUP_WIDTH;
    const bits = missingBin[f] << (8 * (lane % 4));
    if (lane < 4) lo[f >> 3] |= bits;
    else hi[f >> 3] |= bits;
  }
  const share = Float64Array.from(
    { length: groups },
    (_, g) => allMissingShare(layout, g, lo[g], hi[g]),
  );
  const skippable = Uint8Array.from(share, (s) => (s >= MIN_SHARE ? 1 : 0));
  return { lo, hi, share, skippable };
}

function allMissingShare(layout: BinLayout, group: number, lo: number, hi: number): number {
  const { words, rows } = layout;
  const base = group * rows * 2;
  let count = 0;
  for (let i = 0; i < rows; i++) {
    count += words[base + 2 * i] === lo && words[base + 2 * i + 1] === hi ? 1 : 0;
  }
  return rows === 0 ? 0 : count / rows;
}

/**
 * A row order (new position → original row) that sorts the rows, stably, by which of
 * the skippable groups are all-missing on them, the most often missing group first.
 */
export function orderByMissingness(layout: BinLayout, missing: MissingGroups): Uint32Array {
  const { words, rows } = layout;
  const keyGroups = [...missing.skippable.keys()]
    .filter((g) => missing.skippable[g] === 1)
    .sort((a, b) => missing.share[b] - missing.share[a] || a - b)
    .slice(0, MAX_KEY_GROUPS);
  const keys = new Uint32Array(rows);
  keyGroups.forEach((g, bit) => {
    const base = g * rows * 2;
    const value = 1 << (MAX_KEY_GROUPS - 1 - bit);
    for (let i = 0; i < rows; i++) {
      const all = words[base + 2 * i] === missing.lo[g] &&
        words[base + 2 * i + 1] === missing.hi[g];
      if (all) keys[i] |= value;
    }
  });
  const starts = new Uint32Array((1 << MAX_KEY_GROUPS) + 1);
  for (let i = 0; i < rows; i++) starts[keys[i] + 1]++;
  for (let k = 1; k < starts.length; k++) starts[k] += starts[k - 1];
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[starts[keys[i]]++] = i;
  return order;
}

/** Moves the row words of groups 0..groups - 1 into `order` (new position → original row). */
export function reorderRows(layout: BinLayout, groups: number, order: Uint32Array): void {
  const { words, rows } = layout;
  const copy = new Int32Array(2 * rows);
  for (let g = 0; g < groups; g++) {
    const base = g * rows * 2;
    copy.set(words.subarray(base, base + 2 * rows));
    for (let i = 0; i < rows; i++) {
      words[base + 2 * i] = copy[2 * order[i]];
      words[base + 2 * i + 1] = copy[2 * order[i] + 1];
    }
  }
}
