/**
 * SHA-256 of a short text through WebCrypto, which Deno has built in: the no-op path keys
 * its caches with it, so it never loads node:crypto (tens of milliseconds of module
 * loading at start-up). The same hex as `hashBytes` in hash.ts.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Returns the SHA-256 hex of a string (UTF-8) or bytes.
 * @example
 * ```ts
 * import { digestHex } from "./digest.ts";
 * const hex = await digestHex("abc");
 * if (!hex.startsWith("ba7816bf")) throw new Error(hex);
 * ```
 */
export async function digestHex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as BufferSource));
  let hex = "";
  for (const byte of digest) hex += HEX[byte];
  return hex;
}
