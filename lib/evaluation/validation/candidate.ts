/**
 * The validation report of a candidate as the evaluate stage has it: its GBDT, logistic
 * model and (when train wrote one) scorecard, which of them train chose, the splits and
 * the evaluation. Picks the served model, reads the GBDT's monotone constraints and
 * scores the training split, then builds the report.
 */
import type { ScorecardModel } from "../../model/scorecard/mod.ts";
import type { Dataset, GbdtModel, LogisticModel } from "../../model/types.ts";
import type { TierSpec } from "../../tiers/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { buildValidationReport } from "./build.ts";
import { type ExplainedModel, gbdtModel, logisticModel, scorecardModel } from "./models.ts";
import type { ReasonCodeCounter } from "./reason_codes.ts";
import type { ValidationReport } from "./schema.ts";

/** What {@link validateCandidate} reads. */
export interface CandidateValidation {
  evaluation: Evaluation;
  test: Dataset;
  train: Dataset;
  gbdt: GbdtModel;
  baseline: LogisticModel;
  /** data/models/candidate/scorecard.json, when train wrote one. */
  scorecard?: ScorecardModel;
  tiers: TierSpec;
  /** Plug reason codes in here once they exist (issue 14, item 2). */
  reasonCodes?: ReasonCodeCounter;
}

/** Builds the candidate's validation report. */
export function validateCandidate(input: CandidateValidation): ValidationReport {
  const models: ExplainedModel[] = [
    gbdtModel(input.gbdt),
    logisticModel(input.baseline),
    ...(input.scorecard === undefined ? [] : [scorecardModel(input.scorecard)]),
  ];
  const kind = input.evaluation.chosen.kind;
  const served = models.find((m) => m.kind === kind);
  if (served === undefined) {
    throw new RangeError(`Cannot validate the candidate: it has no ${kind} model to serve`);
  }
  return buildValidationReport({
    evaluation: input.evaluation,
    test: input.test,
    train: input.train,
    trainScores: served.predict(input.train),
    served,
    models,
    monotone: monotoneOf(input.gbdt),
    scorecard: input.scorecard,
    tiers: input.tiers,
    reasonCodes: input.reasonCodes,
  });
}

/** The GBDT's monotone constraints as it was trained (params.monotone), 1 / -1 only. */
export function monotoneOf(gbdt: GbdtModel): Record<string, 1 | -1> {
  const declared = gbdt.params.monotone;
  if (declared === null || typeof declared !== "object") return {};
  return Object.fromEntries(
    Object.entries(declared).filter(([, d]) => d === 1 || d === -1),
  ) as Record<string, 1 | -1>;
}
