/**
 * The points table of the report: the candidate's scorecard's points per bin of each
 * feature in the model (lib/model/scorecard's pointsTable), or null when the version has
 * no scorecard — the page then says so instead of showing points no model uses.
 */
import { pointsTable, type ScorecardModel } from "../../model/scorecard/mod.ts";
import type { ValidationReport } from "./schema.ts";

/** The points of `scorecard`'s model features; null without a scorecard. */
export function pointsOf(scorecard: ScorecardModel | undefined): ValidationReport["points"] {
  if (scorecard === undefined) return null;
  return {
    baseScore: scorecard.scaling.baseScore,
    baseOdds: scorecard.scaling.baseOdds,
    pdo: scorecard.scaling.pdo,
    rows: pointsTable(scorecard).filter((row) => row.included).map((row) => ({
      feature: row.feature,
      bin: row.bin,
      label: row.label,
      count: row.count,
      badRate: row.badRate,
      woe: row.woe,
      points: row.points,
    })),
  };
}
