/** Hash checking in flight: bytes pass through and the stream fails at its end on a mismatch. */
import { createHash } from "node:crypto";

/**
 * A pass-through stream that hashes what flows through it and errors at the end unless the
 * SHA-256 hex is `expected` (a ".dir" suffix is ignored: manifests hash their bytes too),
 * so whatever it feeds is never completed with bad bytes.
 * @example
 * ```ts
 * import { verifiedStream } from "./verified_stream.ts";
 * const body = new Blob(["abc"]).stream().pipeThrough(
 *   verifiedStream("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc"),
 * );
 * const text = await new Response(body).text();
 * if (text !== "abc") throw new Error(text);
 * ```
 */
export function verifiedStream(
  expected: string,
  what: string,
): TransformStream<Uint8Array, Uint8Array> {
  const hash = createHash("sha256");
  const want = expected.replace(/\.dir$/, "");
  return new TransformStream({
    transform(chunk, controller) {
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      const actual = hash.digest("hex");
      if (actual !== want) {
        throw new HashMismatchError(`${what}: the bytes hash to ${actual}, expected ${want}`);
      }
    },
  });
}

/** Bytes that do not match the hash they are named by. */
export class HashMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HashMismatchError";
  }
}
