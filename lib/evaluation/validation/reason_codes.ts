/**
 * Reason-code frequencies among declined applicants. The evaluate stage passes a
 * {@link ReasonCodeCounter} built on the reason table (lib/governance/reasons); without
 * one the report's `reasonCodes` is null and the page says none were counted. A counter
 * receives the declined test rows' contributions
 * (exact SHAP of the served model, margin units) and returns how often each code was
 * among a row's principal reasons.
 */
import type { Dataset } from "../../model/types.ts";
import type { ShapBatch } from "../../model/shap/mod.ts";
import type { ReasonCodeFrequencies } from "./schema.ts";

/** The declined test rows and their contributions, what a counter reads. */
export interface DeclinedContributions {
  /** The declined rows' feature values (the served model's features). */
  data: Dataset;
  /** Their contributions: `shap[j][k]` is feature j's share of row k's margin. */
  contributions: ShapBatch;
}

/** (declined test rows' contributions) → count of each reason code. */
export type ReasonCodeCounter = (declined: DeclinedContributions) => Record<string, number>;

/** The frequencies a counter gives, or null when there is no counter yet. */
export function reasonCodeFrequencies(
  counter: ReasonCodeCounter | undefined,
  declined: () => DeclinedContributions,
  declinedBy: string,
): ReasonCodeFrequencies | null {
  if (counter === undefined) return null;
  const rows = declined();
  return { declinedBy, declinedRows: rows.data.rows, counts: counter(rows) };
}
