/** The scorecard's points table: every bin of every feature in the card, with its points. */
import { type PageSection, renderHtmlTable } from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";

/**
 * The points of each bin of the features the scorecard uses, strongest (highest IV)
 * first; undefined when the candidate has no scorecard.
 */
export function pointsSection(evaluation: Evaluation): PageSection | undefined {
  const points = evaluation.points;
  if (points === undefined) return undefined;
  const rows = points.table.filter((row) => row.included);
  const order = [...new Set(rows.map((row) => row.feature))]
    .map((feature) => ({ feature, iv: rows.find((row) => row.feature === feature)!.iv }))
    .sort((a, b) => b.iv - a.iv || (a.feature < b.feature ? -1 : 1));
  const rank = new Map(order.map((f, k) => [f.feature, k]));
  rows.sort((a, b) => rank.get(a.feature)! - rank.get(b.feature)! || a.bin - b.bin);
  const left = new Set(points.table.filter((row) => !row.included).map((row) => row.feature)).size;
  const { baseScore, baseOdds, pdo } = points.scaling;
  return {
    title: "Scorecard points",
    note:
      `A score is the sum of its bins' points: ${baseScore} points at good:bad odds of ${baseOdds}:1, ${pdo} more points double the odds. ${order.length} features in the card, ${left} left out (information value below train.scorecard.min_iv, or one bin). Bad rate and WOE are the training split's.`,
    content: [renderHtmlTable({
      columns: ["feature", "IV", "bin", "rows", "bad rate", "WOE", "points"],
      rows: rows.map((row) => [
        row.feature,
        row.iv,
        row.label,
        row.count,
        row.badRate,
        row.woe,
        Number(row.points.toFixed(2)),
      ]),
    })],
  };
}
