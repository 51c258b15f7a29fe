/** The adverse impact ratios of the report, taken from the evaluation's fairness results. */
import type { FairnessReport } from "../fairness.ts";
import type { AdverseImpact } from "./schema.ts";

/** The ratios of `fairness` (lib/evaluation/fairness.ts, metrics.json); null without one. */
export function adverseImpactOf(fairness: FairnessReport | undefined): AdverseImpact | null {
  if (fairness === undefined || fairness.attributes.length === 0) return null;
  return {
    screen: fairness.screen,
    cutoffs: fairness.cutoffs.map((c) => ({ approveUpTo: c.approveUpTo, threshold: c.threshold })),
    attributes: fairness.attributes.map((a) => ({
      attribute: a.attribute,
      inModel: a.inModel,
      groups: a.groups.map((g) => ({
        group: g.group,
        rows: g.rows,
        judged: g.judged,
        approvalRate: g.approvalRate,
        adverseImpactRatio: g.adverseImpactRatio.map((r) => r ?? null),
        flagged: g.flagged,
      })),
    })),
  };
}
