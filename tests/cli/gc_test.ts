import assert from "node:assert/strict";
import { join } from "node:path";
import { formatBytes, main } from "../../lib/cli/gc.ts";
import { UsageError } from "../../lib/cli/args.ts";
import { objectRelPath } from "../../lib/pipeline/store/cache.ts";
import { hashBytes } from "../../lib/pipeline/store/hash.ts";
import { withTempDir } from "../temp_dir.ts";

const withRepo = withTempDir;

async function captureLog(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(" "));
  try {
    return { code: await fn(), out: lines.join("\n") };
  } finally {
    console.log = original;
  }
}

Deno.test("gc removes an unreferenced object and says how much it freed", async () => {
  await withRepo(async (root) => {
    const hash = hashBytes("stray");
    const object = join(root, objectRelPath(hash));
    await Deno.mkdir(join(object, ".."), { recursive: true });
    await Deno.writeTextFile(object, "stray");
    const { code, out } = await captureLog(() => main([], root));
    assert.equal(code, 0);
    assert.equal(out, "Removed 1 cache object (5 B), kept 0; pruned 0 run-cache entries");
    assert.equal(await Deno.stat(object).then(() => true, () => false), false);
  });
});

Deno.test("gc --dry reports in the conditional and keeps the object", async () => {
  await withRepo(async (root) => {
    const object = join(root, objectRelPath(hashBytes("stray")));
    await Deno.mkdir(join(object, ".."), { recursive: true });
    await Deno.writeTextFile(object, "stray");
    const { out } = await captureLog(() => main(["--dry"], root));
    assert.equal(out, "Would remove 1 cache object (5 B), kept 0; would prune 0 run-cache entries");
    assert.equal(await Deno.stat(object).then(() => true, () => false), true);
  });
});

Deno.test("gc --revs with a non-number is a usage error", async () => {
  await withRepo(async (root) => {
    await assert.rejects(() => main(["--revs", "two"], root), UsageError);
  });
});

Deno.test("formatBytes uses binary units with one decimal", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(3 * 1024 ** 3), "3.0 GiB");
});
