/** How models are named in the evaluation report. */

/** A reader's name for a model key of the evaluation ("gbdt", "baseline", a version). */
export function modelLabel(model: string): string {
  if (model === "gbdt") return "GBDT (candidate)";
  if (model === "baseline") return "Logistic baseline";
  return `Production ${model}`;
}
