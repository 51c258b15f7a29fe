/**
 * Weight of evidence and information value from bin counts. WOE_b = ln((bads_b / B) /
 * (goods_b / G)) with B, G the training totals, so a positive WOE is riskier than average;
 * IV = Σ_b (bads_b / B − goods_b / G) · WOE_b. A bin with no bads or no goods gets 0.5
 * added to both its counts (the Haldane correction) so its WOE stays finite; an empty
 * bin has WOE 0 and adds nothing to the IV.
 */

/** Training totals of bads and goods. */
export interface Totals {
  bads: number;
  goods: number;
}

/** The WOE of a bin holding `bads` and `goods` rows. */
export function woeOf(bads: number, goods: number, totals: Totals): number {
  if (bads + goods === 0) return 0;
  const [b, g] = corrected(bads, goods);
  return Math.log((b / totals.bads) / (g / totals.goods));
}

/** A bin's term of the information value. */
export function ivTermOf(bads: number, goods: number, totals: Totals): number {
  if (bads + goods === 0) return 0;
  const [b, g] = corrected(bads, goods);
  return (b / totals.bads - g / totals.goods) * Math.log((b / totals.bads) / (g / totals.goods));
}

/** The information value over bins given by their bad and total counts. */
export function informationValue(
  bads: ArrayLike<number>,
  count: ArrayLike<number>,
  totals: Totals,
) {
  let iv = 0;
  for (let b = 0; b < bads.length; b++) iv += ivTermOf(bads[b], count[b] - bads[b], totals);
  return iv;
}

function corrected(bads: number, goods: number): [number, number] {
  return bads === 0 || goods === 0 ? [bads + 0.5, goods + 0.5] : [bads, goods];
}
