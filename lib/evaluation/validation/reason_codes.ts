/**
 * The hook for reason-code frequencies among declined applicants. Reason codes are being
 * built (issue 14, item 2); until a {@link ReasonCodeCounter} is passed to
 * buildValidationReport the report's `reasonCodes` is null and the page says "Reason
 * codes: not built yet". A counter receives the declined test rows' contributions
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
