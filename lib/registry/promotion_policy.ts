/**
 * When `register` makes a version the champion (Production) on its own. Promotion is
 * explicit, as in MLflow: by default (`register.promote: first`) only the first version,
 * when there is no champion yet; with `auto` every version whose gate passed, including
 * "not worse than the champion"; with `never` none. A `--set-param` run is an experiment
 * and never promotes unless the run itself sets `register.promote`.
 */
import { z } from "zod";
import type { GateResult } from "../evaluation/gate.ts";

/** The values of `register.promote`. */
export const PROMOTION_POLICIES = ["first", "auto", "never"] as const;
/** One of {@link PROMOTION_POLICIES}. */
export type PromotionPolicy = (typeof PROMOTION_POLICIES)[number];

/**
 * Params `register.*`. `promote_to` (before `promote` existed) is still read: `None`
 * means `never`, `Production` means `first` (it used to promote every passing version,
 * which let an experiment replace the champion; `auto` does that now, gated).
 */
export const RegisterParams = z.strictObject({
  promote: z.enum(PROMOTION_POLICIES, {
    error: `expected one of ${PROMOTION_POLICIES.join(", ")}`,
  }).optional(),
  promote_to: z.enum(["None", "Production"], {
    error: 'expected "None" or "Production" (deprecated: use register.promote)',
  }).optional(),
}).refine((params) => params.promote === undefined || params.promote_to === undefined, {
  message: "set register.promote only (register.promote_to is its deprecated predecessor)",
  path: ["promote_to"],
}).transform((params) => ({
  promote: params.promote ??
    (params.promote_to === "None" ? "never" : "first") as PromotionPolicy,
  deprecated: params.promote_to !== undefined,
}));
/** Params `register.*` after validation. */
export type RegisterParams = z.infer<typeof RegisterParams>;

/** What the decision is made on. */
export interface PromotionInput {
  policy: PromotionPolicy;
  version: string;
  /** True when no alias ever named the version (a manual promotion or rollback is kept). */
  untouched: boolean;
  /** The current champion, if any. */
  champion: string | undefined;
  gate: GateResult;
  /** The champion the gate compared the candidate with (from the evaluation metrics). */
  judgedAgainst: string | undefined;
  /** Params keys this run set with `--set-param`. */
  setParamKeys: readonly string[];
}

/** Whether to promote, and why in one line. */
export interface PromotionDecision {
  promote: boolean;
  reason: string;
}

/**
 * Decides whether `register` promotes a version to Production.
 * @example
 * decidePromotion({ policy: "first", version: "v0002", untouched: true, champion: "v0001",
 *   gate, judgedAgainst: "v0001", setParamKeys: [] }); // { promote: false, reason: "…" }
 */
export function decidePromotion(input: PromotionInput): PromotionDecision {
  const { version, champion } = input;
  const byHand = `deno task registry promote ${version} Production`;
  const no = (reason: string): PromotionDecision => ({ promote: false, reason });
  if (champion === version) return no(`${version} is already the champion`);
  if (!input.untouched) return no(`${version} changed stage before, so register leaves it`);
  const asked = input.setParamKeys.some((key) => key === "register" || key.startsWith("register."));
  if (input.setParamKeys.length > 0 && !asked) {
    return no(
      `a --set-param run (${input.setParamKeys.join(", ")}) does not promote: ` +
        `promote by hand (${byHand}) or add --set-param register.promote=auto`,
    );
  }
  if (input.policy === "never") return no(`register.promote is never: promote by hand (${byHand})`);
  if (input.policy === "first" && champion !== undefined) {
    return no(
      `${champion} is the champion and register.promote is first: ` +
        `promote by hand (${byHand}) or set register.promote: auto`,
    );
  }
  const failed = input.gate.checks.filter((check) => check.status === "fail").map((c) => c.name);
  if (!input.gate.passed || failed.length > 0) {
    return no(`its gate failed (${failed.join(", ") || "gate.passed is false"})`);
  }
  if (champion === undefined) return { promote: true, reason: "no champion yet, gate passed" };
  if (input.judgedAgainst !== champion) {
    return no(
      `its gate compared it with ${input.judgedAgainst ?? "no champion"}, ` +
        `not with the champion ${champion}: re-run evaluate`,
    );
  }
  const comparison = input.gate.checks.find((c) => c.name === "not_worse_than_production");
  if (comparison?.status !== "pass") {
    return no(`its gate has no passed not_worse_than_production check against ${champion}`);
  }
  return { promote: true, reason: `gate passed, not worse than ${champion}` };
}
