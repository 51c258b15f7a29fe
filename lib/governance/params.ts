/**
 * The `governance` section of the params: the protected attributes that are always
 * evaluated for fairness on the test split, and which of them the model may not see.
 * One schema for the pipeline's check before any stage runs and for the stages.
 */
import { z } from "zod";

/** params.governance */
export const GovernanceParams = z.strictObject({
  /**
   * Feature-store columns (categorical or boolean; any column of a csv source) whose
   * groups are compared: adverse impact ratio at each tier cut-off and AUC per group.
   */
  protected: z.array(z.string().min(1)).default([]),
  /**
   * Which protected attributes are left out of training: `true` all of them, `false`
   * none, or a list naming some. Excluded ones are still evaluated.
   */
  exclude_from_training: z.union([z.boolean(), z.array(z.string().min(1))]).default(true),
  /** A group with fewer test rows is reported but not judged (no four-fifths flag, no gate). */
  min_group_rows: z.number().int().min(1).default(30),
  /**
   * The reason-code table (a YAML file, see lib/governance/reasons/): evaluate checks it
   * against the model and register copies it into the version. Absent or null: no table,
   * every principal reason is a feature's own name with no code.
   */
  reasons: z.string().min(1).nullable().optional(),
}).superRefine((params, ctx) => {
  params.protected.forEach((name, i) => {
    if (params.protected.indexOf(name) !== i) {
      ctx.addIssue({ code: "custom", path: ["protected", i], message: "Is listed twice" });
    }
  });
  if (!Array.isArray(params.exclude_from_training)) return;
  const listed = params.protected.length === 0 ? "none" : [...new Set(params.protected)].join(", ");
  params.exclude_from_training.forEach((name, i) => {
    if (!params.protected.includes(name)) {
      ctx.addIssue({
        code: "custom",
        path: ["exclude_from_training", i],
        message: `Must be one of governance.protected (${listed})`,
      });
    }
  });
});
export type GovernanceParams = z.infer<typeof GovernanceParams>;

/**
 * The protected attributes the model may not see, in `protected` order.
 * @example
 * ```ts
 * import { excludedAttributes, GovernanceParams } from "./params.ts";
 * excludedAttributes(GovernanceParams.parse({ protected: ["CODE_GENDER"] })); // ["CODE_GENDER"]
 * ```
 */
export function excludedAttributes(params: GovernanceParams): string[] {
  const rule = params.exclude_from_training;
  if (rule === true) return [...params.protected];
  if (rule === false) return [];
  return params.protected.filter((name) => rule.includes(name));
}
