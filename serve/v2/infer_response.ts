/**
 * The inference response object (`$inference_response`) and, when any output is asked for
 * as binary data, the binary data extension's body: the JSON header, then each binary
 * output's bytes in output order (FP64 little-endian; BYTES as a 4-byte length and the
 * UTF-8 text per element), its size in `parameters.binary_data_size`.
 */
import { V2Error } from "./errors.ts";
import type { RequestedOutput } from "./infer_request.ts";
import { OUTPUT_NAMES, type OutputName } from "./model_tensors.ts";

/** What one inference produced, row by row. */
export interface InferResult {
  modelName: string;
  modelVersion: string;
  id: string;
  probabilities: Float32Array;
  tiers: readonly string[];
}

/** A response ready to send: its JSON object and, with binary outputs, the bytes after it. */
export interface InferAnswer {
  json: Record<string, unknown>;
  /** Present when some output is binary: the body is the JSON then these bytes. */
  binary?: Uint8Array[];
}

/**
 * Checks the requested outputs (names known, none twice) before anything is scored.
 * @example
 * checkRequestedOutputs([{ name: "probability" }]); // fine; [{ name: "p" }] throws a 400
 */
export function checkRequestedOutputs(outputs: readonly RequestedOutput[] | undefined): void {
  const seen = new Set<string>();
  for (const output of outputs ?? []) {
    if (!(OUTPUT_NAMES as readonly string[]).includes(output.name)) {
      throw new V2Error(
        `Output "${output.name}" is not an output of the model: ask for ${
          OUTPUT_NAMES.join(", ")
        } (rule unknown_output)`,
      );
    }
    if (seen.has(output.name)) {
      throw new V2Error(`Output "${output.name}" is asked for twice (rule unique)`);
    }
    seen.add(output.name);
  }
}

/** Builds the response for `result`, with the outputs and encodings the request asked for. */
export function inferAnswer(
  result: InferResult,
  outputs: readonly RequestedOutput[] | undefined,
  binaryOutput: boolean,
): InferAnswer {
  const wanted: readonly RequestedOutput[] = outputs ?? OUTPUT_NAMES.map((name) => ({ name }));
  const rows = result.probabilities.length;
  const binary: Uint8Array[] = [];
  const tensors = wanted.map(({ name, binary: asked }) => {
    const head = { name, shape: [rows], datatype: name === "probability" ? "FP64" : "BYTES" };
    const values = outputValues(name as OutputName, result);
    if (!(asked ?? binaryOutput)) return { ...head, data: values };
    const bytes = name === "probability"
      ? new Uint8Array(new Float64Array(result.probabilities).buffer)
      : encodeStrings(values as string[]);
    binary.push(bytes);
    return { ...head, parameters: { binary_data_size: bytes.byteLength } };
  });
  const json = {
    model_name: result.modelName,
    model_version: result.modelVersion,
    id: result.id,
    outputs: tensors,
  };
  return binary.length === 0 ? { json } : { json, binary };
}

function outputValues(name: OutputName, result: InferResult): number[] | string[] {
  switch (name) {
    case "probability":
      return Array.from(result.probabilities);
    case "tier":
      return [...result.tiers];
    case "version":
      return new Array<string>(result.probabilities.length).fill(result.modelVersion);
  }
}

const UTF8 = new TextEncoder();

/** BYTES elements as binary data: a little-endian 4-byte length before each one. */
export function encodeStrings(values: readonly string[]): Uint8Array {
  // Tiers repeat: encode each distinct text once.
  const encoded = new Map<string, Uint8Array>();
  let size = 0;
  for (const v of values) {
    let bytes = encoded.get(v);
    if (bytes === undefined) encoded.set(v, bytes = UTF8.encode(v));
    size += 4 + bytes.byteLength;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const v of values) {
    const bytes = encoded.get(v)!;
    view.setUint32(at, bytes.byteLength, true);
    out.set(bytes, at + 4);
    at += 4 + bytes.byteLength;
  }
  return out;
}
