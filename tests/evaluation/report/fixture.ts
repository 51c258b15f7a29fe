/** A small, seeded evaluation (synthetic data, tiny GBDT) for the report tests. */
import { evaluateCandidate, type Evaluation, GateParams } from "../../../lib/evaluation/mod.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { trainGbdt } from "../../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../../lib/model/logistic/mod.ts";
import type { Lineage } from "../../../lib/report/mod.ts";

/** An evaluation of a 20-round GBDT on 600 synthetic test rows, optionally with production. */
export async function smallEvaluation(withProduction: boolean): Promise<Evaluation> {
  const train = makeSyntheticDataset({ rows: 1500, features: 12, seed: 21 });
  const test = makeSyntheticDataset({ rows: 600, features: 12, seed: 22 });
  const gbdt = await trainGbdt(train, { n_rounds: 20, max_depth: 3 });
  const baseline = fitLogistic(train, {});
  return evaluateCandidate(test, gbdt, baseline, {
    gate: GateParams.parse({ min_auc: 0.6 }),
    production: withProduction ? { version: "v0007", model: gbdt } : undefined,
    shapRows: 200,
  });
}

/** A fixed lineage header. */
export const LINEAGE: Lineage = {
  modelVersion: "candidate",
  gitCommit: "feedc0ffee0123456789",
  generatedAt: "2026-11-23T12:00:00.000Z",
  dataHashes: { "data/split/test.parquet": "md5:0123" },
  params: { gate: { min_auc: 0.6 } },
};
