/**
 * The OpenAPI 3.1 document of the scoring API: every route with its operations, the
 * request row's JSON Schema from the served version's contract, the response bodies'
 * schemas from their zod definitions (api_schemas.ts), the error responses and an
 * example row the server accepts.
 */
import type { TableContract } from "../lib/contracts/mod.ts";
import {
  componentSchemas,
  ErrorBody,
  ExplanationFields,
  FeedbackRejected,
  FeedbackRow,
  FeedbackSummary,
  Health,
  Inferences,
  Issue,
  ModelInfo,
  PointsRow,
  PrincipalReason,
  Reason,
  Reasons,
  ReloadFailure,
  ReloadResult,
  RollbackResult,
  ScorecardPoints,
  scoringSchemas,
} from "./api_schemas.ts";
import { contractExampleRow, csvRowJsonSchema, rowJsonSchema } from "./openapi_row.ts";
import { FEEDBACK_REQUEST_SCHEMAS, feedbackPath } from "./openapi_feedback.ts";
import type { CsvFormat } from "../lib/contracts/csv_contract_file.ts";
import { compileCsvRowReader } from "../lib/registry/csv_row.ts";
import { V2_SCHEMAS } from "./v2/api_schemas.ts";
import { v2Paths } from "./v2/openapi.ts";
import { uiPaths } from "./ui/openapi.ts";

type Json = Record<string, unknown>;

/** What the document describes. */
export interface OpenApiOptions {
  contract: TableContract;
  omit: readonly string[];
  version: string | undefined;
  tiers: readonly string[];
  maxBatchRows: number;
  /** A row the server accepts (the version's stored example); made from the contract if absent. */
  example?: Record<string, unknown>;
  /** A csv version's reading rules: the row is documented as its training file holds it. */
  csv?: CsvFormat;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, extra: Json = {}) => ({ "application/json": { schema, ...extra } });
const error = (description: string) => ({ description, content: json(ref("Error")) });
const use = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** The error responses every operation may answer (405 comes from the router). */
const ERROR_RESPONSES = {
  BadRequest: error("Malformed body: not UTF-8 or not JSON"),
  NotFound: error("No such route, file, or (admin) no admin token configured"),
  MethodNotAllowed: {
    description: "The path does not take this method",
    headers: {
      Allow: { description: "The methods the path takes", schema: { type: "string" } },
    },
    content: json(ref("Error")),
  },
  PayloadTooLarge: error("Body, or a batch's row count, over the limit"),
  UnsupportedMediaType: error("Content type is not application/json"),
  NoModel: error("No model is loaded"),
  Conflict: error("The registry refused the move (no earlier version, no registry)"),
  Unauthorized: {
    description: "Missing or wrong bearer token",
    headers: { "WWW-Authenticate": { schema: { type: "string" } } },
    content: json(ref("Error")),
  },
};

const BODY_ERRORS = {
  "400": use("BadRequest"),
  "405": use("MethodNotAllowed"),
  "413": use("PayloadTooLarge"),
  "415": use("UnsupportedMediaType"),
  "422": use("InvalidFields"),
  "503": use("NoModel"),
};

/** Builds the OpenAPI document. */
export function buildOpenApi(options: OpenApiOptions): Json {
  const example = options.example ?? contractExampleRow(options.contract, options.omit);
  const scoring = (
    operationId: string,
    summary: string,
    schema: string,
    value: unknown,
    response: string,
  ) => ({
    post: {
      summary,
      operationId,
      requestBody: {
        required: true,
        content: json(ref(schema), { examples: { applicant: { summary: "A row", value } } }),
      },
      responses: { "200": { description: "Scored", content: json(ref(response)) }, ...BODY_ERRORS },
    },
  });
  const read = (operationId: string, summary: string, ok: Json, more: Json = {}) => ({
    get: {
      summary,
      operationId,
      responses: { "200": ok, "405": use("MethodNotAllowed"), ...more },
    },
  });
  const admin = { security: [{ bearer: [] }] };
  const adminErrors = { "401": use("Unauthorized"), "404": use("NotFound") };
  return {
    openapi: "3.1.0",
    info: {
      title: "riskpipe scoring API",
      version: options.version ?? "no model",
      description: "Probability of default, risk tier and TreeSHAP reasons per applicant.",
    },
    paths: {
      "/predict": scoring("predict", "Score one applicant", "Applicant", example, "Prediction"),
      "/predict/batch": scoring(
        "predictBatch",
        `Score up to ${options.maxBatchRows} applicants`,
        "BatchRequest",
        { rows: [example], explain: true },
        "BatchResponse",
      ),
      "/explain": scoring(
        "explain",
        "Score one applicant with its reasons",
        "Applicant",
        example,
        "Explanation",
      ),
      "/feedback": feedbackPath(),
      "/health": read("health", "Liveness and readiness", {
        description: "A model is loaded",
        content: json(ref("Health")),
      }, { "503": { description: "No model is loaded", content: json(ref("Health")) } }),
      "/model": read("model", "Served model: metadata, features, metrics, lineage", {
        description: "The served version",
        content: json(ref("ModelInfo")),
      }, { "503": use("NoModel") }),
      "/metrics": read("metrics", "Prometheus metrics", {
        description: "Prometheus text exposition format 0.0.4",
        content: { "text/plain": { schema: { type: "string" } } },
      }),
      "/openapi.json": read("openapi", "This document", {
        description: "OpenAPI 3.1 document of the served version",
        content: json({ type: "object" }),
      }, { "503": use("NoModel") }),
      "/docs": read("docs", "API documentation with a try-it form", {
        description: "Self-contained HTML page",
        content: { "text/html": { schema: { type: "string" } } },
      }),
      ...uiPaths(),
      "/drift": {
        get: {
          summary: "Redirects to the drift site",
          operationId: "driftSite",
          responses: {
            "301": {
              description: "To /drift/",
              headers: { Location: { schema: { type: "string", const: "/drift/" } } },
            },
            "405": use("MethodNotAllowed"),
          },
        },
      },
      "/drift/{file}": {
        get: {
          summary: "A file of the static drift site (the directory given to serve)",
          operationId: "driftFile",
          parameters: [{
            name: "file",
            in: "path",
            required: true,
            description: "Path under the site; a directory serves its index.html",
            schema: { type: "string" },
            example: "index.html",
          }],
          responses: {
            "200": { description: "The file", content: { "*/*": { schema: {} } } },
            "404": use("NotFound"),
            "405": use("MethodNotAllowed"),
          },
        },
      },
      "/admin/reload": {
        post: {
          summary: "Load the registry's Production version now",
          operationId: "adminReload",
          ...admin,
          responses: {
            "200": { description: "Reloaded", content: json(ref("ReloadResult")) },
            ...adminErrors,
            "405": use("MethodNotAllowed"),
            "500": {
              description: "The version failed to load",
              content: json(ref("ReloadFailure")),
            },
          },
        },
      },
      "/admin/rollback": {
        post: {
          summary: "Move @champion (or the alias given) back to the version it named before",
          description: "Blue-green rollback: the alias moves in the registry's history " +
            '(who: "admin-api") and the server reloads at once. Body (optional): ' +
            '{"alias": "champion", "reason": "…"}.',
          operationId: "adminRollback",
          ...admin,
          responses: {
            "200": { description: "Rolled back", content: json(ref("RollbackResult")) },
            ...adminErrors,
            "405": use("MethodNotAllowed"),
            "409": use("Conflict"),
          },
        },
      },
      "/admin/inferences": {
        get: {
          summary: "The latest scored rows, newest first",
          operationId: "adminInferences",
          ...admin,
          parameters: [{
            name: "limit",
            in: "query",
            required: false,
            schema: { type: "integer", minimum: 1, maximum: 1000, default: 50 },
          }],
          responses: {
            "200": { description: "Recent inferences", content: json(ref("Inferences")) },
            ...adminErrors,
            "405": use("MethodNotAllowed"),
          },
        },
      },
      ...v2Paths({ ...options, example }),
    },
    components: {
      schemas: {
        Applicant: options.csv === undefined
          ? rowJsonSchema(options.contract, options.omit)
          : csvRowJsonSchema(options.contract, options.omit, options.csv),
        ...FEEDBACK_REQUEST_SCHEMAS,
        BatchRequest: {
          type: "object",
          required: ["rows"],
          additionalProperties: false,
          properties: {
            rows: {
              type: "array",
              items: ref("Applicant"),
              minItems: 1,
              maxItems: options.maxBatchRows,
            },
            explain: { type: "boolean", default: false, description: "Add each row's reasons" },
          },
        },
        ...componentSchemas({
          ...scoringSchemas(options.tiers),
          Health,
          ModelInfo,
          ScorecardPoints,
          PointsRow,
          ReloadResult,
          RollbackResult,
          ReloadFailure,
          Inferences,
          FeedbackRow,
          FeedbackSummary,
          FeedbackRejected,
          Error: ErrorBody,
          Issue,
          Reason,
          Reasons,
          PrincipalReason,
          RowExplanation: ExplanationFields,
          ...V2_SCHEMAS,
        }),
      },
      responses: { ...ERROR_RESPONSES, InvalidFields: invalidFields(options) },
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "The token given to serve (RISKPIPE_ADMIN_TOKEN)",
        },
      },
    },
  };
}

/**
 * The 422 response, with the body the example row gets when its first required field is
 * left out (a csv row, whose fields are all optional: when a boolean says "maybe").
 */
function invalidFields(options: OpenApiOptions): Json {
  const response: Json = error("Invalid fields: each one named with the rule it breaks");
  if (options.csv !== undefined) return invalidCsvField(response, options, options.csv);
  const skip = new Set(options.omit);
  const field = options.contract.columns.find((c) => !c.nullable && !skip.has(c.name))?.name;
  if (field === undefined) return response;
  const value = {
    error: "Invalid request: 1 field breaks the contract",
    issues: [{ field, rule: "required", message: `"${field}": is required` }],
  };
  const summary = `The example without ${field}`;
  return {
    ...response,
    content: json(ref("Error"), { examples: { missing: { summary, value } } }),
  };
}

/** A csv row whose first boolean (else number) field holds text the rules cannot read. */
function invalidCsvField(response: Json, options: OpenApiOptions, csv: CsvFormat): Json {
  const skip = new Set([...options.omit, csv.targetColumn]);
  const columns = options.contract.columns.filter((c) => !skip.has(c.name));
  const column = columns.find((c) => c.type === "boolean") ??
    columns.find((c) => c.type === "int" || c.type === "float");
  if (column === undefined) return response;
  const bad = column.type === "boolean" ? "maybe" : "not a number";
  const issues = compileCsvRowReader(options.contract, csv)({ [column.name]: bad }).issues;
  const value = { error: "Invalid request: 1 field breaks the contract", issues };
  const summary = `The example with ${column.name} = "${bad}"`;
  return {
    ...response,
    content: json(ref("Error"), { examples: { unreadable: { summary, value } } }),
  };
}
