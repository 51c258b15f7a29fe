/**
 * Which model a candidate offers — the scorecard, the logistic model or the GBDT — by the
 * out-of-fold AUC (small data) or the validation fold's AUC, with the reason in words.
 * Written beside the models as choice.json and carried into the registry, so the
 * server, `score`, drift and the reports know which of the version's files to use.
 */
import { z } from "zod";

/** The kinds of model a candidate can offer. */
export const MODEL_KINDS = ["gbdt", "logistic", "scorecard"] as const;
/** A model kind. */
export type ModelKind = typeof MODEL_KINDS[number];

/**
 * The kinds from the least to the most flexible: the order the choice rule walks. The
 * logistic model fits one slope per design column; the scorecard, a logistic model on
 * binned WOE, also fits its bins' cut points and WOE (a monotone step per feature); the
 * GBDT fits interactions. The first two are explained exactly (coefficients, points),
 * the GBDT through TreeSHAP. The logistic model is also the gate's baseline.
 */
export const SIMPLEST_FIRST: readonly ModelKind[] = Object.freeze([
  "logistic",
  "scorecard",
  "gbdt",
]);

/** The file a version stores beside its models naming the chosen kind. */
export const CHOICE_FILE = "choice.json";

/** Each kind's files in a candidate or version (today's names, kept for old versions). */
export const MODEL_FILES: Readonly<Record<ModelKind, { model: string; onnx: string }>> = Object
  .freeze({
    gbdt: { model: "model.json", onnx: "model.onnx" },
    logistic: { model: "baseline.json", onnx: "baseline.onnx" },
    scorecard: { model: "scorecard.json", onnx: "scorecard.onnx" },
  });

/**
 * choice.json. `auc.scorecard` is absent in the files of versions trained before the
 * scorecard was a candidate (and when `train.scorecard.enabled` is false); they still read.
 */
export const ModelChoice = z.strictObject({
  formatVersion: z.literal(1),
  kind: z.enum(MODEL_KINDS),
  /** What the AUCs were measured on. */
  criterion: z.enum(["oof_auc", "valid_auc"]),
  auc: z.strictObject({
    gbdt: z.number(),
    logistic: z.number(),
    scorecard: z.number().optional(),
  }),
  /** E.g. `chosen: scorecard, oof AUC 0.7832 vs logistic 0.7810, gbdt 0.7520`. */
  reason: z.string(),
});
/** choice.json */
export type ModelChoice = z.infer<typeof ModelChoice>;

/** The AUC of each candidate model; the scorecard's absent when it was not trained. */
export type CandidateAucs = ModelChoice["auc"];

/** What a reader calls each kind in a sentence. */
const SPOKEN: Readonly<Record<ModelKind, string>> = {
  gbdt: "the GBDT",
  logistic: "the logistic model",
  scorecard: "the scorecard",
};

/**
 * The model to serve, by AUC. The rule walks the kinds from the least flexible
 * ({@link SIMPLEST_FIRST}: logistic, scorecard, GBDT): a more flexible model replaces the
 * one kept so far only when its AUC is higher by more than `margin`
 * (`train.choice_margin`), so within the margin the models are equal on this evidence and
 * the simpler one is kept. The scorecard is held to the margin against the logistic model
 * too: its bins are fitted on the same rows, and the logistic model is the baseline the
 * gate judges every candidate against (`beats_baseline`), so replacing it on a lead
 * within the noise would hand the gate a candidate chosen by chance.
 * `choose` (`train.choose`) other than `auto` forces a kind, saying so in the reason.
 * @example
 * ```ts
 * import { chooseModel } from "./choice.ts";
 * chooseModel({ gbdt: 0.752, logistic: 0.781 }, "oof_auc").reason;
 * // "chosen: logistic, oof AUC 0.7810 vs gbdt 0.7520"
 * chooseModel({ gbdt: 0.7534, logistic: 0.752, scorecard: 0.7535 }, "oof_auc", 0.002).reason;
 * // "chosen: logistic, oof AUC 0.7520 vs scorecard 0.7535, gbdt 0.7534 (the scorecard and the GBDT lead by no more than the 0.002 margin)"
 * ```
 */
export function chooseModel(
  auc: CandidateAucs,
  criterion: ModelChoice["criterion"],
  margin = 0,
  choose: "auto" | ModelKind = "auto",
): ModelChoice {
  const trained = SIMPLEST_FIRST.filter((kind) => auc[kind] !== undefined);
  const of = (kind: ModelKind) => auc[kind] as number;
  if (choose !== "auto" && !trained.includes(choose)) {
    throw new RangeError(`Cannot choose ${choose} (train.choose): it was not trained`);
  }
  let kind = trained[0];
  for (const next of trained.slice(1)) if (of(next) > of(kind) + margin) kind = next;
  if (choose !== "auto") kind = choose;
  const measured = criterion === "oof_auc" ? "oof AUC" : "validation AUC";
  const others = trained.filter((k) => k !== kind).map((k) => `${k} ${of(k).toFixed(4)}`);
  let note = "";
  if (choose !== "auto") note = " (train.choose)";
  else {
    const close = trained.slice(trained.indexOf(kind) + 1).filter((k) => of(k) > of(kind));
    if (close.length > 0) {
      note = ` (${close.map((k) => SPOKEN[k]).join(" and ")} ${
        close.length === 1 ? "leads" : "lead"
      } by no more than the ${margin} margin)`;
    }
  }
  const reason = `chosen: ${kind}, ${measured} ${of(kind).toFixed(4)} vs ${
    others.join(", ")
  }${note}`;
  const copy: CandidateAucs = { gbdt: auc.gbdt, logistic: auc.logistic };
  if (auc.scorecard !== undefined) copy.scorecard = auc.scorecard;
  return { formatVersion: 1, kind, criterion, auc: copy, reason };
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
