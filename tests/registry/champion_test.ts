import assert from "node:assert/strict";
import { join } from "node:path";
import { hashFile } from "../../lib/pipeline/store/hash.ts";
import { championState } from "../../lib/registry/champion.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";

Deno.test("the champion state is the Production version and its version.json checksum", async () => {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  assert.equal(await championState(root), undefined);
  const artifact = join(dir, "model.json");
  await Deno.writeTextFile(artifact, "one");
  const info = await registerVersion(root, {
    artifacts: { "model.json": artifact },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  assert.equal(await championState(root), undefined);
  await promote(root, info.version, "Production");
  assert.deepEqual(await championState(root), {
    version: "v0001",
    checksum: await hashFile(join(info.dir, "version.json")),
  });
  await Deno.remove(dir, { recursive: true });
});
