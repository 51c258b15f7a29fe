import assert from "node:assert/strict";
import { join } from "node:path";
import {
  compareVersions,
  listVersions,
  loadVerifiedVersion,
  productionVersion,
  promote,
  readIndex,
  registerVersion,
  rollback,
  TamperedArtifactError,
} from "../../lib/registry/mod.ts";

const now = new Date("2026-01-02T03:04:05Z");

async function fixture(): Promise<
  { root: string; artifact: (name: string, text: string) => Promise<string> }
> {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  return {
    root,
    artifact: async (name, text) => {
      const path = join(dir, name);
      await Deno.writeTextFile(path, text);
      return path;
    },
  };
}

async function register(root: string, path: string, auc: number, gatePassed = true) {
  return await registerVersion(root, {
    artifacts: { "model.json": path },
    metrics: { auc },
    gatePassed,
    lineage: { commit: "abc" },
    now,
  });
}

Deno.test("registering numbers versions and records each artifact's SHA-256", async () => {
  const { root, artifact } = await fixture();
  const first = await register(root, await artifact("a.json", "one"), 0.7);
  const second = await register(root, await artifact("b.json", "two"), 0.8);
  assert.equal(first.version, "v0001");
  assert.equal(second.version, "v0002");
  assert.equal(
    first.artifacts["model.json"],
    "7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed",
  );
  assert.deepEqual((await listVersions(root)).map((v) => [v.version, v.stage]), [
    ["v0001", "None"],
    ["v0002", "None"],
  ]);
});

Deno.test("registering identical artifacts again returns the existing version", async () => {
  const { root, artifact } = await fixture();
  const path = await artifact("a.json", "same");
  const first = await register(root, path, 0.7);
  const again = await register(root, path, 0.7);
  assert.equal(again.version, "v0001");
  assert.deepEqual([first.created, again.created], [true, false]);
  assert.equal((await listVersions(root)).length, 1);
});

Deno.test("loading refuses a tampered artifact and names it", async () => {
  const { root, artifact } = await fixture();
  const info = await register(root, await artifact("a.json", "original"), 0.7);
  const path = join(info.dir, "model.json");
  await Deno.chmod(path, 0o644);
  await Deno.writeTextFile(path, "tampered");
  await assert.rejects(() => loadVerifiedVersion(root, "v0001"), (error: unknown) => {
    assert.ok(error instanceof TamperedArtifactError);
    assert.equal(error.artifact, "model.json");
    assert.match(error.message, /^Cannot load model v0001: artifact "model\.json" has SHA-256/);
    return true;
  });
});

Deno.test("promoting to Production archives the previous Production version", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.7);
  await register(root, await artifact("b.json", "b"), 0.8);
  await promote(root, "v0001", "Production", { now });
  const made = await promote(root, "v0002", "Production", { now });
  assert.deepEqual(made.map((t) => [t.version, t.from, t.to]), [
    ["v0001", "Production", "Archived"],
    ["v0002", "None", "Production"],
  ]);
  assert.equal(await productionVersion(root), "v0002");
});

Deno.test("promotion refuses a version whose gate failed unless forced", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.5, false);
  await assert.rejects(() => promote(root, "v0001", "Production", { now }), {
    message:
      "Cannot promote v0001 to Production: its promotion gate failed (use --force to override)",
  });
  const made = await promote(root, "v0001", "Production", { now, force: true });
  assert.equal(made[0].reason, "forced");
});

Deno.test("an unknown stage name is refused with the allowed names", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.5);
  await assert.rejects(() => promote(root, "v0001", "Prod"), {
    message: 'Cannot promote v0001: stage "Prod" is not one of None, Staging, Production, Archived',
  });
});

Deno.test("rollback restores the previous Production version and archives the current", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.7);
  await register(root, await artifact("b.json", "b"), 0.8);
  await promote(root, "v0001", "Production", { now });
  await promote(root, "v0002", "Production", { now });
  await rollback(root, now);
  const index = await readIndex(root);
  assert.deepEqual(index.stages, { v0001: "Production", v0002: "Archived" });
  assert.equal(index.history.length, 5);
});

Deno.test("rollback with a single Production version ever is refused", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.7);
  await promote(root, "v0001", "Production", { now });
  await assert.rejects(() => rollback(root, now), {
    message: "Cannot roll back: v0001 is the only version ever in Production",
  });
});

Deno.test("compare lists each metric of both versions with the change", async () => {
  const { root, artifact } = await fixture();
  await register(root, await artifact("a.json", "a"), 0.7);
  await register(root, await artifact("b.json", "b"), 0.75);
  const rows = await compareVersions(root, "v0001", "v0002");
  assert.equal(rows.length, 1);
  assert.equal(rows[0].metric, "auc");
  assert.ok(Math.abs((rows[0].change ?? NaN) - 0.05) < 1e-12);
});

Deno.test("the same model judged again against another champion is the same version", async () => {
  const { root, artifact } = await fixture();
  const model = await artifact("model.json", '{"trees":[]}');
  const input = (gate: string) => ({
    artifacts: { "model.json": model, "evaluation_gate.json": gate },
    metrics: { auc: 0.7 },
    gatePassed: true,
    lineage: {},
    now,
    judgements: ["evaluation_gate.json"],
  });
  const first = await registerVersion(root, input(await artifact("a.json", '{"vs":"none"}')));
  const again = await registerVersion(root, input(await artifact("b.json", '{"vs":"v0001"}')));
  assert.deepEqual([first.version, first.created, again.version, again.created], [
    "v0001",
    true,
    "v0001",
    false,
  ]);
  // Without the judgement named, the differing evaluation makes a new version.
  const { judgements: _, ...plain } = input(await artifact("c.json", '{"vs":"v0002"}'));
  assert.equal((await registerVersion(root, plain)).version, "v0002");
});
