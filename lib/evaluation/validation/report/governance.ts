/** Governance sections: reason codes, adverse impact ratios, monotonicity and the gate. */
import {
  badge,
  barsPlot,
  type Cell,
  figure,
  grid,
  type PageSection,
  paragraph,
  renderHtmlTable,
  renderPlot,
} from "../../../report/mod.ts";
import { cutoffLabel } from "../../report/fairness.ts";
import type { ValidationReport } from "../schema.ts";

/** Reason-code frequencies among declined applicants, or a sentence that none were counted. */
export function reasonCodesSection(report: ValidationReport): PageSection {
  const reasons = report.reasonCodes;
  if (reasons === null) {
    return {
      title: "Reason codes",
      content: [paragraph(
        "Reason codes were not counted for this report (no counter was given), so it " +
          "cannot say how often each code is among the principal reasons of declined applicants.",
      )],
    };
  }
  const rows = Object.entries(reasons.counts).sort((a, b) =>
    b[1] - a[1] || a[0].localeCompare(b[0])
  );
  const chart = barsPlot({
    title: "Reason codes among declined applicants",
    bars: rows.map(([code, count]) => ({ category: code, value: count })),
    category: { label: "Reason code" },
    value: { label: "Declined applicants given the code", unit: "rows" },
    horizontal: true,
  });
  return {
    title: "Reason codes",
    note: `Declined: ${reasons.declinedBy}; ${reasons.declinedRows} test rows.`,
    content: [
      figure(renderPlot(chart), "Reason-code frequencies"),
      renderHtmlTable({
        caption: "Reason codes among declined test applicants",
        columns: ["code", "rows", "share of declined"],
        rows: rows.map(([code, count]) => [
          code,
          count,
          reasons.declinedRows === 0 ? null : count / reasons.declinedRows,
        ]),
      }),
    ],
  };
}

/** Adverse impact ratios per protected attribute, or a sentence saying none was evaluated. */
export function adverseImpactSection(report: ValidationReport): PageSection {
  const impact = report.adverseImpact;
  if (impact === null) {
    return {
      title: "Adverse impact",
      content: [paragraph("No protected attribute was evaluated (governance.protected is empty).")],
    };
  }
  const charts = impact.attributes.map((a) =>
    figure(
      renderPlot(barsPlot({
        title: `${a.attribute}: adverse impact ratio by group and tier cut-off`,
        bars: a.groups.flatMap((g) =>
          impact.cutoffs.map((c, k) => ({
            category: g.group,
            group: cutoffLabel(c),
            value: g.adverseImpactRatio[k] ?? NaN,
          }))
        ),
        category: { label: a.attribute },
        value: { label: "Adverse impact ratio", unit: "÷ most-approved group" },
        horizontal: true,
        rules: [impact.screen, 1],
      })),
      `${a.attribute}: adverse impact ratios`,
    )
  );
  const tables = impact.attributes.map((a) =>
    renderHtmlTable({
      caption: `${a.attribute} (${a.inModel ? "a model feature" : "not a model feature"}): ` +
        `adverse impact ratio at each cut-off`,
      columns: ["group", "rows", "judged", ...impact.cutoffs.map((c) => `AIR ${cutoffLabel(c)}`)],
      rows: a.groups.map((g): Cell[] => [
        g.group,
        g.rows,
        g.judged ? "yes" : "no (too few rows)",
        ...g.adverseImpactRatio.map((r, k): Cell =>
          r === null
            ? null
            : g.flagged[k]
            ? badge(`${r.toFixed(3)} < ${impact.screen}`, "alert")
            : r
        ),
      ]),
      rowClass: (_, i) => (a.groups[i].flagged.some(Boolean) ? "fail" : undefined),
    })
  );
  return {
    title: "Adverse impact",
    note: `Approval rate of each group ÷ that of the most-approved judged group, at each tier ` +
      `cut-off (approve = a tier at or below the cut); below ${impact.screen} is flagged (the ` +
      `four-fifths screen). From the evaluation's fairness results (metrics.json).`,
    content: [grid(...charts), ...tables],
  };
}

/** Probes along the monotone-constrained features. */
export function monotonicitySection(report: ValidationReport): PageSection {
  const checks = report.monotonicity;
  const direction = (d: number) => (d > 0 ? "rises" : d < 0 ? "falls" : "flat");
  return {
    title: "Monotonicity",
    note: "Each constrained feature (train.gbdt.monotone) walked over its training quantiles on " +
      "sampled test rows, other values held. Violations: steps where the probability moved " +
      "against the declared direction (0 expected for the constrained GBDT). Effect: the sign " +
      "of the mean change across the grid; the logistic model and a scorecard are not " +
      "constrained, so their effect is compared with the declared direction.",
    content: checks.length === 0
      ? [paragraph("No monotone constraint is declared (train.gbdt.monotone is empty).")]
      : [renderHtmlTable({
        caption: "Monotonicity probes per constrained feature and model",
        columns: ["feature", "model", "declared risk", "probes", "violations", "effect", "agrees"],
        rows: checks.map((c) => [
          c.feature,
          c.model,
          direction(c.declared),
          c.probes,
          c.violations,
          direction(c.effect),
          c.agrees && c.violations === 0
            ? badge("yes", "ok")
            : c.agrees
            ? badge("effect agrees, steps violate", "warn")
            : badge("no", "alert"),
        ]),
        rowClass: (_, i) => (checks[i].agrees ? undefined : "fail"),
      })],
  };
}

/** The promotion gate's checks. */
export function gateSection(report: ValidationReport): PageSection {
  const tones = { pass: "ok", fail: "alert", skipped: undefined } as const;
  return {
    title: "Promotion gate",
    note: `The gate ${report.gate.passed ? "passed" : "failed"}${
      report.gate.enforce ? " (enforced: a failure stops the pipeline)" : " (not enforced)"
    }.`,
    content: [renderHtmlTable({
      caption: "Gate checks (gate.json)",
      columns: ["check", "status", "value", "rule", "detail"],
      rows: report.gate.checks.map((c) => [
        c.name,
        badge(c.status, tones[c.status]),
        c.value,
        c.threshold,
        c.detail,
      ]),
      rowClass: (_, i) => (report.gate.checks[i].status === "fail" ? "fail" : undefined),
    })],
  };
}
