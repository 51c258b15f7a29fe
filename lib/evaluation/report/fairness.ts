/** The fairness section: adverse impact ratios by group at each tier cut-off, AUC per group. */
import {
  badge,
  barsPlot,
  type Cell,
  figure,
  grid,
  type Html,
  type PageSection,
  renderHtmlTable,
  renderPlot,
} from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import type { AttributeFairness, FairnessCutoff, FairnessReport } from "../fairness.ts";

/** How a cut-off reads in headers and legends: `≤ medium (p < 0.12)`. */
export function cutoffLabel(cutoff: FairnessCutoff): string {
  return `≤ ${cutoff.approveUpTo} (p < ${cutoff.threshold})`;
}

/**
 * Per protected attribute: a chart of the adverse impact ratio of each group at each
 * cut-off (the four-fifths line drawn) and a table of rows, defaults, AUC, approval
 * rates and ratios, a flag on each judged ratio below 0.8. Undefined without fairness.
 */
export function fairnessSection(evaluation: Evaluation): PageSection | undefined {
  const fairness = evaluation.fairness;
  if (fairness === undefined || fairness.attributes.length === 0) return undefined;
  const charts = fairness.attributes.map((a) =>
    figure(renderPlot(airPlot(a, fairness)), `${a.attribute}: adverse impact ratio by group`)
  );
  return {
    title: "Fairness",
    note: `Approve = a served tier at or below the cut. Adverse impact ratio = a group's ` +
      `approval rate ÷ that of the most-approved judged group; below ${fairness.screen} is ` +
      `flagged (four-fifths screen). Groups under ${fairness.minGroupRows} test rows are ` +
      `reported, not judged. AUC is the candidate's within each group.`,
    content: [
      grid(...charts),
      ...fairness.attributes.map((a) => attributeTable(a, fairness)),
    ],
  };
}

function airPlot(attribute: AttributeFairness, fairness: FairnessReport) {
  return barsPlot({
    bars: attribute.groups.flatMap((g) =>
      fairness.cutoffs.map((cutoff, c) => ({
        category: g.group,
        group: cutoffLabel(cutoff),
        value: g.adverseImpactRatio[c] ?? NaN,
      }))
    ),
    category: { label: attribute.attribute },
    value: { label: "Adverse impact ratio", unit: "÷ most-approved group" },
    horizontal: true,
    rules: [fairness.screen, 1],
  });
}

function attributeTable(attribute: AttributeFairness, fairness: FairnessReport): Html {
  const columns = [
    "group",
    "rows",
    "defaults",
    "AUC",
    "judged",
    ...fairness.cutoffs.flatMap((c) => [
      `approved ${cutoffLabel(c)}`,
      `AIR ${cutoffLabel(c)}`,
    ]),
  ];
  const rows = attribute.groups.map((g): Cell[] => [
    g.group,
    g.rows,
    g.positives,
    g.auc,
    g.judged ? "yes" : "no (too few rows)",
    ...fairness.cutoffs.flatMap((_, c): Cell[] => [
      g.approvalRate[c],
      airCell(g.adverseImpactRatio[c], g.flagged[c]),
    ]),
  ]);
  return renderHtmlTable({
    caption: `${attribute.attribute} (${
      attribute.inModel ? "a model feature" : "not a model feature: excluded from training"
    }; reference group per cut-off: ${
      attribute.referenceGroup.map((r) => r ?? "none").join(", ")
    })`,
    columns,
    rows,
    rowClass: (_, i) => attribute.groups[i].flagged.some(Boolean) ? "fail" : undefined,
  });
}

function airCell(value: number | null, flagged: boolean): Cell {
  if (value === null) return null;
  const text = value.toFixed(3);
  return flagged ? badge(`${text} < 0.8`, "alert") : text;
}
