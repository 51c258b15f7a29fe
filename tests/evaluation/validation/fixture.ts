/**
 * A small seeded candidate for the validation report tests: synthetic data where f0
 * raises the risk and f1 lowers it, a GBDT constrained along both, the logistic model,
 * and a protected attribute (f4) so the report has adverse impact ratios.
 */
import { evaluateCandidate, type Evaluation, GateParams } from "../../../lib/evaluation/mod.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { trainGbdt } from "../../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../../lib/model/logistic/mod.ts";
import type { Dataset, GbdtModel, LogisticModel } from "../../../lib/model/types.ts";
import type { TierSpec } from "../../../lib/tiers/mod.ts";

/** The fixture's parts. */
export interface ValidationFixture {
  train: Dataset;
  test: Dataset;
  gbdt: GbdtModel;
  baseline: LogisticModel;
  evaluation: Evaluation;
  tiers: TierSpec;
}

/** Tiers of the fixture: its scores run about 0.05–0.95. */
export const FIXTURE_TIERS: TierSpec = {
  names: ["low", "medium", "high"],
  thresholds: [0.3, 0.6],
};

/** Builds the fixture; `chosen` says which model the candidate serves. */
export async function validationFixture(
  chosen: "gbdt" | "logistic" = "gbdt",
): Promise<ValidationFixture> {
  const train = makeSyntheticDataset({ rows: 1500, features: 10, seed: 31 });
  const test = makeSyntheticDataset({ rows: 600, features: 10, seed: 32 });
  const gbdt = await trainGbdt(train, {
    n_rounds: 30,
    max_depth: 3,
    monotone: { f0: 1, f1: -1 },
  });
  const baseline = fitLogistic(train, {});
  const evaluation = evaluateCandidate(test, gbdt, baseline, {
    gate: GateParams.parse({ min_auc: 0.6 }),
    shapRows: 100,
    tiers: FIXTURE_TIERS,
    choice: { kind: chosen, reason: `chosen: ${chosen} (fixture)` },
    fairness: {
      columns: [{ spec: test.features[4], values: test.columns[4], inModel: true }],
      minGroupRows: 30,
    },
  });
  return { train, test, gbdt, baseline, evaluation, tiers: FIXTURE_TIERS };
}
