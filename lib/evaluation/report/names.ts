/** How models are named in the evaluation report. */

/**
 * A reader's name for a model key of the evaluation ("gbdt", "baseline", a version);
 * `chosen` marks which of the two is the candidate.
 */
export function modelLabel(model: string, chosen: "gbdt" | "logistic" = "gbdt"): string {
  if (model === "gbdt") return chosen === "gbdt" ? "GBDT (candidate)" : "GBDT";
  if (model === "baseline") {
    return chosen === "logistic" ? "Logistic (candidate)" : "Logistic baseline";
  }
  return `Production ${model}`;
}

/** The candidate's name and the other model's, for sections that show the two. */
export function pairLabels(chosen: "gbdt" | "logistic"): { candidate: string; other: string } {
  return chosen === "gbdt"
    ? { candidate: modelLabel("gbdt"), other: modelLabel("baseline") }
    : { candidate: modelLabel("baseline", chosen), other: modelLabel("gbdt", chosen) };
}
