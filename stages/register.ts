/**
 * Stage `register`: records the evaluated candidate in the local registry
 * (data/registry/) with its metrics, gate result, lineage and artifact checksums, and
 * makes it the champion (Production) only as `register.promote` allows (see
 * lib/registry/promotion_policy.ts). Registering the same artifacts again returns the
 * existing version. The version keeps a sketch of its training split (scored with its
 * model), which drift and monitor read instead of the split (lib/drift/sketch/).
 */
import "../lib/stage/entry.ts";
import { join } from "node:path";
import { z } from "zod";
import { loadParamsSection, loadStageParams } from "../lib/stage/params.ts";
import { applyPromotionPolicy, RegisterParams, registerVersion } from "../lib/registry/mod.ts";
import { readSetParamKeys } from "../lib/stage/overrides.ts";
import { collectLineage } from "../lib/registry/lineage.ts";
import type { BinarySummary } from "../lib/model/metrics/mod.ts";
import type { GateResult } from "../lib/evaluation/gate.ts";
import { homeCreditContract, readCsvContract, readSourceManifest } from "../lib/contracts/mod.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import { writeServingArtifacts } from "../lib/registry/mod.ts";
import { TierParams } from "../lib/tiers/mod.ts";
import { tiersToRegister } from "../lib/tiers/resolve.ts";
import {
  CHOICE_FILE,
  LEGACY_CHOICE,
  MODEL_FILES,
  parseModelChoice,
} from "../lib/training/choice.ts";
import { existsSync } from "node:fs";
import { OUTLIER_MODEL_FILE, OUTLIER_ONNX_FILE } from "../lib/model/outlier/serialize.ts";
import { GovernanceParams } from "../lib/governance/params.ts";
import { readReasonIndex, REASONS_FILE } from "../lib/governance/reasons/mod.ts";
import { DriftThresholds } from "../lib/drift/stats/thresholds.ts";
import { REFERENCE_SKETCH_FILE } from "../lib/drift/sketch/mod.ts";
import { writeReferenceSketch } from "../lib/drift/write_sketch.ts";
import { readModelFile } from "../lib/scoring/chosen_model.ts";
import {
  VALIDATION_HTML_ARTIFACT,
  VALIDATION_JSON_ARTIFACT,
} from "../lib/registry/validation_report.ts";

const CANDIDATE = "data/models/candidate";
const EVALUATION = "reports/evaluation";
const REGISTRY = "data/registry";
const FEATURES = "data/features";
const SPLIT = "data/split";
const SOURCE = "data/raw/parquet/source.json";

const params = await loadParamsSection("register", RegisterParams);
if (params.deprecated) {
  console.log(
    `register.promote_to is deprecated: read as register.promote: ${params.promote} ` +
      "(first: only when there is no champion yet; auto: every version whose gate passed)",
  );
}
const tiers = await tiersToRegister(await loadParamsSection("serve", TierParams), EVALUATION);
const data = await loadParamsSection(
  "data",
  z.object({ csv: z.object({ contract: z.string(), path: z.string() }).partial().optional() }),
);
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await Deno.readTextFile(path));
const metrics = await readJson<
  {
    gbdt: BinarySummary;
    baseline: BinarySummary;
    scorecard?: BinarySummary;
    candidate?: BinarySummary;
    production?: { version: string };
  }
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
// The reason table travels with the version (checked against its model first), so serve
// and score read the reasons the version was evaluated with, whatever the workspace holds.
const reasonTable = (await loadParamsSection("governance", GovernanceParams)).reasons;
if (reasonTable !== null && reasonTable !== undefined) {
  await readReasonIndex(reasonTable, await readManifest(join(CANDIDATE, "manifest.json")));
  artifacts[REASONS_FILE] = reasonTable;
}
// The scorecard's files, when train made one (train.scorecard.enabled).
for (const name of Object.values(MODEL_FILES.scorecard)) {
  if (existsSync(join(CANDIDATE, name))) artifacts[name] = join(CANDIDATE, name);
}
// The outlier model and its ONNX, when train made them (train.outliers.enabled).
for (const name of [OUTLIER_MODEL_FILE, OUTLIER_ONNX_FILE]) {
  if (existsSync(join(CANDIDATE, name))) artifacts[name] = join(CANDIDATE, name);
}
// The evaluation files judge the model (the validation report among them): copied as is.
const judgements = ["metrics.json", "gate.json", "tables.json"].map((name) => `evaluation_${name}`)
  .concat(VALIDATION_JSON_ARTIFACT, VALIDATION_HTML_ARTIFACT);
for (const name of judgements) artifacts[name] = join(EVALUATION, name.slice("evaluation_".length));

// What the server needs beside the model: the request contract, tiers, history snapshot.
const source = (await readSourceManifest(SOURCE)).source;
const csvFile = source === "csv"
  ? await readCsvContract(data.csv?.contract ?? "contracts/csv.contract.json")
  : undefined;
const servingDir = await Deno.makeTempDir({ prefix: "riskpipe-register-" });
Object.assign(
  artifacts,
  await writeServingArtifacts({
    dir: servingDir,
    manifest: await readManifest(join(CANDIDATE, "manifest.json")),
    featureStore: join(FEATURES, "feature_store.parquet"),
    source,
    contract: source === "csv"
      ? csvFile!.contract
      : homeCreditContract("application_train", { source }),
    tiers,
    // The version keeps the file's reading rules, and its example in the file's spelling.
    ...(csvFile === undefined ? {} : { csv: csvFile.csv, csvPath: data.csv?.path }),
    exampleFrom: join(
      "data/raw/parquet",
      source === "csv" ? "table.parquet" : "application_train.parquet",
    ),
  }),
);
// What drift compares a window with, computed once: the split summarised and scored.
const { path: sketchPath } = await writeReferenceSketch({
  dir: servingDir,
  referencePath: join(SPLIT, "train.parquet"),
  manifestPath: join(SPLIT, "manifest.json"),
  model: await readModelFile(
    CANDIDATE,
    choice.kind,
    join(CANDIDATE, MODEL_FILES[choice.kind].model),
  ),
  bins: (await loadParamsSection("drift", DriftThresholds)).bins,
});
artifacts[REFERENCE_SKETCH_FILE] = sketchPath;

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
    ...(metrics.scorecard ? { "test.scorecard_auc": metrics.scorecard.rocAuc } : {}),
  },
  gatePassed: gate.passed,
  lineage: {
    ...await collectLineage(".", await loadStageParams()),
    model: { kind: choice.kind, reason: choice.reason },
  },
  judgements,
});
await Deno.remove(servingDir, { recursive: true });
console.log(
  info.created
    ? `registered ${info.version} (${choice.kind}; ${choice.reason}; gate ${
      gate.passed ? "passed" : "failed"
    })`
    : `${info.version} already registered (same artifacts)`,
);
if (info.migration !== undefined) console.log(info.migration);

const promotion = await applyPromotionPolicy(REGISTRY, {
  version: info.version,
  policy: params.promote,
  gate,
  judgedAgainst: metrics.production?.version,
  setParamKeys: readSetParamKeys(),
});
for (const line of promotion.lines) console.log(line);
