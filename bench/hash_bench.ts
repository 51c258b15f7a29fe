/**
 * Storage benchmarks of the runner: SHA-256 throughput of `hashFile` on a 1 GiB file,
 * side by side with coreutils `sha256sum` on the same file (its baseline), and the cost
 * of a no-op stat-cache pass over 2 GiB of tracked data against 2 MiB (same file count:
 * both should cost the same, since unchanged files are stat-ed, never read).
 *
 *   deno bench -A bench/hash_bench.ts
 *
 * Files are generated in a temp dir (about 3 GiB) and removed when the bench exits.
 */
import { join } from "node:path";
import { hashFile } from "../lib/pipeline/store/hash.ts";
import { createHasher } from "../lib/pipeline/store/stat_cache.ts";
import { createRng } from "../lib/random/mod.ts";

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;
const FILES = 64;
/** An mtime in the past so the stat cache trusts its entries (no racy re-reads). */
const PAST = new Date("2024-01-01T00:00:00.123Z");

const dir = await Deno.makeTempDir({ prefix: "riskpipe-hash-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));

/** Writes `size` bytes of seeded pseudo-random data (a 4 MiB block, varied per file). */
async function writeData(path: string, size: number, seed: number): Promise<void> {
  const rng = createRng(seed);
  const block = new Uint8Array(Math.min(size, 4 * MIB));
  const words = new Uint32Array(block.buffer);
  for (let i = 0; i < words.length; i++) words[i] = rng.int(0, 0xffffffff);
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  for (let written = 0; written < size; written += block.length) {
    words[0] = written; // every block differs
    await file.write(block.subarray(0, Math.min(block.length, size - written)));
  }
  await Deno.utime(path, PAST, PAST);
}

/** A repo with one tracked directory of FILES files totalling `total` bytes, pre-hashed. */
async function trackedRepo(name: string, total: number): Promise<string> {
  const root = join(dir, name);
  await Deno.mkdir(join(root, "data"), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    await writeData(join(root, "data", `part-${i}.bin`), total / FILES, i);
  }
  const hasher = await createHasher(root);
  await hasher.hashPath("data");
  await hasher.flush();
  return root;
}

const bigFile = join(dir, "one-gib.bin");
await writeData(bigFile, GIB, 1);
const large = await trackedRepo("tracked-2gib", 2 * GIB);
const small = await trackedRepo("tracked-2mib", 2 * MIB);

Deno.bench("sha256sum (coreutils), 1 GiB", {
  group: "hash 1 GiB",
  baseline: true,
  n: 3,
  warmup: 1,
}, async () => {
  const { success } = await new Deno.Command("sha256sum", { args: [bigFile], stdout: "null" })
    .output();
  if (!success) throw new Error("sha256sum failed");
});

Deno.bench("hashFile (node:crypto SHA-256, streamed), 1 GiB", {
  group: "hash 1 GiB",
  n: 3,
  warmup: 1,
}, async () => {
  await hashFile(bigFile);
});

Deno.bench(`no-op hash of a tracked dir: ${FILES} files, 2 MiB`, {
  group: "no-op stat cache",
  baseline: true,
}, async () => {
  const hasher = await createHasher(small);
  await hasher.hashPath("data");
});

Deno.bench(`no-op hash of a tracked dir: ${FILES} files, 2 GiB`, {
  group: "no-op stat cache",
}, async () => {
  const hasher = await createHasher(large);
  await hasher.hashPath("data");
});
