/**
 * Evaluation report generation: the report's extra work in the evaluate stage (curves,
 * tiers, SHAP sample, as part of evaluateCandidate) and rendering the page, at the
 * default test split (20,000 applicants × 0.2 = 4,000 rows) and at full Kaggle scale
 * (307,511 × 0.2 = 61,503 rows). The data are synthetic with as many features as the
 * default feature store; the model is small, since rendering does not depend on it.
 * `deno bench -A bench/report_bench.ts` (RISKPIPE_BENCH_FULL=0 skips full scale).
 */
import { evaluateCandidate, GateParams } from "../lib/evaluation/mod.ts";
import { renderEvaluationReport } from "../lib/evaluation/report/mod.ts";
import { makeSyntheticDataset } from "../lib/model/gbdt/synthetic.ts";
import { trainGbdt } from "../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../lib/model/logistic/mod.ts";

const FEATURES = 260;
const SIZES = Deno.env.get("RISKPIPE_BENCH_FULL") === "0" ? [4_000] : [4_000, 61_503];
const train = makeSyntheticDataset({ rows: 5_000, features: FEATURES, seed: 1 });
const gbdt = await trainGbdt(train, { n_rounds: 100, max_depth: 4 });
const baseline = fitLogistic(train, {});
const gate = GateParams.parse({});
const lineage = { modelVersion: "candidate", generatedAt: new Date(0).toISOString() };

for (const rows of SIZES) {
  const test = makeSyntheticDataset({ rows, features: FEATURES, seed: 2 });
  const evaluation = evaluateCandidate(test, gbdt, baseline, { gate });
  const bytes = new TextEncoder().encode(renderEvaluationReport(evaluation, lineage)).length;
  console.log(`evaluation report at ${rows} test rows: ${(bytes / 1024).toFixed(0)} KiB`);

  Deno.bench({
    name: `evaluateCandidate with report data (${rows} test rows, 2,000 SHAP rows)`,
    group: `report ${rows}`,
    n: 3,
    warmup: 1,
    fn() {
      evaluateCandidate(test, gbdt, baseline, { gate });
    },
  });

  Deno.bench({
    name: `renderEvaluationReport (${rows} test rows)`,
    group: `report ${rows}`,
    baseline: true,
    n: 5,
    warmup: 1,
    fn() {
      const page = renderEvaluationReport(evaluation, lineage);
      if (page.length === 0) throw new Error("Empty report");
    },
  });
}
