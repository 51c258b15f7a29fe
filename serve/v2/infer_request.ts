/**
 * The inference request object of the Open Inference Protocol (`$inference_request`:
 * `id`, `parameters`, `inputs`, `outputs`) checked and decoded, with the binary data
 * extension: an input whose `parameters.binary_data_size` is set takes that many bytes of
 * the binary part, in input order, which must hold exactly what the inputs declare.
 */
import { type Datatype, isDatatype } from "./datatypes.ts";
import { V2Error } from "./errors.ts";
import { binaryTensorValues, jsonTensorValues, type TensorValues } from "./tensor_data.ts";

/** One decoded input tensor. */
export interface InputTensor {
  name: string;
  datatype: Datatype;
  shape: number[];
  /** Elements (product of the shape). */
  count: number;
  values: TensorValues;
}

/** An output the client asked for. */
export interface RequestedOutput {
  name: string;
  /** `parameters.binary_data`, when given (it overrides `binary_data_output`). */
  binary?: boolean;
}

/** A checked inference request. */
export interface InferRequest {
  id?: string;
  /** `parameters.binary_data_output`: every output as binary data unless it says otherwise. */
  binaryOutput: boolean;
  inputs: InputTensor[];
  /** The outputs asked for; undefined when the request names none (all are returned). */
  outputs?: RequestedOutput[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Checks the request object `body` and decodes its tensors; `binary` is the body after the
 * JSON header (empty when the request had no Inference-Header-Content-Length).
 * @example
 * ```ts
 * import { parseInferRequest } from "./infer_request.ts";
 * const request = parseInferRequest({
 *   id: "42",
 *   inputs: [{ name: "AMT_CREDIT", shape: [2], datatype: "FP64", data: [1e5, 2e5] }],
 * }, new Uint8Array(0));
 * if (request.inputs[0].count !== 2 || request.id !== "42") throw new Error("not decoded");
 * ```
 */
export function parseInferRequest(body: unknown, binary: Uint8Array): InferRequest {
  if (!isObject(body)) throw new V2Error(`The request must be a JSON object (rule type)`);
  const { id, parameters, inputs, outputs } = body;
  if (id !== undefined && typeof id !== "string") {
    throw new V2Error(`"id" must be a string (rule type)`);
  }
  const binaryOutput = flag(parameters, "binary_data_output", `"parameters"`);
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new V2Error(`"inputs" must be a non-empty array of tensors (rule inputs)`);
  }
  let offset = 0;
  const seen = new Set<string>();
  const decoded = inputs.map((input, i) => {
    const tensor = inputHead(input, i);
    if (seen.has(tensor.name)) {
      throw new V2Error(`Input "${tensor.name}" is given twice (rule unique)`);
    }
    seen.add(tensor.name);
    const size = binarySize(tensor.name, tensor.parameters);
    let values: TensorValues;
    if (size === undefined) {
      if (input.data === undefined) {
        throw new V2Error(
          `Input "${tensor.name}": "data" is missing and no binary_data_size is given (rule data)`,
        );
      }
      values = jsonTensorValues(tensor.name, tensor.datatype, input.data, tensor.count);
    } else {
      if (input.data !== undefined) {
        throw new V2Error(
          `Input "${tensor.name}": gives both "data" and binary_data_size (rule binary_data_size)`,
        );
      }
      if (offset + size > binary.byteLength) {
        throw new V2Error(
          `Input "${tensor.name}": binary_data_size is ${size} bytes but only ` +
            `${binary.byteLength - offset} bytes of binary data are left after the JSON header ` +
            `(rule binary_data_size)`,
        );
      }
      const bytes = binary.subarray(offset, offset + size);
      offset += size;
      values = binaryTensorValues(tensor.name, tensor.datatype, bytes, tensor.count);
    }
    const { parameters: _, ...head } = tensor;
    return { ...head, values };
  });
  if (offset !== binary.byteLength) {
    throw new V2Error(
      `The body holds ${binary.byteLength - offset} bytes after the JSON header and the ` +
        `binary data the inputs declare (rule binary_data_size)`,
    );
  }
  return {
    ...(id === undefined ? {} : { id }),
    binaryOutput,
    inputs: decoded,
    ...(outputs === undefined ? {} : { outputs: requestedOutputs(outputs) }),
  };
}

function inputHead(input: unknown, i: number) {
  if (!isObject(input)) throw new V2Error(`"inputs[${i}]" must be a tensor object (rule type)`);
  const { name, shape, datatype, parameters } = input;
  if (typeof name !== "string" || name === "") {
    throw new V2Error(`"inputs[${i}].name" must be a non-empty string (rule type)`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new V2Error(
      `Input "${name}": "shape" must be an array of non-negative integers (rule shape)`,
    );
  }
  if (!isDatatype(datatype)) {
    throw new V2Error(
      `Input "${name}": datatype ${JSON.stringify(datatype)} is not a datatype of the protocol ` +
        `(rule datatype)`,
    );
  }
  if (parameters !== undefined && !isObject(parameters)) {
    throw new V2Error(`Input "${name}": "parameters" must be an object (rule type)`);
  }
  const count = shape.reduce((a: number, b: number) => a * b, 1);
  if (!Number.isSafeInteger(count)) {
    throw new V2Error(`Input "${name}": shape [${shape.join(", ")}] is too large (rule shape)`);
  }
  return { name, datatype, shape: shape as number[], count, parameters };
}

function binarySize(name: string, parameters: Json | undefined): number | undefined {
  const size = parameters?.binary_data_size;
  if (size === undefined) return undefined;
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new V2Error(
      `Input "${name}": binary_data_size must be a non-negative integer (rule binary_data_size)`,
    );
  }
  return size;
}

function flag(parameters: unknown, key: string, where: string): boolean {
  if (parameters === undefined) return false;
  if (!isObject(parameters)) throw new V2Error(`${where} must be an object (rule type)`);
  const value = parameters[key];
  if (value === undefined) return false;
  if (typeof value !== "boolean") {
    throw new V2Error(`${where}.${key} must be true or false (rule type)`);
  }
  return value;
}

function requestedOutputs(outputs: unknown): RequestedOutput[] {
  if (!Array.isArray(outputs)) {
    throw new V2Error(`"outputs" must be an array of {"name"} objects (rule type)`);
  }
  return outputs.map((output, i) => {
    if (!isObject(output) || typeof output.name !== "string") {
      throw new V2Error(`"outputs[${i}]" must be an object with a string "name" (rule type)`);
    }
    const where = `Output "${output.name}": "parameters"`;
    const given = isObject(output.parameters) && output.parameters.binary_data !== undefined;
    const binary = flag(output.parameters, "binary_data", where);
    return given ? { name: output.name, binary } : { name: output.name };
  });
}
