/** How models are named in the evaluation report. */
import type { ModelKind } from "../../training/choice.ts";

/**
 * A reader's name for a model key of the evaluation ("gbdt", "baseline", "scorecard", a
 * version); `chosen` marks which of them is the candidate.
 */
export function modelLabel(model: string, chosen: ModelKind = "gbdt"): string {
  if (model === "gbdt") return chosen === "gbdt" ? "GBDT (candidate)" : "GBDT";
  if (model === "baseline") {
    return chosen === "logistic" ? "Logistic (candidate)" : "Logistic baseline";
  }
  if (model === "scorecard") return chosen === "scorecard" ? "Scorecard (candidate)" : "Scorecard";
  return `Production ${model}`;
}

/**
 * The candidate's name and the other model's, for sections that show two: the other is
 * the logistic baseline, or the GBDT when the logistic model is the candidate.
 */
export function pairLabels(chosen: ModelKind): { candidate: string; other: string } {
  const key = { gbdt: "gbdt", logistic: "baseline", scorecard: "scorecard" }[chosen];
  return {
    candidate: modelLabel(key, chosen),
    other: modelLabel(chosen === "logistic" ? "gbdt" : "baseline", chosen),
  };
}
