/**
 * Stage `evaluate`: every candidate model (GBDT, logistic, scorecard) on the test split, the comparison with the
 * production version (read from the registry as it is when the stage runs), and the
 * promotion gate. Writes reports/evaluation/{metrics.json, tables.json, gate.json}, the
 * static report index.html and the model validation report (validation.json, .html);
 * exits 1 when the gate fails and gate.enforce is true.
 */
import "../lib/stage/entry.ts";
import { join } from "node:path";
import { loadParamsSection } from "../lib/stage/params.ts";
import { readDataset } from "../lib/features/read_dataset.ts";
import { evaluateCandidate, GateParams, type ProductionModel } from "../lib/evaluation/mod.ts";
import { renderEvaluationReport } from "../lib/evaluation/report/mod.ts";
import { curveRows } from "../lib/evaluation/report/curve_rows.ts";
import { TierParams } from "../lib/tiers/mod.ts";
import { resolveTiers, TIERS_FILE } from "../lib/tiers/resolve.ts";
import { predictEitherProba } from "../lib/model/either/mod.ts";
import { loadProductionVersion } from "../lib/registry/mod.ts";
import { collectLineage } from "../lib/registry/lineage.ts";
import { readManifest } from "../lib/features/manifest/mod.ts";
import type { GbdtModel, LogisticModel } from "../lib/model/types.ts";
import { scorecardFromJson } from "../lib/model/scorecard/serialize.ts";
import {
  CHOICE_FILE,
  LEGACY_CHOICE,
  MODEL_FILES,
  parseModelChoice,
} from "../lib/training/choice.ts";
import { readVersionModel } from "../lib/scoring/chosen_model.ts";
import { existsSync } from "node:fs";
import { createProgress } from "../lib/progress/mod.ts";
import { GovernanceParams } from "../lib/governance/params.ts";
import { readProtectedColumns } from "../lib/governance/read_protected.ts";
import {
  countPrincipalReasons,
  readReasonIndex,
  reasonCoverage,
} from "../lib/governance/reasons/mod.ts";
import {
  renderValidationReport,
  validateCandidate,
  VALIDATION_HTML,
  VALIDATION_JSON,
} from "../lib/evaluation/validation/mod.ts";

const CANDIDATE = "data/models/candidate";
const OUT = "reports/evaluation";
const REGISTRY = "data/registry";

const gate = await loadParamsSection("gate", GateParams);
// The tiers the server assigns (params serve.tier_*), so the report shows what clients get.
const tierRule = await loadParamsSection("serve", TierParams);
const governance = await loadParamsSection("governance", GovernanceParams);
const progress = createProgress({ label: "evaluate", total: 3 });
progress.update(0, "reading the test split and models");
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await Deno.readTextFile(path));
const manifest = await readManifest(join(CANDIDATE, "manifest.json"));
// A bad reason table fails here, naming the entry and the rule, before any scoring.
const reasons = await readReasonIndex(governance.reasons, manifest);
const test = await readDataset("data/split/test.parquet", manifest);
// The validation report compares the test split with it; quantile tiers are cut on it.
const train = await readDataset("data/split/train.parquet", manifest);
const gbdt = await readJson<GbdtModel>(join(CANDIDATE, "model.json"));
const baseline = await readJson<LogisticModel>(join(CANDIDATE, "baseline.json"));
// The scorecard, when train made one (train.scorecard.enabled).
const scorecardPath = join(CANDIDATE, MODEL_FILES.scorecard.model);
const scorecard = existsSync(scorecardPath)
  ? scorecardFromJson(await Deno.readTextFile(scorecardPath))
  : undefined;
// Which model train chose; a candidate from before the choice is its GBDT.
const choice = existsSync(join(CANDIDATE, CHOICE_FILE))
  ? parseModelChoice(await readJson(join(CANDIDATE, CHOICE_FILE)), join(CANDIDATE, CHOICE_FILE))
  : LEGACY_CHOICE;
if (choice.kind === "scorecard" && scorecard === undefined) {
  throw new RangeError(
    `Cannot evaluate: ${CHOICE_FILE} names the scorecard but ${scorecardPath} does not exist`,
  );
}
const chosenModel = choice.kind === "scorecard"
  ? scorecard!
  : choice.kind === "logistic"
  ? baseline
  : gbdt;
// Quantile tiers are cut on the chosen model's training-split scores.
const tiers = await resolveTiers(
  tierRule,
  () => Promise.resolve(predictEitherProba(chosenModel, train)),
);

// Protected attributes are read from the split, whether or not the model was trained on them.
const protectedColumns = await readProtectedColumns(
  "data/split/test.parquet",
  await readManifest("data/split/manifest.json"),
  governance,
  test,
  chosenModel.features.map((f) => f.name),
);

let production: ProductionModel | undefined;
const current = await loadProductionVersion(REGISTRY);
if (current !== undefined) {
  production = { version: current.version, model: await readVersionModel(current.record) };
}

progress.update(1, "scoring and gating");
const result = evaluateCandidate(test, gbdt, baseline, {
  gate,
  production,
  tiers,
  choice,
  scorecard,
  fairness: protectedColumns.length === 0
    ? undefined
    : { columns: protectedColumns, minGroupRows: governance.min_group_rows },
});
progress.update(2, "writing the reports");
const gateResult = result.gate;
const coverage = reasonCoverage(reasons, result.importance);
const metrics = {
  candidate: { ...result.candidate, kind: result.chosen.kind, reason: result.chosen.reason },
  gbdt: result.gbdt,
  baseline: result.baseline,
  ...(result.scorecard === undefined ? {} : { scorecard: result.scorecard }),
  production: result.production,
  ...(result.fairness === undefined ? {} : { fairness: result.fairness }),
};
// ROC and PR points by model: the curves `plots show|diff` draw (pipeline.yaml `plots:`).
const curves = curveRows(result.curves, result.chosen.kind);
const tables = {
  calibration: result.calibration,
  gains: result.gains,
  roc: curves.roc,
  pr: curves.pr,
  importance: result.importance,
  tiers: result.tiers,
  reasons: coverage,
};
await Deno.mkdir(OUT, { recursive: true });
await Deno.writeTextFile(join(OUT, "metrics.json"), JSON.stringify(metrics, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, "tables.json"), JSON.stringify(tables, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, "gate.json"), JSON.stringify(gateResult, null, 2) + "\n");
await Deno.writeTextFile(join(OUT, TIERS_FILE), JSON.stringify(tiers, null, 2) + "\n");
const lineage = await collectLineage(".", { gate, tiers, governance });
await Deno.writeTextFile(
  join(OUT, "index.html"),
  renderEvaluationReport(result, {
    modelVersion: `candidate${production ? ` (production ${production.version})` : ""}`,
    dataHashes: {
      "data/split/test.parquet": lineage.inputs.split?.["data/split/test.parquet"] ?? "–",
      [CANDIDATE]: lineage.inputs.train?.[CANDIDATE] ?? "–",
    },
    params: lineage.params,
    gitCommit: lineage.git.commit ?? undefined,
    gitDirty: lineage.git.dirty ?? undefined,
    generatedAt: lineage.time,
  }, { reasons: coverage }),
);

const validation = validateCandidate({
  evaluation: result,
  test,
  train,
  gbdt,
  baseline,
  scorecard,
  tiers,
  reasonCodes: ({ data, contributions }) =>
    countPrincipalReasons(reasons, data.features.map((f) => f.name), contributions),
});
await Deno.writeTextFile(join(OUT, VALIDATION_JSON), JSON.stringify(validation, null, 2) + "\n");
await Deno.writeTextFile(
  join(OUT, VALIDATION_HTML),
  renderValidationReport(validation, {
    modelVersion: `candidate (${choice.kind})`,
    dataHashes: {
      "data/split/train.parquet": lineage.inputs.split?.["data/split/train.parquet"] ?? "–",
      "data/split/test.parquet": lineage.inputs.split?.["data/split/test.parquet"] ?? "–",
      [CANDIDATE]: lineage.inputs.train?.[CANDIDATE] ?? "–",
    },
    params: lineage.params,
    gitCommit: lineage.git.commit ?? undefined,
    gitDirty: lineage.git.dirty ?? undefined,
    generatedAt: lineage.time,
  }),
);

progress.finish("written");

for (const check of gateResult.checks) {
  const value = check.value === null ? "-" : check.value.toFixed(4);
  console.log(`gate ${check.status.padEnd(7)} ${check.name} = ${value} (${check.threshold})`);
}
for (const attribute of result.fairness?.attributes ?? []) {
  const flagged = attribute.groups.filter((g) => g.flagged.some(Boolean)).map((g) => g.group);
  console.log(
    `fairness ${attribute.attribute}${
      attribute.inModel ? "" : " (not in the model)"
    }: ${attribute.groups.length} groups, below four-fifths at some cut-off: ${
      flagged.length === 0 ? "none" : flagged.join(", ")
    }`,
  );
}
if (coverage.table === null) {
  console.log("reasons: no reason table (governance.reasons): principal reasons are feature names");
} else {
  for (const f of coverage.unmapped) {
    console.warn(
      `Warning: top feature ${f.rank} "${f.name}" has no reason code in ${coverage.table}`,
    );
  }
}
console.log(`candidate ${choice.reason}`);
console.log(
  `test AUC gbdt ${result.gbdt.rocAuc.toFixed(4)}, baseline ${result.baseline.rocAuc.toFixed(4)}` +
    (result.scorecard ? `, scorecard ${result.scorecard.rocAuc.toFixed(4)}` : "") +
    (result.production
      ? `, ${result.production.version} ${result.production.rocAuc.toFixed(4)}`
      : ""),
);
if (!gateResult.passed && gateResult.enforce) {
  const failed = gateResult.checks.filter((c) => c.status === "fail").map((c) => c.name);
  console.error(`Promotion gate failed: ${failed.join(", ")} (gate.enforce is true)`);
  Deno.exit(1);
}
