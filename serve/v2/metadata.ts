/**
 * The metadata objects of the V2 protocol: the server's (`$metadata_server_response`,
 * with the `binary_tensor_data` extension) and a model's (`$metadata_model_response`).
 */
import { VERSION } from "../../lib/cli/version.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { type MetadataTensor, modelTensors } from "./model_tensors.ts";

/** The one model name the server answers to (its versions are the registry's). */
export const MODEL_NAME = "riskpipe";

/** The ONNX Runtime platform name, as Triton spells it. */
export const PLATFORM = "onnxruntime_onnx";

/** GET /v2. */
export function serverMetadata(): { name: string; version: string; extensions: string[] } {
  return { name: "riskpipe", version: VERSION, extensions: ["binary_tensor_data"] };
}

/** The model metadata object of a served version. */
export interface ModelMetadata {
  name: string;
  versions: string[];
  platform: string;
  inputs: MetadataTensor[];
  outputs: MetadataTensor[];
}

/**
 * GET /v2/models/riskpipe: one input per request field, then the `features` alternative.
 * @example
 * modelMetadata(model).inputs.at(-1); // { name: "features", datatype: "FP32", shape: [-1, 260] }
 */
export function modelMetadata(model: ServingModel): ModelMetadata {
  const tensors = modelTensors(model);
  return {
    name: MODEL_NAME,
    versions: [model.version],
    platform: PLATFORM,
    inputs: [
      ...tensors.fields.map(({ name, datatype, shape }) => ({ name, datatype, shape })),
      tensors.features,
    ],
    outputs: tensors.outputs,
  };
}
