/**
 * The tiers a candidate is evaluated and registered with. `evaluate` resolves the tier
 * rule (scoring the training split only for `quantile`) and writes tiers.json beside its
 * report; `register` stores those same thresholds with the version, so the report shows
 * the tiers clients get and serving reads plain thresholds.
 */
import { join } from "node:path";
import { z } from "zod";
import { formatZodIssues } from "../json/mod.ts";
import { type TierRule, TierSpec } from "./mod.ts";
import { type DerivedTiers, tiersFromQuantiles } from "./quantile.ts";

/** Name of the resolved tiers in the evaluation directory. */
export const TIERS_FILE = "tiers.json";

/**
 * The rule's tiers: its thresholds, or the quantiles of the training scores (asked for
 * only when needed: scoring the training split costs a pass over it).
 */
export async function resolveTiers(
  rule: TierRule,
  trainingScores: () => Promise<ArrayLike<number>>,
): Promise<DerivedTiers> {
  if (rule.by === "thresholds") return { ...rule.spec, by: "thresholds" };
  return tiersFromQuantiles(rule.names, rule.quantiles, await trainingScores());
}

const DerivedTiersFile = z.object({
  names: z.array(z.string()),
  thresholds: z.array(z.number()),
  by: z.enum(["thresholds", "quantile"]),
  quantiles: z.array(z.number()).optional(),
  rows: z.number().int().optional(),
});

/**
 * The thresholds to register: the rule's own for `thresholds`; for `quantile`, those
 * evaluate derived (tiers.json in `evaluationDir`), refused when they were derived for
 * other names or quantiles than the params now ask for.
 */
export async function tiersToRegister(rule: TierRule, evaluationDir: string): Promise<TierSpec> {
  if (rule.by === "thresholds") return rule.spec;
  const path = join(evaluationDir, TIERS_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new RangeError(
      `Cannot register quantile tiers: "${path}" does not exist (serve.tiers_by is quantile; run evaluate)`,
    );
  }
  const parsed = DerivedTiersFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new TypeError(`Cannot read "${path}": ${formatZodIssues(parsed.error.issues)}`);
  }
  const derived = parsed.data;
  const same = derived.by === "quantile" &&
    JSON.stringify([derived.names, derived.quantiles]) ===
      JSON.stringify([rule.names, rule.quantiles]);
  if (!same) {
    throw new RangeError(
      `Cannot register quantile tiers: "${path}" holds ${derived.by} tiers ${
        JSON.stringify(derived.names)
      } at quantiles ${JSON.stringify(derived.quantiles ?? [])}, but serve asks for ${
        JSON.stringify(rule.names)
      } at ${JSON.stringify(rule.quantiles)}; run evaluate again`,
    );
  }
  return TierSpec.parse({ names: derived.names, thresholds: derived.thresholds });
}
