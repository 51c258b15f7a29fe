/**
 * TreeSHAP time per row for 300 seeded random trees of depth 6 over 200 features
 * (the size of a production model): `deno bench -A bench/shap_bench.ts`.
 */
import { createTreeExplainer, treeShap } from "../lib/model/shap/mod.ts";
import { createRng } from "../lib/random/mod.ts";
import { randomModel, randomRow } from "../tests/model/shap/fixtures.ts";

const FEATURES = 200;
const rng = createRng(2018);
const model = randomModel(rng, 300, FEATURES, { maxDepth: 6, leafProbability: 0.05 });
const rows = Array.from({ length: 64 }, () => randomRow(rng, FEATURES, 0.1));
const explainer = createTreeExplainer(model);
const phi = new Float64Array(FEATURES);
let next = 0;

Deno.bench("TreeSHAP, one row, 300 trees of depth 6, prepared explainer", () => {
  phi.fill(0);
  explainer.accumulate(rows[next++ % rows.length], phi);
});

Deno.bench("TreeSHAP, one row, 300 trees of depth 6, treeShap (cached explainer)", () => {
  treeShap(model, rows[next++ % rows.length]);
});
