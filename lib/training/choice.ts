/**
 * Which model a candidate offers: the better of the GBDT and the logistic model on the
 * out-of-fold AUC (small data) or the validation fold's AUC, with the reason in words.
 * Written beside the models as choice.json and carried into the registry, so the
 * server, `score`, drift and the reports know which of the version's files to use.
 */
import { z } from "zod";

/** The kinds of model a candidate can offer. */
export const MODEL_KINDS = ["gbdt", "logistic"] as const;
/** A model kind. */
export type ModelKind = typeof MODEL_KINDS[number];

/** The file a version stores beside its models naming the chosen kind. */
export const CHOICE_FILE = "choice.json";

/** Each kind's files in a candidate or version (today's names, kept for old versions). */
export const MODEL_FILES: Readonly<Record<ModelKind, { model: string; onnx: string }>> = Object
  .freeze({
    gbdt: { model: "model.json", onnx: "model.onnx" },
    logistic: { model: "baseline.json", onnx: "baseline.onnx" },
  });

/** choice.json */
export const ModelChoice = z.strictObject({
  formatVersion: z.literal(1),
  kind: z.enum(MODEL_KINDS),
  /** What the AUCs were measured on. */
  criterion: z.enum(["oof_auc", "valid_auc"]),
  auc: z.strictObject({ gbdt: z.number(), logistic: z.number() }),
  /** E.g. `chosen: logistic, oof AUC 0.7810 vs gbdt 0.7520`. */
  reason: z.string(),
});
/** choice.json */
export type ModelChoice = z.infer<typeof ModelChoice>;

/**
 * The better model by AUC. The GBDT must beat the logistic model by more than `margin`
 * (`train.choice_margin`): within it the two are equal on this evidence, and the simpler,
 * exactly explained model is kept.
 * @example
 * ```ts
 * import { chooseModel } from "./choice.ts";
 * chooseModel({ gbdt: 0.752, logistic: 0.781 }, "oof_auc").reason;
 * // "chosen: logistic, oof AUC 0.7810 vs gbdt 0.7520"
 * ```
 */
export function chooseModel(
  auc: { gbdt: number; logistic: number },
  criterion: ModelChoice["criterion"],
  margin = 0,
): ModelChoice {
  const kind: ModelKind = auc.gbdt > auc.logistic + margin ? "gbdt" : "logistic";
  const other: ModelKind = kind === "gbdt" ? "logistic" : "gbdt";
  const measured = criterion === "oof_auc" ? "oof AUC" : "validation AUC";
  const within = kind === "logistic" && auc.gbdt > auc.logistic
    ? ` (the GBDT leads by no more than the ${margin} margin)`
    : "";
  const reason = `chosen: ${kind}, ${measured} ${auc[kind].toFixed(4)} vs ${other} ${
    auc[other].toFixed(4)
  }${within}`;
  return { formatVersion: 1, kind, criterion, auc: { ...auc }, reason };
}

/**
 * Parses a choice.json; a version without one serves its GBDT (every version before
 * the choice existed). Throws a TypeError naming the file and field.
 */
export function parseModelChoice(value: unknown, file: string): ModelChoice {
  const result = ModelChoice.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TypeError(
      `Cannot read ${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  return result.data;
}

/** The choice of a version that has no choice.json: its GBDT. */
export const LEGACY_CHOICE: ModelChoice = Object.freeze({
  formatVersion: 1,
  kind: "gbdt",
  criterion: "valid_auc",
  auc: { gbdt: NaN, logistic: NaN },
  reason: "chosen: gbdt (registered before the choice was recorded)",
}) as ModelChoice;
