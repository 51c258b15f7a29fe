import assert from "node:assert/strict";
import { join } from "node:path";
import { openRevision } from "../../lib/pipeline/revision.ts";
import { openRevisionOuts } from "../../lib/pipeline/revision_out.ts";
import { openCache } from "../../lib/pipeline/store/cache.ts";
import { createHasher } from "../../lib/pipeline/store/stat_cache.ts";
import { git } from "../git_fixture.ts";

/** A repo whose HEAD lock records `reports/` (a directory out) as cached, then deleted. */
async function withDirectoryOut(test: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await git(root, "init", "-q");
    await Deno.mkdir(join(root, "reports/curves"), { recursive: true });
    await Deno.writeTextFile(join(root, "reports/curves/roc.json"), '[{"fpr": 0, "tpr": 0}]');
    await Deno.writeTextFile(join(root, "reports/gate.json"), "{}");
    const { hash } = await openCache(root).commit("reports", await createHasher(root));
    await Deno.writeTextFile(
      join(root, "pipeline.lock"),
      `schema: "1"\nstages:\n  evaluate:\n    cmd: [echo]\n    deps: []\n    params: {}\n` +
        `    outs:\n      - { path: reports, hash: ${hash}, size: 0 }\n`,
    );
    await Deno.writeTextFile(join(root, ".gitignore"), "/reports/\n/.repro/\n");
    await git(root, "add", "pipeline.lock", ".gitignore");
    await git(root, "commit", "-q", "-m", "run");
    await Deno.remove(join(root, "reports"), { recursive: true });
    await test(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("a file inside a directory out is read through the revision's manifest", () =>
  withDirectoryOut(async (root) => {
    const outs = await openRevisionOuts(root, await openRevision(root, "HEAD"));
    const bytes = await outs.read("reports/curves/roc.json");
    assert.equal(new TextDecoder().decode(bytes), '[{"fpr": 0, "tpr": 0}]');
    assert.equal(await outs.read("reports/curves/pr.json"), undefined);
    assert.equal(await outs.read("reports"), undefined, "a directory is not a file");
  }));
