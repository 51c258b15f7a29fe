/**
 * How often each reason is among the principal reasons of a set of rows (the declined
 * applicants of the validation report): counted per row, so a row adds one to each of
 * its (at most four) reasons.
 */
import type { ShapBatch } from "../../model/shap/mod.ts";
import type { ReasonIndex } from "./compile.ts";
import { principalReasons } from "./principal.ts";

/** The key a reason is counted under: `R01 External credit scores…`, or `(no code) NAME`. */
export function reasonKey(reason: { code: string | null; text: string }): string {
  return reason.code === null ? `(no code) ${reason.text}` : `${reason.code} ${reason.text}`;
}

/**
 * Counts the principal reasons of every row of `contributions` (`shap[j][k]`, feature j
 * named `features[j]`); the features are matched to the index by name, so the model may
 * hold them in any order, but it must hold every feature the index knows.
 * @example
 * ```ts
 * import { compileReasonIndex } from "./compile.ts";
 * import { countPrincipalReasons } from "./frequencies.ts";
 * const manifest = {
 *   formatVersion: 1 as const, key: "ID", target: "y",
 *   features: ["A", "B"].map((name) => ({
 *     name, type: "numeric" as const, source: "csv", description: name,
 *   })),
 * };
 * const index = compileReasonIndex(manifest, {
 *   formatVersion: 1,
 *   reasons: [{ code: "R01", text: "A is low", features: ["A"] }],
 * });
 * const counts = countPrincipalReasons(index, ["B", "A"], {
 *   expectedValue: 0, rows: 2,
 *   shap: [Float64Array.of(0.5, -1), Float64Array.of(0.1, 0.2)],
 * });
 * // row 0: A and B raised it; row 1: only A
 * if (counts["R01 A is low"] !== 2 || counts["(no code) B"] !== 1) throw new Error("counts");
 * ```
 */
export function countPrincipalReasons(
  index: ReasonIndex,
  features: readonly string[],
  contributions: ShapBatch,
): Record<string, number> {
  const position = new Map(features.map((name, j) => [name, j]));
  const order = index.names.map((name) => {
    const j = position.get(name);
    if (j === undefined) {
      throw new RangeError(
        `Cannot count reasons: the reason index names feature "${name}" but the model has no such feature`,
      );
    }
    return j;
  });
  const counts: Record<string, number> = {};
  const row = new Float64Array(order.length);
  for (let k = 0; k < contributions.rows; k++) {
    for (let i = 0; i < order.length; i++) row[i] = contributions.shap[order[i]][k];
    for (const reason of principalReasons(index, row)) {
      const key = reasonKey(reason);
      counts[key] = (counts[key] ?? 0) + 1;
    }
  }
  return counts;
}
