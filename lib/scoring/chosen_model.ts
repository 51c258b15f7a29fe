/**
 * Which of a version's models it serves, read from its choice.json (a version without
 * one serves its GBDT, as every version did before the choice was recorded): the
 * model, its ONNX bytes and its explainer (TreeSHAP for the GBDT, exact linear SHAP
 * for the logistic model).
 */
import { join } from "node:path";
import type { FeatureManifest } from "../features/mod.ts";
import { parseGbdtModel } from "../model/gbdt/model_io.ts";
import { logisticFromJson } from "../model/logistic/serialize.ts";
import { explainRow, type RowExplanation } from "../model/shap/explain.ts";
import { explainLinearRow } from "../model/shap/linear.ts";
import { explainScorecardRow } from "../model/shap/scorecard.ts";
import { scorecardFromJson } from "../model/scorecard/serialize.ts";
import type { ScorecardModel } from "../model/scorecard/types.ts";
import type { GbdtModel, LogisticModel } from "../model/types.ts";
import type { EitherModel } from "../model/either/mod.ts";
import type { VersionInfo } from "../registry/mod.ts";
import {
  CHOICE_FILE,
  LEGACY_CHOICE,
  MODEL_FILES,
  type ModelChoice,
  parseModelChoice,
} from "../training/choice.ts";

/** The served model of a version, whichever kind it is. */
export type ChosenModel =
  | { kind: "gbdt"; choice: ModelChoice; gbdt: GbdtModel; onnx: Uint8Array }
  | { kind: "logistic"; choice: ModelChoice; logistic: LogisticModel; onnx: Uint8Array }
  | { kind: "scorecard"; choice: ModelChoice; scorecard: ScorecardModel; onnx: Uint8Array };

/** Reads the version's choice (GBDT when it has none). */
export async function readVersionChoice(record: VersionInfo): Promise<ModelChoice> {
  if (!(CHOICE_FILE in record.artifacts)) return LEGACY_CHOICE;
  const text = await Deno.readTextFile(join(record.dir, CHOICE_FILE));
  return parseModelChoice(JSON.parse(text), `${record.version}/${CHOICE_FILE}`);
}

/** Loads the chosen model of `record` and its ONNX bytes, checked against the manifest. */
export async function loadChosenModel(
  record: VersionInfo,
  manifest: FeatureManifest,
): Promise<ChosenModel> {
  const choice = await readVersionChoice(record);
  const files = MODEL_FILES[choice.kind];
  const text = await Deno.readTextFile(join(record.dir, files.model));
  const onnx = await Deno.readFile(join(record.dir, files.onnx));
  const where = `${record.version}/${files.model}`;
  if (choice.kind === "gbdt") {
    return { kind: "gbdt", choice, gbdt: parseGbdtModel(JSON.parse(text), where), onnx };
  }
  const model = choice.kind === "logistic" ? logisticFromJson(text) : scorecardFromJson(text);
  if (model.features.length !== manifest.features.length) {
    throw new RangeError(
      `Cannot serve ${where}: it has ${model.features.length} features but the manifest has ${manifest.features.length}`,
    );
  }
  return model.format === "riskpipe.logistic"
    ? { kind: "logistic", choice, logistic: model, onnx }
    : { kind: "scorecard", choice, scorecard: model, onnx };
}

/** Reasons for one feature vector (manifest order) from the chosen model. */
export function explainChosen(
  chosen: ChosenModel,
  values: Float64Array,
  manifest: FeatureManifest,
  top = 3,
): RowExplanation {
  switch (chosen.kind) {
    case "gbdt":
      return explainRow(chosen.gbdt, values, manifest.features, top);
    case "logistic":
      return explainLinearRow(chosen.logistic, values, manifest.features, top);
    case "scorecard":
      return explainScorecardRow(chosen.scorecard, values, manifest.features, top);
  }
}

/**
 * The chosen model of `record` without its ONNX session (evaluation and drift score in
 * TypeScript): the GBDT, or the logistic model or scorecard when choice.json says so.
 */
export async function readVersionModel(record: VersionInfo): Promise<EitherModel> {
  const kind = (await readVersionChoice(record)).kind;
  return await readModelFile(record.dir, kind, `${record.version}/${MODEL_FILES[kind].model}`);
}

/**
 * The model of `kind` from its file in `dir` (a version's folder, or the candidate's
 * before registration); `where` names the file in errors.
 */
export async function readModelFile(
  dir: string,
  kind: ModelChoice["kind"],
  where: string,
): Promise<EitherModel> {
  const text = await Deno.readTextFile(join(dir, MODEL_FILES[kind].model));
  if (kind === "logistic") return logisticFromJson(text);
  if (kind === "scorecard") return scorecardFromJson(text);
  return parseGbdtModel(JSON.parse(text), where);
}
