/**
 * Stage `register`: records the evaluated candidate in the local registry
 * (data/registry/) with its metrics, gate result, lineage and artifact checksums, and
 * promotes it to `register.promote_to` when its gate passed. Registering the same
 * artifacts again returns the existing version.
 */
import "../lib/stage/entry.ts";
import { join } from "node:path";
import { z } from "zod";
import { loadParamsSection, loadStageParams } from "../lib/stage/params.ts";
import { promote, readIndex, registerVersion } from "../lib/registry/mod.ts";
import { MODEL_STAGES } from "../lib/registry/types.ts";
import { collectLineage } from "../lib/registry/lineage.ts";
import type { BinarySummary } from "../lib/model/metrics/mod.ts";
import type { GateResult } from "../lib/evaluation/gate.ts";
import { homeCreditContract, readSourceManifest } from "../lib/contracts/mod.ts";
import { readCsvContract } from "../lib/data/csv/mod.ts";
import type { FeatureManifest } from "../lib/features/mod.ts";
import { writeServingArtifacts } from "../lib/serving/mod.ts";
import { TierParams } from "../lib/tiers/mod.ts";
import { CHOICE_FILE, LEGACY_CHOICE, parseModelChoice } from "../lib/training/choice.ts";
import { existsSync } from "node:fs";

const CANDIDATE = "data/models/candidate";
const EVALUATION = "reports/evaluation";
const REGISTRY = "data/registry";
const FEATURES = "data/features";
const SOURCE = "data/raw/parquet/source.json";

const params = await loadParamsSection(
  "register",
  z.object({ promote_to: z.enum(MODEL_STAGES).default("None") }),
);
const tiers = await loadParamsSection("serve", TierParams);
const data = await loadParamsSection(
  "data",
  z.object({ csv: z.object({ contract: z.string() }).partial().optional() }),
);
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await Deno.readTextFile(path));
const metrics = await readJson<
  { gbdt: BinarySummary; baseline: BinarySummary; candidate?: BinarySummary }
>(join(EVALUATION, "metrics.json"));
// The model train chose (choice.json): the version serves it; without one, the GBDT.
const choicePath = join(CANDIDATE, CHOICE_FILE);
const choice = existsSync(choicePath)
  ? parseModelChoice(await readJson(choicePath), choicePath)
  : LEGACY_CHOICE;
const chosen = metrics.candidate ?? metrics.gbdt;
const gate = await readJson<GateResult>(join(EVALUATION, "gate.json"));

const artifacts: Record<string, string> = {};
for (
  const name of [
    "model.json",
    "model.onnx",
    "baseline.json",
    "baseline.onnx",
    "manifest.json",
    "train_metrics.json",
  ]
) {
  artifacts[name] = join(CANDIDATE, name);
}
if (existsSync(choicePath)) artifacts[CHOICE_FILE] = choicePath;
for (const name of ["metrics.json", "gate.json", "tables.json"]) {
  artifacts[`evaluation_${name}`] = join(EVALUATION, name);
}

// What the server needs beside the model: the request contract, tiers, history snapshot.
const source = (await readSourceManifest(SOURCE)).source;
const servingDir = await Deno.makeTempDir({ prefix: "riskpipe-register-" });
Object.assign(
  artifacts,
  await writeServingArtifacts({
    dir: servingDir,
    manifest: await readJson<FeatureManifest>(join(CANDIDATE, "manifest.json")),
    featureStore: join(FEATURES, "feature_store.parquet"),
    source,
    contract: source === "csv"
      ? (await readCsvContract(data.csv?.contract ?? "contracts/csv.contract.json")).contract
      : homeCreditContract("application_train", { source }),
    tiers,
    exampleFrom: join(
      "data/raw/parquet",
      source === "csv" ? "table.parquet" : "application_train.parquet",
    ),
  }),
);

const info = await registerVersion(REGISTRY, {
  artifacts,
  metrics: {
    "test.auc": chosen.rocAuc,
    "test.pr_auc": chosen.prAuc,
    "test.ks": chosen.ks,
    "test.brier": chosen.brier,
    "test.ece": chosen.ece,
    "test.baseline_auc": metrics.baseline.rocAuc,
    "test.gbdt_auc": metrics.gbdt.rocAuc,
  },
  gatePassed: gate.passed,
  lineage: {
    ...await collectLineage(".", await loadStageParams()),
    model: { kind: choice.kind, reason: choice.reason },
  },
});
await Deno.remove(servingDir, { recursive: true });
console.log(
  `registered ${info.version} (${choice.kind}; ${choice.reason}; gate ${
    gate.passed ? "passed" : "failed"
  })`,
);

// Only a version that never changed stage is promoted here: re-running the stage after a
// manual promotion or rollback must not undo it.
const target = params.promote_to;
const index = await readIndex(REGISTRY);
const untouched = !index.history.some((t) => t.version === info.version);
const stage = index.stages[info.version];
if (target !== "None" && untouched) {
  if (gate.passed) {
    for (const t of await promote(REGISTRY, info.version, target)) {
      console.log(`${t.version}: ${t.from} → ${t.to} (${t.reason})`);
    }
  } else {
    console.log(
      `${info.version} stays in ${stage}: its gate failed, so it is not promoted to ${target}`,
    );
  }
}
