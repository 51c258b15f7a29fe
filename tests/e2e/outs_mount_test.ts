/**
 * Outs on their own filesystem (a tmpfs mounted over the out's directory): restored there
 * without a cross-device rename, and a full or read-only one fails with the OS's own
 * error. Needs root and a working `mount`; skipped elsewhere (CI runs it as root).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { TEMP_DIR } from "../../lib/pipeline/store/cache.ts";
import { createFixture, results } from "./repro_fixture.ts";

async function sh(...args: string[]): Promise<boolean> {
  const { success } = await new Deno.Command(args[0], {
    args: args.slice(1),
    stdout: "null",
    stderr: "null",
  }).output();
  return success;
}

async function canMountTmpfs(): Promise<boolean> {
  if (Deno.build.os !== "linux" || Deno.uid() !== 0) return false;
  const dir = await Deno.makeTempDir();
  try {
    const mounted = await sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir);
    if (mounted) await sh("umount", dir);
    return mounted;
  } catch {
    return false;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

const MOUNTABLE = await canMountTmpfs();

/** Mounts a tmpfs of `size` at `dir` for the length of `fn`. */
async function withTmpfs(dir: string, size: string, fn: () => Promise<void>): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  assert.ok(await sh("mount", "-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir), "mount failed");
  try {
    await fn();
  } finally {
    await sh("umount", "-l", dir);
  }
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

const SPLIT_PIPELINE = `
stages:
  split:
    cmd: mkdir -p data/split/parts && cp input.txt data/split/report.json && cp input.txt data/split/parts/a.txt
    deps: [input.txt]
    outs: [data/split/report.json, data/split/parts]
`;

Deno.test({
  name: "outs on another filesystem are restored from the cache there",
  ignore: !MOUNTABLE,
  fn: async () => {
    await using fx = await createFixture({ "pipeline.yaml": SPLIT_PIPELINE, "input.txt": "a\n" });
    await withTmpfs(join(fx.root, "data/split"), "1m", async () => {
      assert.deepEqual(results(await fx.repro()), { split: "ran" });
      await fx.write("input.txt", "b\n");
      assert.deepEqual(results(await fx.repro()), { split: "ran" });
      await fx.write("input.txt", "a\n");
      const summary = await fx.repro();
      assert.deepEqual(results(summary), { split: "restored" }, summary.stages[0].error);
      assert.equal(await fx.read("data/split/report.json"), "a\n");
      assert.equal(await fx.read("data/split/parts/a.txt"), "a\n");
      assert.deepEqual(await entries(join(fx.root, "data/split")), ["parts", "report.json"]);
      assert.deepEqual(await entries(join(fx.root, TEMP_DIR)), []);
    });
  },
});

Deno.test({
  name: "a full out filesystem fails the stage with ENOSPC in the summary and no debris",
  ignore: !MOUNTABLE,
  fn: async () => {
    await using fx = await createFixture({
      "pipeline.yaml": `
stages:
  split:
    cmd: head -c 300000 /dev/zero > data/split/big.bin.partial && mv data/split/big.bin.partial data/split/big.bin
    deps: [input.txt]
    outs: [data/split/big.bin]
`,
      "input.txt": "a\n",
    });
    await withTmpfs(join(fx.root, "data/split"), "64k", async () => {
      const summary = await fx.repro();
      assert.deepEqual(results(summary), { split: "failed" });
      assert.match(summary.stages[0].error ?? "", /: head: .*No space left on device$/);
      assert.deepEqual(await entries(join(fx.root, "data/split")), []);
    });
  },
});

Deno.test({
  name: "a read-only out filesystem fails the stage with EROFS in the summary",
  ignore: !MOUNTABLE,
  fn: async () => {
    await using fx = await createFixture({ "pipeline.yaml": SPLIT_PIPELINE, "input.txt": "a\n" });
    const dir = join(fx.root, "data/split");
    await withTmpfs(dir, "1m", async () => {
      assert.deepEqual(results(await fx.repro()), { split: "ran" });
      assert.ok(await sh("mount", "-o", "remount,ro", dir), "remount failed");
      await fx.write("input.txt", "b\n");
      const summary = await fx.repro();
      assert.deepEqual(results(summary), { split: "failed" });
      assert.match(summary.stages[0].error ?? "", /Read-only file system \(os error 30\)/);
      assert.equal(await fx.read("data/split/report.json"), "a\n");
    });
  },
});
