/** The error a split raises when one of its checks fails. */

/** Names of the split's refusal checks. */
export type SplitCheck =
  | "missing_ids"
  | "duplicate_ids"
  | "target_values"
  | "ids_disjoint"
  | "target_rate"
  | "leakage"
  | "too_small";

/** A split refused: `check` names the rule, the message names the offending values. */
export class SplitCheckError extends Error {
  readonly check: SplitCheck;
  constructor(check: SplitCheck, message: string) {
    super(message);
    this.name = "SplitCheckError";
    this.check = check;
  }
}
