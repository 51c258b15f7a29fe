/**
 * The local side of a transfer: the objects and run-cache entries under `.repro/`, read as
 * verified streams and written only once verified (temp file in `.repro/tmp`, then a rename
 * into place), the way the cache itself publishes objects.
 */
import { dirname, join } from "node:path";
import { syncDirectory } from "../store/atomic.ts";
import { objectRelPath, TEMP_DIR } from "../store/cache.ts";
import { type LockEntry, LockEntrySchema } from "../store/lock.ts";
import { type ManifestEntry, parseManifest } from "../store/manifest.ts";
import { hashBytes } from "../store/hash.ts";
import { runRelPath, saveRun } from "../store/run_cache.ts";
import { runKeyOfEntry } from "./refs.ts";
import { verifiedStream } from "./verified_stream.ts";

/** True when the local cache holds the object (present, not re-hashed). */
export async function hasLocalObject(root: string, hash: string): Promise<boolean> {
  return await Deno.stat(join(root, objectRelPath(hash))).then(() => true, () => false);
}

/** A local object as a stream that fails at its end if the bytes do not match the hash. */
export async function readLocalObject(
  root: string,
  hash: string,
): Promise<ReadableStream<Uint8Array>> {
  const file = await Deno.open(join(root, objectRelPath(hash)), { read: true });
  return file.readable.pipeThrough(verifiedStream(hash, "the local copy is corrupt"));
}

/**
 * Stores a stream as a local object if it hashes to `hash`; otherwise nothing is left
 * behind and the HashMismatchError (or the stream's own error) is thrown.
 */
export async function writeLocalObject(
  root: string,
  hash: string,
  body: ReadableStream<Uint8Array>,
  what: string,
): Promise<void> {
  const tempDir = join(root, TEMP_DIR);
  await Deno.mkdir(tempDir, { recursive: true });
  const temp = join(tempDir, `${Deno.pid}-${crypto.randomUUID()}`);
  const target = join(root, objectRelPath(hash));
  try {
    const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    await body.pipeThrough(verifiedStream(hash, what)).pipeTo(file.writable);
    using synced = await Deno.open(temp, { read: true });
    await synced.sync();
    await Deno.chmod(temp, 0o444);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.rename(temp, target);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dirname(target));
}

/** The entries of a local directory manifest; undefined if it is missing or corrupt. */
export async function readLocalManifest(
  root: string,
  hash: string,
): Promise<ManifestEntry[] | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(join(root, objectRelPath(hash)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  if (`${hashBytes(bytes)}.dir` !== hash) return undefined;
  try {
    return parseManifest(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

/** The text of a local run-cache entry if it exists and matches its key. */
export async function readLocalRun(root: string, key: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, runRelPath(key)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return parseRunEntry(text, key) === undefined ? undefined : text;
}

/** True when the local run-cache has an entry under the key. */
export async function hasLocalRun(root: string, key: string): Promise<boolean> {
  return await Deno.stat(join(root, runRelPath(key))).then(() => true, () => false);
}

/**
 * Parses a run-cache entry and checks it is the entry of its key: the key is the hash of
 * the entry's cmd, deps, params and out paths, so a tampered or misplaced one is refused.
 */
export function parseRunEntry(text: string, key: string): LockEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = LockEntrySchema.safeParse(value);
  if (!result.success) return undefined;
  const entry = result.data as LockEntry;
  return runKeyOfEntry(entry) === key ? entry : undefined;
}

/** Saves a verified run-cache entry (atomically). */
export async function writeLocalRun(root: string, key: string, entry: LockEntry): Promise<void> {
  await saveRun(root, key, entry);
}
