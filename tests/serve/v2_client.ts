/**
 * A tiny V2 protocol client for the tests: request bodies with the binary data extension
 * (the JSON header, then each binary input's bytes) and binary responses split back.
 */
import type { Harness } from "./harness.ts";

type Json = Record<string, unknown>;

/** One input tensor of a request. */
export interface TensorJson {
  name: string;
  shape: number[];
  datatype: string;
  data?: unknown[];
  parameters?: Json;
}

const UTF8 = new TextEncoder();

/** Posts `header` to `path`, followed by `binary` parts (the binary data extension when any). */
export function postInfer(
  h: Harness,
  path: string,
  header: Json,
  binary: Uint8Array[] = [],
  headers: Record<string, string> = {},
): Promise<Response> {
  const json = UTF8.encode(JSON.stringify(header));
  if (binary.length === 0) {
    return Promise.resolve(h.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: json,
    }));
  }
  return Promise.resolve(h.app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/octet-stream",
      "inference-header-content-length": String(json.byteLength),
      ...headers,
    },
    body: concat([json, ...binary]),
  }));
}

/** Joins byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Little-endian bytes of a typed array (this host is little-endian, as the test asserts). */
export function bytesOf(values: ArrayBufferView): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
}

/** BYTES elements as binary data: a 4-byte little-endian length before each. */
export function bytesElements(values: string[]): Uint8Array {
  const parts = values.flatMap((v) => {
    const text = UTF8.encode(v);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, text.byteLength, true);
    return [length, text];
  });
  return concat(parts);
}

/** A binary response: its JSON header and the bytes after it. */
export async function readBinaryResponse(
  res: Response,
): Promise<{ json: Json & { outputs: Json[] }; binary: Uint8Array }> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const length = Number(res.headers.get("inference-header-content-length"));
  const json = JSON.parse(new TextDecoder().decode(bytes.subarray(0, length)));
  return { json, binary: bytes.subarray(length) };
}

/** The BYTES elements of binary output data. */
export function decodeBytesElements(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (let at = 0; at < bytes.byteLength;) {
    const length = view.getUint32(at, true);
    out.push(new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return out;
}

/** The model metadata's field inputs (every input but `features`). */
export async function fieldInputs(h: Harness): Promise<{ name: string; datatype: string }[]> {
  const meta = await (await h.app.request("/v2/models/riskpipe")).json();
  return meta.inputs.filter((t: { name: string }) => t.name !== "features");
}

/** One JSON tensor per field of `rows` (shape [n, 1], nested; null for a missing value). */
export function jsonFieldTensors(
  fields: { name: string; datatype: string }[],
  rows: Record<string, unknown>[],
): TensorJson[] {
  return fields.map(({ name, datatype }) => ({
    name,
    shape: [rows.length, 1],
    datatype,
    data: rows.map((r) => [r[name] ?? null]),
  }));
}
