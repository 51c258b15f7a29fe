/**
 * Stage `evaluate`: both candidate models on the test split, the comparison with the
 * production version (read from the registry as it is when the stage runs), and the
 * promotion gate. Writes reports/evaluation/{metrics.json, tables.json, gate.json}; exits 1 when
 * the gate fails and gate.enforce is true.
 */
import { join } from "node:path";
import { loadParamsSection } from "../lib/stage/params.ts";
import { readDataset } from "../lib/model/dataset.ts";
import { GateParams } from "../lib/evaluation/gate.ts";
import { evaluateCandidate, type ProductionModel } from "../lib/evaluation/evaluate.ts";
import { loadVerifiedVersion, productionVersion } from "../lib/registry/mod.ts";
import type { FeatureManifest } from "../lib/features/types.ts";
import type { GbdtModel, LogisticModel } from "../lib/model/types.ts";

const CANDIDATE = "data/models/candidate";
const OUT = "reports/evaluation";
const REGISTRY = "data/registry";

const gate = await loadParamsSection("gate", GateParams);
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await Deno.readTextFile(path));
const manifest = await readJson<FeatureManifest>(join(CANDIDATE, "manifest.json"));
const test = await readDataset("data/split/test.parquet", manifest);
const gbdt = await readJson<GbdtModel>(join(CANDIDATE, "model.json"));
const baseline = await readJson<LogisticModel>(join(CANDIDATE, "baseline.json"));

let production: ProductionModel | undefined;
const current = await productionVersion(REGISTRY);
if (current !== undefined) {
  const info = await loadVerifiedVersion(REGISTRY, current);
  production = { version: current, model: await readJson<GbdtModel>(join(info.dir, "model.json")) };
}

const result = evaluateCandidate(test, gbdt, baseline, { gate, production });
const gateResult = result.gate;
const metrics = { gbdt: result.gbdt, baseline: result.baseline, production: result.production };
const tables = {
  calibration: result.calibration,
  gains: result.gains,
  importance: result.importance,
};
await Deno.mkdir(OUT, { recursive: true });
await Deno.writeTextFile(join(OUT, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, "tables.json"), JSON.stringify(tables, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, "gate.json"), JSON.stringify(gateResult, null, 2) + "\n");

for (const check of gateResult.checks) {
  const value = check.value === null ? "-" : check.value.toFixed(4);
  console.log(`gate ${check.status.padEnd(7)} ${check.name} = ${value} (${check.threshold})`);
}
console.log(
  `test AUC gbdt ${result.gbdt.rocAuc.toFixed(4)}, baseline ${result.baseline.rocAuc.toFixed(4)}` +
    (result.production
      ? `, ${result.production.version} ${result.production.rocAuc.toFixed(4)}`
      : ""),
);
if (!gateResult.passed && gateResult.enforce) {
  const failed = gateResult.checks.filter((c) => c.status === "fail").map((c) => c.name);
  console.error(`Promotion gate failed: ${failed.join(", ")} (gate.enforce is true)`);
  Deno.exit(1);
}
