/**
 * The four stages of MLflow's registry before aliases, which riskpipe still answers to:
 * a version's stage is read off its aliases (stage_view.ts), and `promote <v> <stage>`
 * moves the alias a stage stands for.
 */

/** Lifecycle stages of a model version, as in MLflow's model registry. */
export const MODEL_STAGES = ["None", "Staging", "Production", "Archived"] as const;
/** One of {@link MODEL_STAGES}. */
export type ModelStage = (typeof MODEL_STAGES)[number];

/** The alias the champion is served from (`Production`). */
export const CHAMPION = "champion";
/** The alias of the version tried beside the champion (`Staging`). */
export const CHALLENGER = "challenger";

/** The alias each stage that has one stands for. */
export const STAGE_ALIASES: Readonly<Partial<Record<ModelStage, string>>> = {
  Production: CHAMPION,
  Staging: CHALLENGER,
};
