/**
 * The V2 routes in the OpenAPI document: health, server and model metadata, readiness and
 * inference (JSON tensors, or the binary data extension with its header), each path with
 * and without a version, and an inference example: the version's example row as one
 * tensor per field.
 */
import type { TableContract } from "../../lib/contracts/mod.ts";
import { HEADER_LENGTH } from "./infer_body.ts";
import { MODEL_NAME } from "./metadata.ts";
import { DATATYPE_OF } from "./model_tensors.ts";

type Json = Record<string, unknown>;

/** What the V2 part of the document is built from. */
export interface V2OpenApiOptions {
  contract: TableContract;
  omit: readonly string[];
  version: string | undefined;
  /** The version's example row (as the contract, or a csv file, spells it). */
  example: Record<string, unknown>;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, extra: Json = {}) => ({ "application/json": { schema, ...extra } });
const answer = (description: string, schema: string) => ({
  description,
  content: json(ref(schema)),
});
const V2_ERRORS = {
  "404": answer("No such model or version (protocol error object)", "V2Error"),
  "405": { $ref: "#/components/responses/MethodNotAllowed" },
  "503": answer("No model is loaded", "V2Error"),
};

/** The example row as an inference request: one [1] tensor per field. */
export function v2ExampleRequest(options: V2OpenApiOptions): Json {
  const skip = new Set(options.omit);
  const inputs = options.contract.columns.filter((c) =>
    !skip.has(c.name) && c.name in options.example
  )
    .map((column) => {
      const value = options.example[column.name] ?? null;
      // A csv example holds the file's text, which a csv version reads from BYTES.
      const datatype = typeof value === "string" ? "BYTES" : DATATYPE_OF[column.type];
      return { name: column.name, shape: [1], datatype, data: [value] };
    });
  return { id: "example-1", inputs };
}

/** The V2 paths of the document. */
export function v2Paths(options: V2OpenApiOptions): Record<string, Json> {
  const name = {
    name: "name",
    in: "path",
    required: true,
    description: `The model's name: "${MODEL_NAME}"`,
    schema: { type: "string" },
    example: MODEL_NAME,
  };
  const version = {
    name: "version",
    in: "path",
    required: true,
    description: "The served version (another one answers 404)",
    schema: { type: "string" },
    example: options.version ?? "v0001",
  };
  const get = (operationId: string, summary: string, responses: Json, parameters: Json[] = []) => ({
    get: { summary, operationId, ...(parameters.length ? { parameters } : {}), responses },
  });
  const paths: Record<string, Json> = {
    "/v2/health/live": get("v2Live", "V2: the server is live", {
      "200": answer("Live", "V2Live"),
      "405": V2_ERRORS["405"],
    }),
    "/v2/health/ready": get("v2Ready", "V2: a model is loaded (400 when not)", {
      "200": answer("Ready", "V2Ready"),
      "400": answer("Not ready", "V2Ready"),
      "405": V2_ERRORS["405"],
    }),
    "/v2": get("v2Server", "V2: server metadata", {
      "200": answer("Name, version and extensions", "V2ServerMetadata"),
      "405": V2_ERRORS["405"],
    }),
  };
  const bases: [string, string, Json[]][] = [
    ["/v2/models/{name}", "", [name]],
    ["/v2/models/{name}/versions/{version}", "Version", [name, version]],
  ];
  for (const [base, suffix, parameters] of bases) {
    paths[base] = get(`v2Model${suffix}`, "V2: model metadata (input and output tensors)", {
      "200": answer("The model's tensors", "V2ModelMetadata"),
      ...V2_ERRORS,
    }, parameters);
    paths[`${base}/ready`] = get(`v2ModelReady${suffix}`, "V2: the model is ready", {
      "200": answer("Ready", "V2ModelReady"),
      "400": answer("Not ready", "V2ModelReady"),
      ...V2_ERRORS,
    }, parameters);
    paths[`${base}/infer`] = { post: infer(`v2Infer${suffix}`, parameters, options) };
  }
  return paths;
}

function infer(operationId: string, parameters: Json[], options: V2OpenApiOptions): Json {
  const binary = {
    schema: {
      type: "string",
      format: "binary",
      description: `The JSON request (${HEADER_LENGTH} bytes), then each binary input's bytes`,
    },
  };
  return {
    summary: "V2: score rows given as tensors (JSON, or the binary data extension)",
    description:
      "One tensor per request field (shape [n] or [n, 1]), or one FP32 `features` tensor " +
      "[n, n_features] in the manifest's order. Binary data: send " +
      `${HEADER_LENGTH} and give inputs a binary_data_size instead of data.`,
    operationId,
    parameters: [...parameters, {
      name: HEADER_LENGTH,
      in: "header",
      required: false,
      description: "Length of the JSON part of a binary body",
      schema: { type: "integer", minimum: 0 },
    }],
    requestBody: {
      required: true,
      content: {
        ...json(ref("V2InferenceRequest"), {
          examples: {
            fields: {
              summary: "The example row, one tensor per field",
              value: v2ExampleRequest(options),
            },
          },
        }),
        "application/octet-stream": binary,
      },
    },
    responses: {
      "200": {
        description: "Scored: probability, tier and version per row",
        headers: {
          [HEADER_LENGTH]: {
            description: "Length of the JSON part, when some output is binary",
            schema: { type: "integer" },
          },
        },
        content: {
          ...json(ref("V2InferenceResponse")),
          "application/octet-stream": {
            schema: {
              type: "string",
              format: "binary",
              description: "The JSON response, then each binary output's bytes",
            },
          },
        },
      },
      "400": answer("A bad tensor, field value or header, named with its rule", "V2Error"),
      "413": answer("Body or row count over the limit", "V2Error"),
      ...V2_ERRORS,
    },
  };
}
