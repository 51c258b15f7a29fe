import assert from "node:assert/strict";
import { parse } from "../report/fixtures.ts";
import { renderTunePage } from "../../lib/tune/report.ts";
import type { SearchResult, TrialRow } from "../../lib/tune/search.ts";
import { trialTable } from "../../lib/tune/table.ts";
import { trialsDocument } from "../../lib/tune/outputs.ts";

function rung(rounds: number, auc: number, reused = false) {
  return {
    rounds,
    auc,
    bestRound: rounds,
    roundsTrained: rounds,
    seconds: 1,
    ...(reused ? { reused: true as const } : {}),
  };
}

function row(
  trial: number,
  params: TrialRow["params"],
  rungs: ReturnType<typeof rung>[],
): TrialRow {
  return { trial, params, rungs, auc: rungs.at(-1)!.auc, seconds: rungs.length };
}

/** Four trials by hand: trial 2 reached the last rung, trial 3 failed. */
const RESULT: SearchResult = {
  seed: 1,
  folds: 3,
  eta: 2,
  rungs: [5, 10],
  base: { n_rounds: 10 },
  trials: [
    row(0, { max_depth: 3, learning_rate: 0.1 }, [rung(5, 0.71)]),
    row(1, { max_depth: 4, learning_rate: 0.2 }, [rung(5, 0.74), rung(10, 0.75)]),
    row(2, { max_depth: 5, learning_rate: 0.05 }, [rung(5, 0.73), rung(10, 0.76)]),
    { ...row(3, { max_depth: 6, learning_rate: 0.3 }, [rung(5, NaN)]), error: "boom" },
  ],
  best: 2,
  jobs: 1,
  seconds: 6,
};

Deno.test("the trial table lists the best first: highest rung, then CV AUC; a failed trial last", () => {
  const table = trialTable(RESULT);
  assert.deepEqual(table.columns, [
    "trial",
    "learning_rate",
    "max_depth",
    "rung",
    "auc@5",
    "auc@10",
    "best round",
    "seconds",
  ]);
  assert.deepEqual(table.rows, [
    [2, 0.05, 5, 2, 0.73, 0.76, 10, 2],
    [1, 0.2, 4, 2, 0.74, 0.75, 10, 2],
    [0, 0.1, 3, 1, 0.71, null, 5, 1],
    [3, 0.3, 6, 1, null, null, 5, 1],
  ]);
});

Deno.test("trials.json names the best trial and its --set-params; a failed AUC is null", () => {
  const doc = JSON.parse(JSON.stringify(trialsDocument(RESULT)));
  assert.deepEqual(doc.best, {
    trial: 2,
    params: { max_depth: 5, learning_rate: 0.05 },
    auc: 0.76,
    rung: 2,
    set_params: ["train.gbdt.learning_rate=0.05", "train.gbdt.max_depth=5"],
  });
  assert.equal(doc.trials[3].auc, null);
  assert.equal(doc.trials[3].error, "boom");
});

Deno.test("the page draws a dot per trial and rung with an AUC, and a scatter per param", () => {
  const page = renderTunePage(RESULT, {
    space: { max_depth: [3, 4, 5, 6], learning_rate: { min: 0.05, max: 0.3, log: true } },
    lineage: { generatedAt: "2026-01-01T00:00:00Z" },
  });
  const parsed = parse(page);
  const charts = parsed.all("figure.chart");
  assert.deepEqual(
    charts.map((chart) => chart.querySelector("figcaption")?.textContent),
    [
      "CV AUC of each trial at each rung it reached",
      "learning_rate against CV AUC",
      "max_depth against CV AUC",
    ],
  );
  assert.equal(charts[0].querySelectorAll("circle").length, 5);
  assert.equal(charts[1].querySelectorAll("circle").length, 3); // the failed trial left out
  assert.equal(parsed.one("tbody tr td")?.textContent, "2");
});
