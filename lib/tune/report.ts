/**
 * The search's report page (reports/tune/index.html, Plot, offline): the CV AUC of each
 * trial at each rung it reached, one scatter per searched param against the CV AUC at the
 * trial's highest rung, and the trial table.
 */
import * as Plot from "@observablehq/plot";
import {
  figure,
  grid,
  type Lineage,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../report/mod.ts";
import type { Html } from "../report/html.ts";
import type { TuneParams } from "./params.ts";
import type { SearchResult } from "./search.ts";
import { trialTable } from "./table.ts";

/** Options of {@link renderTunePage}. */
export interface TunePageOptions {
  /** The space searched (a log range gets a log axis). */
  space: TuneParams["space"];
  lineage: Lineage;
}

/**
 * The report page of a search.
 * @example
 * ```ts ignore
 * await Deno.writeTextFile("reports/tune/index.html", renderTunePage(result, { space, lineage }));
 * ```
 */
export function renderTunePage(result: SearchResult, options: TunePageOptions): string {
  const best = result.trials[result.best];
  const table = trialTable(result);
  return renderPage({
    title: "Hyper-parameter search",
    subtitle: `${result.trials.length} trials, ${result.folds}-fold CV on the training split, ` +
      `rungs of ${result.rungs.join(", ")} rounds (eta ${result.eta}), seed ${result.seed}; ` +
      `best: trial ${best.trial}, CV AUC ${best.auc.toFixed(4)}`,
    lineage: options.lineage,
    sections: [
      {
        title: "CV AUC by trial",
        note:
          "Each dot is a trial's best mean fold AUC at one rung; a trial goes on to more rounds only when it is in the best 1/eta of its rung.",
        content: [figure(aucByTrial(result), "CV AUC of each trial at each rung it reached")],
      },
      {
        title: "Params against CV AUC",
        note: "Each dot is a trial at the highest rung it reached (its colour).",
        content: [grid(...paramScatters(result, options.space))],
      },
      {
        title: "Trials",
        content: [renderHtmlTable({
          columns: table.columns,
          rows: table.rows,
          rowClass: (_row, i) => i === 0 ? "best" : undefined,
        })],
      },
    ],
  });
}

function rungLabel(rounds: number): string {
  return `${rounds} rounds`;
}

function aucByTrial(result: SearchResult): Html {
  // Each rung a little to the right of the one below, so a reused result (the same AUC)
  // stays visible; a line joins a trial's rungs.
  const shift = (k: number) => (k - (result.rungs.length - 1) / 2) * 0.15;
  const dots = result.trials.flatMap((row) =>
    row.rungs.flatMap((r, k) =>
      Number.isFinite(r.auc)
        ? [{ trial: row.trial, x: row.trial + shift(k), auc: r.auc, rung: rungLabel(r.rounds) }]
        : []
    )
  );
  return renderPlot({
    width: 720,
    height: 320,
    x: { label: "Trial", grid: true, interval: 1, ticks: Math.min(result.trials.length, 25) },
    y: { label: "CV AUC", grid: true },
    color: { legend: true, domain: result.rungs.map(rungLabel) },
    marks: [
      Plot.line(dots, { x: "x", y: "auc", z: "trial", stroke: "#999", strokeWidth: 1 }),
      Plot.dot(dots, { x: "x", y: "auc", fill: "rung", r: 3.5 }),
    ],
  });
}

function paramScatters(result: SearchResult, space: TuneParams["space"]): Html[] {
  const names = Object.keys(result.trials[0]?.params ?? {}).sort();
  const rows = result.trials.filter((row) => Number.isFinite(row.auc));
  return names.map((name) => {
    const entry = space[name as keyof typeof space];
    const log = entry !== undefined && !Array.isArray(entry) && entry.log;
    const dots = rows.map((row) => ({
      value: row.params[name as keyof typeof row.params],
      auc: row.auc,
      rung: rungLabel(row.rungs.at(-1)!.rounds),
    }));
    return figure(
      renderPlot({
        width: 340,
        height: 240,
        x: { label: name, type: log ? "log" : "linear", grid: true },
        y: { label: "CV AUC", grid: true },
        color: { domain: result.rungs.map(rungLabel) },
        marks: [Plot.dot(dots, { x: "value", y: "auc", fill: "rung", r: 3 })],
      }),
      `${name} against CV AUC`,
    );
  });
}
