/** Verdict sections: headline metrics of every model, the promotion gate, production comparison. */
import { badge, type PageSection, renderHtmlTable } from "../../report/mod.ts";
import type { BinarySummary } from "../../model/metrics/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { modelLabel } from "./names.ts";

const METRICS: [keyof BinarySummary, string][] = [
  ["rocAuc", "ROC AUC"],
  ["gini", "Gini"],
  ["prAuc", "PR AUC"],
  ["ks", "KS"],
  ["brier", "Brier"],
  ["logloss", "log loss"],
  ["ece", "ECE"],
];

/** Every model's scalar metrics side by side. */
export function metricsSection(evaluation: Evaluation): PageSection {
  const models: [string, BinarySummary][] = [
    [modelLabel("gbdt", evaluation.chosen.kind), evaluation.gbdt],
    [modelLabel("baseline", evaluation.chosen.kind), evaluation.baseline],
    ...(evaluation.scorecard
      ? [[modelLabel("scorecard", evaluation.chosen.kind), evaluation.scorecard] as [
        string,
        BinarySummary,
      ]]
      : []),
    ...(evaluation.production
      ? [
        [modelLabel(evaluation.production.version), evaluation.production] as [
          string,
          BinarySummary,
        ],
      ]
      : []),
  ];
  const { rows, positives, prevalence } = evaluation.gbdt;
  return {
    title: "Metrics",
    note: `Test split: ${rows.toLocaleString("en-US")} applicants, ${
      positives.toLocaleString("en-US")
    } defaults (${(prevalence * 100).toFixed(2)}%). Candidate model: ${evaluation.chosen.reason}.`,
    content: [renderHtmlTable({
      columns: ["model", ...METRICS.map(([, name]) => name)],
      rows: models.map(([name, m]) => [name, ...METRICS.map(([key]) => m[key] as number)]),
    })],
  };
}

/** The promotion gate: each check with its value, threshold and verdict. */
export function gateSection(evaluation: Evaluation): PageSection {
  const { gate } = evaluation;
  const tone = { pass: "ok", fail: "alert", skipped: undefined } as const;
  return {
    title: "Promotion gate",
    note: `${gate.passed ? "Passed" : "Failed"}${
      gate.enforce ? " (enforced: a failure stops the pipeline)" : " (not enforced: reported only)"
    }.`,
    content: [renderHtmlTable({
      columns: ["check", "value", "threshold", "status", "what is measured"],
      rows: gate.checks.map((c) => [
        c.name,
        c.value,
        c.threshold,
        badge(c.status, tone[c.status]),
        c.detail,
      ]),
      rowClass: (_, i) => gate.checks[i].status === "fail" ? "fail" : undefined,
    })],
  };
}

/** The candidate against the production version on the same rows, when there is one. */
export function comparisonSection(evaluation: Evaluation): PageSection {
  const production = evaluation.production;
  if (production === undefined) {
    return {
      title: "Comparison with production",
      note: "There is no production version yet: this candidate is the first.",
      content: [],
    };
  }
  return {
    title: "Comparison with production",
    note:
      `Both models scored on this test split; the difference is candidate minus ${production.version}.`,
    content: [renderHtmlTable({
      columns: ["metric", "candidate", production.version, "difference"],
      rows: METRICS.map(([key, name]) => {
        const a = evaluation.candidate[key] as number;
        const b = production[key] as number;
        return [name, a, b, a - b];
      }),
    })],
  };
}
