/**
 * Atomic file replacement: write a temp file beside the target, fsync it, rename it over
 * the target, then fsync the directory, so a crash leaves either the old or the new file.
 */
import { basename, dirname, join } from "node:path";

/** Writes a file so readers (and a crash) only ever see the old or the complete new content. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const temp = tempPathBeside(path);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  try {
    using file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  try {
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
  await syncDirectory(dir);
}

/** A unique temp file name in the same directory as `path` (so rename stays atomic). */
export function tempPathBeside(path: string): string {
  const suffix = `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  return join(dirname(path), `.${basename(path)}.${suffix}.tmp`);
}

/** Flushes a directory entry change (a rename or create) to disk; best effort. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    using handle = await Deno.open(dir, { read: true });
    await handle.sync();
  } catch {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
  }
}
