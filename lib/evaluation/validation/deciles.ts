/**
 * The KS decile table: test rows ranked by descending score (the gains table's ranking,
 * ties by row order) and cut into ten equal groups; per decile its bads, goods, bad rate,
 * the cumulative shares of bads and goods down to it and their gap, the decile KS. The
 * largest decile KS is the exact KS evaluated at decile boundaries only, so it is at most
 * the exact statistic.
 */
import { gainsTable } from "../../model/metrics/mod.ts";
import type { DecileRow } from "./schema.ts";

/**
 * Deciles of `scores` (probabilities of default) against 0/1 `labels`.
 * @example
 * ```ts
 * import { decileTable } from "./deciles.ts";
 * const scores = Array.from({ length: 100 }, (_, i) => i / 100);
 * const labels = scores.map((s) => (s >= 0.8 ? 1 : 0));
 * const rows = decileTable(scores, labels);
 * if (rows[1].ks !== 1) throw new Error(`expected a perfect split after two deciles`);
 * ```
 */
export function decileTable(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups = 10,
): DecileRow[] {
  const gains = gainsTable(scores, labels, groups);
  const bads = gains.reduce((sum, g) => sum + g.positives, 0);
  const goods = labels.length - bads;
  let cumulativeGoods = 0;
  return gains.map((g) => {
    const groupGoods = g.count - g.positives;
    cumulativeGoods += groupGoods;
    const cumulativeGoodShare = cumulativeGoods / goods;
    return {
      decile: g.group,
      count: g.count,
      minScore: g.minScore,
      maxScore: g.maxScore,
      bads: g.positives,
      goods: groupGoods,
      badRate: g.positiveRate,
      cumulativeBadShare: g.cumulativeCapture,
      cumulativeGoodShare,
      ks: g.cumulativeCapture - cumulativeGoodShare,
    };
  });
}
