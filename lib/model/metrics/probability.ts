/** Proper scoring rules over predicted probabilities: Brier score and log loss. */
import { assertBinaryInputs, type Labels, type Scores } from "./inputs.ts";

/** Mean squared difference between the predicted probability and the label. */
export function brier(probabilities: Scores, labels: Labels): number {
  assertBinaryInputs("Brier score", probabilities, labels);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += (probabilities[i] - labels[i]) ** 2;
  return sum / labels.length;
}

/**
 * Mean negative log-likelihood, with probabilities clipped to [eps, 1 − eps] so a
 * confident mistake costs a large but finite amount.
 */
export function logloss(probabilities: Scores, labels: Labels, eps = 1e-15): number {
  assertBinaryInputs("log loss", probabilities, labels);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i], eps), 1 - eps);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}
