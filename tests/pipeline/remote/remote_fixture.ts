/**
 * Fixtures for the remote tests: a repro'd diamond pipeline, a fresh clone of it (its
 * committed files only, no .repro/), the files a remote holds, and a store that fails
 * its K-th write half-way through the stream.
 */
import { createHash } from "node:crypto";
import { join, relative } from "node:path";
import type { RemoteStore } from "../../../lib/pipeline/remote/mod.ts";
import { createFixture, DIAMOND_PIPELINE, type Fixture } from "../../e2e/repro_fixture.ts";

/** The diamond pipeline, reproduced once. */
export async function reproducedDiamond(): Promise<Fixture> {
  const fx = await createFixture({ "pipeline.yaml": DIAMOND_PIPELINE, "input.txt": "one\n" });
  const summary = await fx.repro();
  if (!summary.ok) throw new Error(`the diamond did not reproduce: ${fx.output.join("\n")}`);
  return fx;
}

/** A new workspace holding what git would: pipeline.yaml, pipeline.lock, input.txt. */
export async function freshClone(fx: Fixture): Promise<Fixture> {
  const files: Record<string, string> = {};
  for (const path of ["pipeline.yaml", "pipeline.lock", "input.txt"]) {
    files[path] = await fx.read(path);
  }
  return await createFixture(files);
}

/** Every file under a folder, relative and sorted (an absent folder is empty). */
export async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(path: string): Promise<void> {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(path));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory) await walk(child);
      else found.push(relative(dir, child));
    }
  }
  await walk(dir);
  return found.sort();
}

/** The object files under a remote folder whose bytes do not hash to their name. */
export async function misnamedObjects(remoteDir: string): Promise<string[]> {
  const bad: string[] = [];
  for (const path of await filesUnder(join(remoteDir, "objects"))) {
    const bytes = await Deno.readFile(join(remoteDir, "objects", path));
    const name = path.replace("/", "").replace(/\.dir$/, "");
    if (createHash("sha256").update(bytes).digest("hex") !== name) bad.push(path);
  }
  return bad;
}

/**
 * Wraps a store so that its `failAt`-th write (1-based) passes on the first chunk of its
 * stream and then errors, as a connection cut mid-object would; counts completed writes.
 */
export function failingStore(
  inner: RemoteStore,
  failAt: number,
): RemoteStore & { writes: () => number } {
  let started = 0;
  let completed = 0;
  return {
    label: inner.label,
    probe: (mode) => inner.probe(mode),
    exists: (key) => inner.exists(key),
    read: (key) => inner.read(key),
    async write(key, body) {
      if (++started !== failAt) {
        await inner.write(key, body);
        completed++;
        return;
      }
      const reader = body.getReader();
      let sentOne = false;
      const cut = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sentOne) {
            await reader.cancel();
            controller.error(new Error("connection cut by the test"));
            return;
          }
          sentOne = true;
          const { value, done } = await reader.read();
          if (done) controller.error(new Error("connection cut by the test"));
          else controller.enqueue(value);
        },
      });
      await inner.write(key, cut);
    },
    writes: () => completed,
  };
}
