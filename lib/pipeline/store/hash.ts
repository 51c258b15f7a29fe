/**
 * Content hashes for the runner: SHA-256 hex from node:crypto, streamed in large chunks
 * so a multi-gigabyte file never sits in memory.
 */
import { createHash } from "node:crypto";

export { canonicalJson } from "./canonical_json.ts";

/** Bytes per read; two buffers alternate so the next read overlaps hashing this one. */
const CHUNK_BYTES = 1024 * 1024;
/** Smallest buffer: files at most this size are read in one go. */
const MIN_CHUNK_BYTES = 64 * 1024;

/** Returns the SHA-256 hex of a string (UTF-8) or bytes. */
export function hashBytes(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Returns the SHA-256 hex of a file's bytes, read in chunks. */
export async function hashFile(path: string): Promise<string> {
  return (await hashFileWithSize(path)).hash;
}

/** Returns the SHA-256 hex of a file and the number of bytes read. */
export async function hashFileWithSize(path: string): Promise<{ hash: string; size: number }> {
  const hash = createHash("sha256");
  using file = await Deno.open(path, { read: true });
  // Buffers no larger than the file needs: two zeroed MiB for a 10-byte out cost more than
  // hashing it (a first repro of 100 trivial stages spent 1.7 ms a file on them).
  const chunk = Math.min(CHUNK_BYTES, Math.max(MIN_CHUNK_BYTES, (await file.stat()).size + 1));
  let current = new Uint8Array(chunk);
  let next = new Uint8Array(chunk);
  let size = 0;
  let reading = file.read(current);
  while (true) {
    const n = await reading;
    if (n === null) break;
    const filled = current;
    current = next;
    next = filled;
    reading = file.read(current);
    hash.update(n === filled.length ? filled : filled.subarray(0, n));
    size += n;
  }
  return { hash: hash.digest("hex"), size };
}
