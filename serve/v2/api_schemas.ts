/**
 * The V2 protocol's bodies as zod schemas (the OpenAPI document's component schemas), as
 * the Open Inference Protocol's REST specification defines them: `$metadata_server_response`,
 * `$metadata_model_response`, `$inference_request`, `$inference_response` and the error.
 */
import { z } from "zod";
import { type Datatype, DATATYPES } from "./datatypes.ts";

const datatype = z.enum(Object.keys(DATATYPES) as [Datatype, ...Datatype[]]);
const parameters = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** Every V2 refusal: the protocol's error object. */
export const V2ErrorBody = z.object({
  error: z.string().describe("What is wrong, naming the tensor (or field and row) and the rule"),
});

/** GET /v2. */
export const V2ServerMetadata = z.object({
  name: z.string(),
  version: z.string(),
  extensions: z.array(z.string()).describe('"binary_tensor_data": Triton\'s binary extension'),
});

/** A tensor of the model metadata (-1: a variable dimension). */
export const V2MetadataTensor = z.object({
  name: z.string(),
  datatype,
  shape: z.array(z.number().int()),
});

/** GET /v2/models/{name}. */
export const V2ModelMetadata = z.object({
  name: z.string(),
  versions: z.array(z.string()).describe("The addressable versions: the one served"),
  platform: z.string(),
  inputs: z.array(V2MetadataTensor).describe(
    'One tensor per request field, then "features": send either the field tensors or that one',
  ),
  outputs: z.array(V2MetadataTensor),
});

/** GET /v2/health/live. */
export const V2Live = z.object({ live: z.boolean() });

/** GET /v2/health/ready (400 when not ready). */
export const V2Ready = z.object({ ready: z.boolean() });

/** GET /v2/models/{name}/ready (400 when not ready). */
export const V2ModelReady = z.object({ name: z.string(), ready: z.boolean() });

/** One input tensor of an inference request. */
export const V2RequestInput = z.object({
  name: z.string(),
  shape: z.array(z.number().int().min(0)).describe(
    "[n] or [n, 1] a field; [n, n_features] features",
  ),
  datatype,
  parameters: parameters.optional().describe(
    "binary_data_size: the tensor's bytes in the binary part (binary data extension)",
  ),
  data: z.array(z.unknown()).optional().describe(
    "Row-major elements, flat or nested; null for a missing value",
  ),
});

/** POST /v2/models/{name}/infer (JSON, or the JSON header of a binary request). */
export const V2InferenceRequest = z.object({
  id: z.string().optional().describe("Returned in the response"),
  parameters: parameters.optional().describe("binary_data_output: every output as binary data"),
  inputs: z.array(V2RequestInput).min(1),
  outputs: z.array(z.object({
    name: z.enum(["probability", "tier", "version"]),
    parameters: parameters.optional().describe("binary_data: this output as binary data"),
  })).optional().describe("The outputs to return, in this order (default: all)"),
});

/** One output tensor of an inference response. */
export const V2ResponseOutput = z.object({
  name: z.enum(["probability", "tier", "version"]),
  shape: z.array(z.number().int()),
  datatype,
  parameters: z.object({ binary_data_size: z.number().int() }).optional().describe(
    "Present when the output is sent as binary data after the JSON",
  ),
  data: z.array(z.union([z.number(), z.string()])).optional(),
});

/** The inference response object. */
export const V2InferenceResponse = z.object({
  model_name: z.string(),
  model_version: z.string(),
  id: z.string().describe("The request's id, or the server's request id when it gave none"),
  outputs: z.array(V2ResponseOutput),
});

/** The V2 schemas by component name. */
export const V2_SCHEMAS = {
  V2Error: V2ErrorBody,
  V2ServerMetadata,
  V2ModelMetadata,
  V2MetadataTensor,
  V2Live,
  V2Ready,
  V2ModelReady,
  V2RequestInput,
  V2InferenceRequest,
  V2ResponseOutput,
  V2InferenceResponse,
};
