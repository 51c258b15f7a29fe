/**
 * The OpenAPI description of POST /feedback: its request bodies (one outcome or a batch)
 * and the operation, with examples that join the rows the scoring examples log (the tests
 * send every example to a harness and check the answers against the document).
 */

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, extra: Json = {}) => ({ "application/json": { schema, ...extra } });
const use = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The request bodies of POST /feedback. */
export const FEEDBACK_REQUEST_SCHEMAS = {
  Outcome: {
    type: "object",
    description:
      "The outcome of one served prediction, joined by request_id (with id too when the request scored several rows) or by id alone (the latest prediction for that applicant at or before observed_at)",
    additionalProperties: false,
    anyOf: [{ required: ["request_id"] }, { required: ["id"] }],
    required: ["outcome", "observed_at"],
    properties: {
      request_id: { type: "string", description: "requestId of the prediction" },
      id: {
        type: ["string", "number"],
        description: "The applicant's id (the version's key column, e.g. SK_ID_CURR)",
      },
      outcome: { enum: [0, 1], description: "1: defaulted, 0: did not" },
      observed_at: {
        type: "string",
        description:
          "When the outcome was observed: an ISO 8601 date or date-time with an offset, not in the future, not before the prediction",
        examples: ["2026-11-30", "2026-11-30T12:00:00Z"],
      },
    },
  },
  OutcomeBatch: {
    type: "object",
    required: ["outcomes"],
    additionalProperties: false,
    properties: { outcomes: { type: "array", items: ref("Outcome"), minItems: 1 } },
  },
};

/** POST /feedback, with examples that join the rows the scoring examples log. */
export function feedbackPath(): Json {
  const observedAt = "2026-01-02T03:04:05Z";
  const rejected = {
    error: "Feedback: 1 of 1 rows rejected",
    accepted: 0,
    duplicate: 0,
    rejected: 1,
    rows: [{
      row: 1,
      status: "rejected",
      issues: [{
        field: "outcome",
        rule: "in_set",
        message: 'Row 1: "outcome" must be 0 or 1, got 2',
      }],
    }],
    issues: [{
      field: "outcome",
      rule: "in_set",
      message: 'Row 1: "outcome" must be 0 or 1, got 2',
    }],
  };
  return {
    post: {
      summary: "Report outcomes (ground truth) of served predictions",
      description:
        "One outcome or a batch `{ outcomes: [...] }`. The good rows of a batch are stored and the bad ones listed: 200 when none was rejected, 422 with the same summary and every issue when any was. Resending is safe: an outcome already stored is a duplicate; a different outcome for the same prediction is a conflict and refused. Needs the admin bearer token when the server has one.",
      operationId: "feedback",
      security: [{ bearer: [] }, {}],
      requestBody: {
        required: true,
        content: json({ oneOf: [ref("Outcome"), ref("OutcomeBatch")] }, {
          examples: {
            one: {
              summary: "One outcome, by request id",
              value: { request_id: "req-1", outcome: 1, observed_at: observedAt },
            },
            batch: {
              summary: "A batch",
              value: {
                outcomes: [
                  { request_id: "req-2", outcome: 0, observed_at: observedAt },
                  { request_id: "req-3", outcome: 1, observed_at: observedAt },
                ],
              },
            },
          },
        }),
      },
      responses: {
        "200": {
          description: "Every row stored or a duplicate",
          content: json(ref("FeedbackSummary")),
        },
        "400": use("BadRequest"),
        "401": use("Unauthorized"),
        "405": use("MethodNotAllowed"),
        "413": use("PayloadTooLarge"),
        "415": use("UnsupportedMediaType"),
        "422": {
          description: "Some rows rejected (the others were stored), or the body is not outcomes",
          content: json({ anyOf: [ref("FeedbackRejected"), ref("Error")] }, {
            examples: { outcome: { summary: "An outcome of 2", value: rejected } },
          }),
        },
        "503": {
          description: "The outcome store is unavailable (nothing was stored)",
          content: json(ref("Error")),
        },
      },
    },
  };
}
