/**
 * The response bodies of the scoring API as zod schemas: one definition for the
 * OpenAPI document's component schemas (zod 4's JSON Schema output) and the types a
 * test checks real responses against. The request row is not here: its rules come from
 * the served contract (see openapi_row.ts).
 */
import { z } from "zod";

/** One field's problem in an error body (lib/contracts' RowIssue). */
export const Issue = z.object({
  field: z.string().describe('Field name ("" for the body or row itself)'),
  rule: z.string().describe("Rule broken, e.g. required, type, min, in_set, unknown_field"),
  message: z.string().describe("Sentence naming the field and the rule"),
});

/** Every 4xx and 503 body. */
export const ErrorBody = z.object({
  error: z.string().describe("One line saying what is wrong"),
  issues: z.array(Issue).describe("Every problem found, one per field and rule"),
});

/** A feature's contribution to one score. */
export const Reason = z.object({
  feature: z.string(),
  description: z.string().optional().describe(
    'The word or word pair a free-text column\'s TF-IDF feature weighs, e.g. "late payment"',
  ),
  value: z.string().describe("The feature's value as the row gave it"),
  shap: z.number().describe("TreeSHAP contribution on the log-odds scale"),
});

/** The features pushing one score up and down. */
export const Reasons = z.object({
  up: z.array(Reason).describe("Features raising the risk, strongest first"),
  down: z.array(Reason).describe("Features lowering the risk, strongest first"),
});

/** One principal (adverse-action) reason: a reason code and the features behind it. */
export const PrincipalReason = z.object({
  code: z.string().nullable().describe(
    "Code in the version's reason table; null when the feature has no entry (or the version has no table): the text is then the feature's name",
  ),
  text: z.string().describe('Plain-language reason, e.g. "Short time in current employment"'),
  contribution: z.number().positive().describe(
    "Sum of the positive SHAP contributions (log-odds) of the code's features",
  ),
  features: z.array(z.string()).min(1).describe(
    "The code's features that raised the risk, largest contribution first",
  ),
}).meta({
  examples: [{
    code: "R01",
    text: "External credit scores are low or unavailable",
    contribution: 0.412,
    features: ["EXT_SOURCE_3", "EXT_SOURCES_MEAN"],
  }],
});

/** Reasons of one scored row. */
export const ExplanationFields = z.object({
  reasons: Reasons,
  principalReasons: z.array(PrincipalReason).max(4).describe(
    "Up to four reason codes that raised the risk most, largest first (never one that lowered it); features sharing a code are summed",
  ),
  baseline: z.number().min(0).max(1).describe(
    "Probability of default of the model's expected margin, before any feature's contribution",
  ),
  summary: z.string().describe("The principal reasons in one sentence"),
  calibration: z.string().optional().describe(
    "Present when a calibration map follows the trees (train.calibration: platt): the SHAP values are in the trees' log-odds, the probability is the map of their sum",
  ),
});

/** One row's outlier result (present when the serving version has an outlier model). */
export const OutlierFields = z.object({
  score: z.number().min(0).max(1).describe(
    "Isolation forest score 2^(−E[h]/c(ψ)): near 0.5 is ordinary, towards 1 the row is isolated in few random splits",
  ),
  distance: z.number().min(0).nullable().describe(
    "Robust Mahalanobis distance over the numeric features (winsorised, shrunk covariance); null when the version has no numeric features for it",
  ),
  flag: z.boolean().describe(
    "Whether either score passes its training threshold (quantile 1 − contamination/2 of each)",
  ),
}).describe(
  "Whether the row looks unlike the training data; present when the version has an outlier model (train.outliers)",
).meta({ examples: [{ score: 0.41, distance: 7.9, flag: false }] });

/** The schemas that depend on the served version: its tier names. */
export function scoringSchemas(tiers: readonly string[]) {
  const tier = z.enum(tiers as [string, ...string[]]).describe("Risk tier of the probability");
  const probability = z.number().min(0).max(1).describe("Probability of default");
  const id = z.union([z.string(), z.number()]).optional().describe(
    "The row's id column value as read, when the row gave one",
  );
  const ids = {
    requestId: z.string().describe("Id of this request, as logged"),
    modelVersion: z.string().describe("Registered version that scored the request"),
  };
  const outlier = OutlierFields.optional();
  const BatchPrediction = z.object({
    id,
    probability,
    tier,
    outlier,
    explanation: ExplanationFields.optional().describe("Present when the batch asked for it"),
  });
  return {
    Prediction: z.object({ ...ids, id, probability, tier, outlier }),
    BatchPrediction,
    BatchResponse: z.object({ ...ids, predictions: z.array(BatchPrediction) }),
    Explanation: z.object({
      ...ids,
      id,
      probability,
      tier,
      outlier,
      ...ExplanationFields.shape,
    }),
  };
}

/** GET /health. */
export const Health = z.object({
  status: z.enum(["ok", "no_model"]),
  live: z.boolean(),
  ready: z.boolean().describe("Whether a model is loaded (503 when not)"),
  modelVersion: z.string().nullable(),
  loadedAt: z.string().nullable().describe("ISO 8601 time the model was loaded"),
  lastReloadError: z.string().nullable(),
  release: z.object({
    mode: z.enum(["single", "shadow", "canary"]),
    weight: z.number().optional().describe("Percent of applicants the challenger answers (canary)"),
    challenger: z.object({
      spec: z.string().describe('The alias or version the policy names ("@challenger")'),
      version: z.string().nullable().describe(
        "Loaded version (null: none; the champion serves alone)",
      ),
      loadedAt: z.string().nullable(),
      lastReloadError: z.string().nullable().describe("Why the challenger's last load failed"),
    }).nullable(),
  }).describe("The release policy (serve.release) and the challenger's state"),
  log: z.object({
    written: z.number().int(),
    dropped: z.number().int(),
    failures: z.number().int(),
    pending: z.number().int(),
    lost: z.number().int().describe(
      "Written to a log file later deleted or replaced (rows in the log = written − lost)",
    ),
  }).describe("Counters of the inference log"),
});

/** One bin of one feature of a scorecard (lib/model/scorecard's pointsTable row). */
export const PointsRow = z.object({
  feature: z.string(),
  included: z.boolean().describe("Whether the feature's points count toward the score"),
  iv: z.number().describe("The feature's information value on the training split"),
  coefficient: z.number().describe("The logistic coefficient on the feature's WOE"),
  bin: z.number().int().describe("Bin index; the missing bin is last"),
  kind: z.enum(["range", "levels", "missing"]),
  lower: z.number().nullable().describe("Range bins: lower bound (float32 value ≥ it); null: none"),
  upper: z.number().nullable().describe("Range bins: upper bound (float32 value < it); null: none"),
  levels: z.array(z.string()).describe("Level bins: the levels in the bin"),
  label: z.string().describe('The bin as a reader sees it: "[0.5, 2)", "A, B" or "missing"'),
  count: z.number().describe("Training rows in the bin"),
  bads: z.number().describe("Training defaults in the bin"),
  badRate: z.number().nullable().describe("bads / count; null for an empty bin"),
  woe: z.number().describe("ln(share of bads / share of goods)"),
  points: z.number().describe("Points a row in this bin scores"),
});

/** The points table of a served scorecard. */
export const ScorecardPoints = z.object({
  baseScore: z.number().describe("Score at which the good:bad odds are baseOdds"),
  baseOdds: z.number().describe("Good:bad odds at baseScore"),
  pdo: z.number().describe("Points that double the good:bad odds"),
  table: z.array(PointsRow).describe("Every bin of every feature, features in model order"),
});

/** GET /model. */
export const ModelInfo = z.object({
  version: z.string(),
  stage: z.enum(["None", "Staging", "Production", "Archived"]),
  createdAt: z.string(),
  gatePassed: z.boolean(),
  metrics: z.record(z.string(), z.number()),
  lineage: z.record(z.string(), z.unknown()),
  model: z.object({
    kind: z.enum(["gbdt", "logistic", "scorecard"]).describe(
      "The kind of model this version serves",
    ),
    reason: z.string().describe(
      "Why, e.g. `chosen: scorecard, oof AUC 0.7832 vs logistic 0.7810, gbdt 0.7520`",
    ),
    criterion: z.enum(["oof_auc", "valid_auc"]),
    auc: z.object({
      gbdt: z.number().nullable(),
      logistic: z.number().nullable(),
      scorecard: z.number().nullable().describe("null when the version has no scorecard"),
    }),
    points: ScorecardPoints.optional().describe("Present when the served model is a scorecard"),
  }).describe("The served model's kind and why it was chosen over the others"),
  source: z.enum(["synthetic", "home-credit", "csv"]),
  tiers: z.object({ names: z.array(z.string()), thresholds: z.array(z.number()) }),
  key: z.string().describe("Entity id column"),
  snapshot: z.object({ key: z.string(), features: z.number().int(), rows: z.number().int() })
    .nullable().describe("The history-feature snapshot looked up by key, if the model has one"),
  features: z.array(z.object({
    name: z.string(),
    type: z.enum(["numeric", "categorical", "boolean"]),
    source: z.string(),
    description: z.string(),
    levels: z.array(z.string()).optional(),
  })),
});

/** POST /admin/reload. */
export const ReloadResult = z.object({
  before: z.string().nullable(),
  after: z.string().nullable(),
  changed: z.boolean(),
});

/** POST /admin/rollback. */
export const RollbackResult = z.object({
  alias: z.string(),
  from: z.string().describe("The version the alias named"),
  to: z.string().describe("The version it names again"),
  serving: z.string().nullable().describe("The champion served after the reload"),
});

/** 500 of POST /admin/reload. */
export const ReloadFailure = z.object({
  error: z.string(),
  before: z.string().nullable(),
  issues: z.array(Issue),
});

/** GET /admin/inferences. */
export const Inferences = z.object({
  inferences: z.array(z.object({
    requestId: z.string(),
    time: z.string(),
    modelVersion: z.string(),
    endpoint: z.string(),
    inputs: z.record(z.string(), z.unknown()).describe("The row as the client sent it"),
    score: z.number(),
    tier: z.string(),
    outlier: z.object({ score: z.number(), flag: z.boolean() }).optional().describe(
      "The row's isolation score and outlier flag, when the version has an outlier model",
    ),
    pairId: z.string().optional().describe(
      "Shared by a shadow release's champion row and the challenger's shadow row",
    ),
    shadow: z.boolean().optional().describe("True on the challenger's shadow row of a pair"),
    latencyMs: z.number().optional().describe(
      "Milliseconds the version took to score the call the row came in",
    ),
  })).describe("Newest first"),
});

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schemas of `schemas` keyed by name, referring to each other by
 * `#/components/schemas/NAME`.
 */
export function componentSchemas(schemas: Record<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(out.schemas).map(([id, schema]) => {
      const { $schema: _, $id: __, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

/** One reported outcome's result (POST /feedback). */
export const FeedbackRow = z.object({
  row: z.number().int().min(1).describe("Position in the batch, from 1"),
  status: z.enum(["accepted", "duplicate", "rejected"]).describe(
    "accepted: stored now; duplicate: the prediction already had this outcome (nothing stored); rejected: see issues",
  ),
  requestId: z.string().optional().describe("Request of the prediction the outcome joined"),
  modelVersion: z.string().optional().describe("Version that made that prediction"),
  issues: z.array(Issue).describe("Every rule the row breaks; empty unless rejected"),
});

const feedbackCounts = {
  accepted: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  rows: z.array(FeedbackRow).describe("One per reported outcome, in batch order"),
};

/** 200 of POST /feedback: every row accepted or a duplicate. */
export const FeedbackSummary = z.object(feedbackCounts);

/** 422 of POST /feedback: some rows rejected (the good ones were stored). */
export const FeedbackRejected = z.object({
  error: z.string(),
  ...feedbackCounts,
  issues: z.array(Issue).describe("Every rejected row's issues"),
});
