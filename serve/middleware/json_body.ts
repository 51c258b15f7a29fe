/**
 * Parses a JSON request body under a size limit, as a Hono middleware: 415 unless the
 * content type is JSON, 413 past the limit (from Content-Length, or while streaming when it
 * is absent), 400 when the bytes are not UTF-8 JSON, and 400 when the body cannot be read at
 * all (the client hung up mid-body or sent a broken chunk): a client fault, logged in one line
 * and never counted as a server error. The parsed value and its bytes go on the context.
 */
import type { Context, MiddlewareHandler } from "hono";
import { parseJsonBody, RequestError } from "../../lib/scoring/request.ts";

/** What {@link jsonBody} sets on the context for the handlers after it. */
export interface JsonBodyVariables {
  /** The parsed body. */
  jsonBody: unknown;
  /** The UTF-8 bytes the body was parsed from. */
  jsonBodyBytes: Uint8Array;
}

/** The Hono env of a route behind {@link jsonBody}. */
export interface JsonBodyEnv {
  Variables: JsonBodyVariables;
}

/** Options of {@link jsonBody}. */
export interface JsonBodyOptions {
  /** Largest body in bytes. */
  maxBytes: number;
}

/**
 * The middleware: reads and parses the body once, throwing {@link RequestError} on any client
 * fault, and sets `jsonBody` and `jsonBodyBytes` for the handler.
 * @example
 * ```ts
 * import { Hono } from "hono";
 * import { jsonBody } from "./json_body.ts";
 * const app = new Hono();
 * app.post("/echo", jsonBody({ maxBytes: 1024 }), (c) => c.json(c.get("jsonBody")));
 * const res = await app.request("/echo", {
 *   method: "POST",
 *   headers: { "content-type": "application/json" },
 *   body: '{"a": 1}',
 * });
 * const echoed = await res.json();
 * if (echoed.a !== 1) throw new Error(`expected the body back, got ${JSON.stringify(echoed)}`);
 * ```
 */
export function jsonBody(options: JsonBodyOptions): MiddlewareHandler<JsonBodyEnv> {
  const { maxBytes } = options;
  return async function jsonBody(c, next) {
    const bytes = await readJsonBytes(c, maxBytes);
    c.set("jsonBody", parseJsonBody(decodeUtf8(bytes)));
    c.set("jsonBodyBytes", bytes);
    await next();
  };
}

async function readJsonBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  const type = c.req.header("content-type") ?? "";
  const mediaType = type.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new RequestError(
      415,
      `Unsupported content type "${type}": send application/json`,
      [{ field: "", rule: "content_type", message: "The body must be application/json" }],
    );
  }
  return await readBodyBytes(c, maxBytes);
}

/**
 * The raw body under a size limit, whatever its content type (the V2 protocol's binary
 * bodies): 413 past the limit, 400 when the transport cannot deliver it.
 */
export async function readBodyBytes(c: Context, maxBytes: number): Promise<Uint8Array> {
  const lengthHeader = c.req.header("content-length");
  const declared = lengthHeader === undefined ? NaN : Number(lengthHeader);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  try {
    return await readBytes(c, declared, maxBytes);
  } catch (error) {
    if (error instanceof RequestError) throw error;
    throw unreadable(c, error);
  }
}

async function readBytes(c: Context, declared: number, maxBytes: number): Promise<Uint8Array> {
  // We can read in one go when the length is declared: the server rejects a body that
  // runs past its Content-Length.
  if (Number.isFinite(declared)) return limited(await c.req.arrayBuffer(), maxBytes);
  const body = c.req.raw.body;
  if (body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The 400 for a body the transport could not deliver, after one log line: the client
 * closed the connection mid-body (Deno reports BadResource or ConnectionReset) or sent a
 * chunked encoding the server could not parse.
 */
function unreadable(c: Context, error: unknown): RequestError {
  const name = error instanceof Error ? error.name : typeof error;
  const cause = HANG_UPS.has(name)
    ? "client closed the connection"
    : `the transfer failed (${name}: ${error instanceof Error ? error.message : String(error)})`;
  const message = `Request body could not be read: ${cause}`;
  console.error(`serve: ${c.req.method} ${c.req.path}: ${message}`);
  return new RequestError(400, message, [
    { field: "", rule: "body_unreadable", message },
  ]);
}

/** Error names Deno gives a body read whose connection went away. */
const HANG_UPS = new Set(["BadResource", "ConnectionReset", "UnexpectedEof", "BrokenPipe"]);

/** The body, unless it runs past the limit (an adapter may not hold it to its Content-Length). */
function limited(buffer: ArrayBuffer, maxBytes: number): Uint8Array {
  if (buffer.byteLength > maxBytes) throw tooLarge(maxBytes);
  return new Uint8Array(buffer);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new RequestError(400, "Malformed body: it is not UTF-8 text", [
      { field: "", rule: "encoding", message: "The body must be UTF-8" },
    ]);
  }
}

function tooLarge(maxBytes: number): RequestError {
  return new RequestError(413, `Body too large: the limit is ${maxBytes} bytes`, [
    { field: "", rule: "max_bytes", message: `The body must be at most ${maxBytes} bytes` },
  ]);
}
