/**
 * Reads an inference request body: all JSON, or (binary data extension) a JSON header of
 * `Inference-Header-Content-Length` bytes followed by the inputs' binary data. Any content
 * type is taken, as Triton does: the header decides how the body is split.
 */
import type { Context } from "hono";
import { readBodyBytes } from "../middleware/json_body.ts";
import { V2Error } from "./errors.ts";

/** The name of the header giving the JSON part's length. */
export const HEADER_LENGTH = "Inference-Header-Content-Length";

/** A request body split into its parsed JSON header and its binary part. */
export interface InferBody {
  header: unknown;
  /** The bytes after the JSON header (empty without binary data). */
  binary: Uint8Array;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Reads and splits the body of `c`; throws a 400/413 naming the header or the rule. */
export async function readInferBody(c: Context, maxBytes: number): Promise<InferBody> {
  const declared = c.req.header(HEADER_LENGTH);
  const bytes = await readBodyBytes(c, maxBytes);
  return splitInferBody(bytes, declared);
}

/**
 * Splits `bytes` at the declared JSON length (the header's text, when the request sent it).
 * @example
 * ```ts
 * import { splitInferBody } from "./infer_body.ts";
 * const body = new TextEncoder().encode('{"inputs":[]}\u0001\u0002');
 * const { binary } = splitInferBody(body, "13");
 * if (binary.length !== 2) throw new Error("expected 2 binary bytes");
 * ```
 */
export function splitInferBody(bytes: Uint8Array, declared: string | undefined): InferBody {
  let length = bytes.byteLength;
  if (declared !== undefined) {
    const text = declared.trim();
    if (!/^\d+$/.test(text)) {
      throw new V2Error(
        `${HEADER_LENGTH} "${declared}" must be a non-negative integer (rule header)`,
      );
    }
    length = Number(text);
    if (length > bytes.byteLength) {
      throw new V2Error(
        `${HEADER_LENGTH} is ${length} but the body holds ${bytes.byteLength} bytes (rule header)`,
      );
    }
  }
  let text: string;
  try {
    text = UTF8.decode(bytes.subarray(0, length));
  } catch {
    throw new V2Error("The JSON header is not UTF-8 text (rule encoding)");
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const where = declared === undefined ? "body" : `first ${length} bytes of the body`;
    throw new V2Error(`Malformed JSON in the ${where}: ${detail} (rule json)`);
  }
  return { header, binary: bytes.subarray(length) };
}
