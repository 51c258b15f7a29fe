/**
 * The OpenAPI 3.1 document of the scoring API, with the request row's JSON Schema
 * generated from the served version's contract (types, ranges, category levels,
 * nullability, required fields).
 */
import type { ColumnContract, TableContract } from "../contracts/mod.ts";

type Json = Record<string, unknown>;

/** JSON Schema of one request row of `contract`, leaving out `omit`. */
export function rowJsonSchema(contract: TableContract, omit: readonly string[]): Json {
  const skip = new Set(omit);
  const columns = contract.columns.filter((c) => !skip.has(c.name));
  return {
    type: "object",
    additionalProperties: false,
    required: columns.filter((c) => !c.nullable).map((c) => c.name),
    properties: Object.fromEntries(columns.map((c) => [c.name, columnJsonSchema(c)])),
  };
}

function columnJsonSchema(column: ColumnContract): Json {
  const base: Json = {};
  switch (column.type) {
    case "int":
    case "float": {
      base.type = column.type === "int" ? "integer" : "number";
      if (column.min !== undefined) base.minimum = column.min;
      if (column.max !== undefined) base.maximum = column.max;
      break;
    }
    case "category":
      base.type = "string";
      if (column.levels !== undefined) base.enum = column.levels;
      break;
    case "string":
      base.type = "string";
      break;
    case "boolean":
      base.type = "boolean";
      break;
  }
  const schema: Json = column.sentinels && column.sentinels.length > 0
    ? { anyOf: [base, { enum: column.sentinels }] }
    : base;
  if (column.nullable) {
    return { anyOf: [schema, { type: "null" }], description: column.description };
  }
  return { ...schema, description: column.description };
}

/** What the document describes. */
export interface OpenApiOptions {
  contract: TableContract;
  omit: readonly string[];
  version: string | undefined;
  tiers: readonly string[];
  maxBatchRows: number;
}

/** Builds the OpenAPI document. */
export function buildOpenApi(options: OpenApiOptions): Json {
  const row = rowJsonSchema(options.contract, options.omit);
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const json = (schema: Json) => ({ "application/json": { schema } });
  const errors = {
    "400": { description: "Malformed JSON", content: json(ref("Error")) },
    "413": { description: "Body too large", content: json(ref("Error")) },
    "415": { description: "Content type is not application/json", content: json(ref("Error")) },
    "422": {
      description: "Invalid fields (each named with its rule)",
      content: json(ref("Error")),
    },
    "503": { description: "No model loaded", content: json(ref("Error")) },
  };
  const post = (summary: string, body: Json, response: string) => ({
    summary,
    requestBody: { required: true, content: json(body) },
    responses: { "200": { description: "OK", content: json(ref(response)) }, ...errors },
  });
  const get = (summary: string, content: Json) => ({
    summary,
    responses: { "200": { description: "OK", content } },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "riskpipe scoring API",
      version: options.version ?? "no model",
      description: "Probability of default, risk tier and TreeSHAP reasons per applicant.",
    },
    paths: {
      "/predict": post("Score one applicant", ref("Applicant"), "Prediction"),
      "/predict/batch": post(
        `Score up to ${options.maxBatchRows} applicants`,
        ref("BatchRequest"),
        "BatchResponse",
      ),
      "/explain": post("Score one applicant with its top reasons", ref("Applicant"), "Explanation"),
      "/health": get("Liveness and readiness", json({ type: "object" })),
      "/model": get("Served model: metadata, features, metrics, lineage", json({ type: "object" })),
      "/metrics": get("Prometheus metrics", { "text/plain": { schema: { type: "string" } } }),
    },
    components: {
      schemas: {
        Applicant: row,
        BatchRequest: {
          type: "object",
          required: ["rows"],
          additionalProperties: false,
          properties: {
            rows: { type: "array", items: ref("Applicant"), maxItems: options.maxBatchRows },
            explain: { type: "boolean", default: false },
          },
        },
        Prediction: {
          type: "object",
          properties: {
            requestId: { type: "string" },
            modelVersion: { type: "string" },
            probability: { type: "number", minimum: 0, maximum: 1 },
            tier: { type: "string", enum: options.tiers },
          },
        },
        BatchResponse: {
          type: "object",
          properties: {
            requestId: { type: "string" },
            modelVersion: { type: "string" },
            predictions: { type: "array", items: ref("Prediction") },
          },
        },
        Explanation: {
          type: "object",
          properties: {
            requestId: { type: "string" },
            modelVersion: { type: "string" },
            probability: { type: "number" },
            tier: { type: "string" },
            reasons: { type: "object" },
            summary: { type: "string" },
          },
        },
        Error: {
          type: "object",
          properties: {
            error: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  field: { type: "string" },
                  rule: { type: "string" },
                  message: { type: "string" },
                },
              },
            },
          },
        },
      },
    },
  };
}
