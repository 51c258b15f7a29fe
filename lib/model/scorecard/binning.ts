/**
 * Monotone optimal binning of one training column. Numeric: quantile pre-bins (the
 * GBDT's float32 cut finder), merged until WOE is strictly monotone and every value bin
 * holds the minimum count, in whichever direction keeps the larger IV. Categorical:
 * each level with the minimum count is a group, the rarer levels pool into one, groups
 * are ordered by WOE and merged by the same rule. Missing values keep their own bin.
 * Also writes each row's bin into a Uint8Array, the design of the logistic fit.
 */
import { computeCuts, FLOAT32_MAX } from "../gbdt/binning.ts";
import type { FeatureSpec } from "../types.ts";
import { intervalOf } from "./bin_of.ts";
import { type BinCounts, type MergedBins, mergeMonotone } from "./merge.ts";
import type { FeatureBinning } from "./types.ts";
import { informationValue, type Totals, woeOf } from "./woe.ts";

/** Binning options resolved from the params. */
export interface BinningOptions {
  preBins: number;
  /** Least rows in a value bin. */
  minCount: number;
}

/** A binned training column: its binning and the bin of every row. */
export interface BinnedColumn {
  binning: FeatureBinning;
  bins: Uint8Array;
}

const MISSING = 255;

/** Bins column `column` of feature `spec` against 0/1 `labels`. */
export function binColumn(
  column: Float64Array,
  spec: FeatureSpec,
  labels: Float64Array,
  totals: Totals,
  options: BinningOptions,
): BinnedColumn {
  return spec.type === "categorical"
    ? binCategorical(column, spec, labels, totals, options)
    : binNumeric(column, labels, totals, options);
}

function binNumeric(
  column: Float64Array,
  labels: Float64Array,
  totals: Totals,
  options: BinningOptions,
): BinnedColumn {
  const preCuts = computeCuts(column, options.preBins + 1);
  if (preCuts[preCuts.length - 1] === FLOAT32_MAX) preCuts.pop();
  const bins = new Uint8Array(column.length);
  const pre: BinCounts = { bads: preCuts.map(() => 0), goods: preCuts.map(() => 0) };
  pre.bads.push(0);
  pre.goods.push(0);
  let missingBads = 0;
  let missingGoods = 0;
  for (let i = 0; i < column.length; i++) {
    const x = column[i];
    const bad = labels[i] === 1;
    if (x !== x) {
      bins[i] = MISSING;
      if (bad) missingBads++;
      else missingGoods++;
      continue;
    }
    const k = intervalOf(preCuts, x);
    bins[i] = k;
    if (bad) pre.bads[k]++;
    else pre.goods[k]++;
  }
  const rising = mergeMonotone(pre, totals, 1, options.minCount);
  const falling = mergeMonotone(pre, totals, -1, options.minCount);
  const ivOf = (m: MergedBins) =>
    informationValue(m.bads, m.bads.map((b, k) => b + m.goods[k]), totals);
  const direction = ivOf(falling) > ivOf(rising) ? -1 : 1;
  const merged = direction === 1 ? rising : falling;
  const cuts = preCuts.filter((_, k) => merged.binOfPreBin[k + 1] !== merged.binOfPreBin[k]);
  const missingBin = merged.bads.length;
  const remap = new Uint8Array(256);
  merged.binOfPreBin.forEach((bin, k) => (remap[k] = bin));
  remap[MISSING] = missingBin;
  for (let i = 0; i < bins.length; i++) bins[i] = remap[bins[i]];
  const binning = finish(
    cuts,
    merged.bads.map((_, k) => k),
    merged,
    missingBads,
    missingGoods,
    totals,
    direction,
  );
  return { binning, bins };
}

function binCategorical(
  column: Float64Array,
  spec: FeatureSpec,
  labels: Float64Array,
  totals: Totals,
  options: BinningOptions,
): BinnedColumn {
  const levels = spec.levels?.length ?? 0;
  if (levels === 0) {
    throw new TypeError(`Cannot bin feature "${spec.name}": categorical feature has no levels`);
  }
  const levelBads = new Float64Array(levels);
  const levelCount = new Float64Array(levels);
  let missingBads = 0;
  let missingGoods = 0;
  for (let i = 0; i < column.length; i++) {
    const code = column[i];
    if (code !== code) {
      if (labels[i] === 1) missingBads++;
      else missingGoods++;
      continue;
    }
    if (!Number.isInteger(code) || code < 0 || code >= levels) {
      throw new RangeError(
        `Cannot bin feature "${spec.name}": row ${i} has code ${code}, not a level code 0..${
          levels - 1
        }`,
      );
    }
    levelCount[code]++;
    levelBads[code] += labels[i];
  }
  // Group g of the levels, before ordering: frequent levels alone, the rare ones pooled.
  const groupOfLevel = new Int32Array(levels);
  const groups: BinCounts = { bads: [], goods: [] };
  let rare = -1;
  for (let code = 0; code < levels; code++) {
    let group: number;
    if (levelCount[code] >= options.minCount) {
      group = groups.bads.length;
      groups.bads.push(0);
      groups.goods.push(0);
    } else {
      if (rare < 0) {
        rare = groups.bads.length;
        groups.bads.push(0);
        groups.goods.push(0);
      }
      group = rare;
    }
    groupOfLevel[code] = group;
    groups.bads[group] += levelBads[code];
    groups.goods[group] += levelCount[code] - levelBads[code];
  }
  const woe = groups.bads.map((b, g) => woeOf(b, groups.goods[g], totals));
  const order = woe.map((_, g) => g).sort((a, b) => woe[a] - woe[b] || a - b);
  const rankOf = new Int32Array(order.length);
  order.forEach((g, rank) => (rankOf[g] = rank));
  const sorted: BinCounts = {
    bads: order.map((g) => groups.bads[g]),
    goods: order.map((g) => groups.goods[g]),
  };
  const merged = mergeMonotone(sorted, totals, 1, options.minCount);
  const intervalBin = Array.from(
    { length: levels },
    (_, code) => merged.binOfPreBin[rankOf[groupOfLevel[code]]],
  );
  const cuts = Array.from({ length: levels - 1 }, (_, code) => code + 0.5);
  const missingBin = merged.bads.length;
  const bins = new Uint8Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const code = column[i];
    bins[i] = code !== code ? missingBin : intervalBin[code];
  }
  return {
    binning: finish(cuts, intervalBin, merged, missingBads, missingGoods, totals, 1),
    bins,
  };
}

function finish(
  cuts: number[],
  intervalBin: number[],
  merged: BinCounts,
  missingBads: number,
  missingGoods: number,
  totals: Totals,
  direction: 1 | -1,
): FeatureBinning {
  const bads = [...merged.bads, missingBads];
  const count = [...merged.bads.map((b, k) => b + merged.goods[k]), missingBads + missingGoods];
  const woe = bads.map((b, k) => woeOf(b, count[k] - b, totals));
  return {
    cuts,
    intervalBin,
    count,
    bads,
    woe,
    iv: informationValue(bads, count, totals),
    direction,
  };
}
