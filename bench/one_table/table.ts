/** The markdown table (and notes under it) that bench/one_table.ts prints. */
import type { DatasetResult } from "./run_dataset.ts";

/** The goal: riskpipe's test AUC at least the better reference's minus this. */
export const AUC_TOLERANCE = 0.005;

/** riskpipe AUC minus the better reference AUC, when both were measured. */
export function gapToBest(result: DatasetResult): number | undefined {
  const ours = result.model?.testAuc;
  const ref = result.reference;
  if (ours === undefined || ref === undefined) return undefined;
  return ours - Math.max(ref.xgboost.testAuc, ref.logistic.testAuc);
}

/** True when the AUC goal and both zero-rejection goals are met. */
export function allGoalsMet(result: DatasetResult): boolean {
  const gap = gapToBest(result);
  return gap !== undefined && gap >= -AUC_TOLERANCE && result.score?.rejected === 0 &&
    result.predict?.rejected === 0;
}

/** One markdown table row per data set. */
export function renderTable(results: DatasetResult[], versions: Map<string, string>): string {
  const header = [
    "dataset",
    "package",
    "rows (train / test)",
    "base rate",
    "riskpipe AUC (model)",
    "XGBoost AUC (rounds)",
    "logistic AUC",
    `gap to max (goal ≥ −${AUC_TOLERANCE})`,
    "gate",
    "rejected by score",
    "rejected by /predict",
  ];
  const lines = [
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i < 2 || i === 8 ? "---" : "---:")).join(" | ")} |`,
  ];
  for (const r of results) {
    const gap = gapToBest(r);
    const cells = [
      `${r.dataset.name} (${r.dataset.kind})`,
      `\`${r.dataset.debianPackage}\` ${versions.get(r.dataset.debianPackage) ?? ""}`.trim(),
      r.rows ? `${fmtInt(r.rows.all)} (${fmtInt(r.rows.train)} / ${fmtInt(r.rows.test)})` : "–",
      r.baseRate === undefined ? "–" : `${(r.baseRate * 100).toFixed(1)}%`,
      r.model?.testAuc === undefined ? "–" : `${r.model.testAuc.toFixed(4)} (${r.model.kind})`,
      r.reference
        ? `${r.reference.xgboost.testAuc.toFixed(4)} (${r.reference.xgboost.rounds})`
        : "–",
      r.reference ? r.reference.logistic.testAuc.toFixed(4) : "–",
      gap === undefined ? "–" : `${signed(gap)} ${gap >= -AUC_TOLERANCE ? "✓" : "✗"}`,
      gateCell(r),
      rejectedCell(r.score),
      rejectedCell(r.predict),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The notes under the table: per data set, what failed and why rows were rejected. */
export function renderNotes(results: DatasetResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const notes = [...r.notes];
    if (r.score && r.score.rejected > 0) {
      notes.push(`score (exit ${r.score.exitCode}): ${r.score.commonIssues.join("; ")}`);
    }
    if (r.score?.auc !== undefined && r.model?.testAuc !== undefined) {
      notes.push(
        `AUC of the scored file ${r.score.auc.toFixed(6)} (registry's test AUC ${
          r.model.testAuc.toFixed(6)
        })`,
      );
    }
    if (r.predict && r.predict.rejected > 0) {
      const statuses = Object.entries(r.predict.statuses).map(([s, n]) => `${n}× ${s}`);
      notes.push(`/predict (${statuses.join(", ")}): ${r.predict.commonIssues.join("; ")}`);
    }
    if (r.predict && r.predict.serverErrors > 0) {
      notes.push(`/predict answered ${r.predict.serverErrors} rows with a 5xx`);
    }
    if (notes.length > 0) lines.push(`- ${r.dataset.name}: ${notes.join(". ")}`);
  }
  return lines.join("\n");
}

function gateCell(r: DatasetResult): string {
  if (r.model === undefined) return "–";
  const verdict = r.model.gatePassed ? "pass" : `fail: ${r.model.failedChecks.join(", ")}`;
  return r.promotedByHand ? `${verdict} (promoted by hand)` : verdict;
}

function rejectedCell(flow: { rows: number; rejected: number } | undefined): string {
  if (flow === undefined) return "not run";
  return `${fmtInt(flow.rejected)} of ${fmtInt(flow.rows)}${flow.rejected === 0 ? " ✓" : " ✗"}`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(4)}`;
}

function fmtInt(value: number): string {
  return value.toLocaleString("en-US");
}
