import assert from "node:assert/strict";
import { join } from "node:path";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import {
  loadProductionVersion,
  loadVersion,
  loadVersionSnapshot,
  promote,
  registerVersion,
  SERVING_FILE,
  TamperedArtifactError,
} from "../../lib/registry/mod.ts";

const now = new Date("2026-01-02T03:04:05Z");

async function registry(files: Record<string, string>) {
  const dir = await Deno.makeTempDir();
  const artifacts: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    artifacts[name] = join(dir, name);
    await Deno.writeTextFile(artifacts[name], text);
  }
  const root = join(dir, "registry");
  const info = await registerVersion(root, {
    artifacts,
    metrics: { auc: 0.7 },
    gatePassed: true,
    lineage: { commit: "abc" },
    now,
    signing: {},
  });
  return { dir, root, version: info.version };
}

const serving = {
  formatVersion: 1,
  source: "synthetic",
  contract: homeCreditContract("application_train", { source: "synthetic" }),
  omit: ["TARGET"],
  tiers: DEFAULT_TIERS,
  snapshot: null,
};

Deno.test("nothing in Production loads as undefined", async () => {
  const { root } = await registry({ "model.json": "{}" });
  assert.equal(await loadProductionVersion(root, { signing: {} }), undefined);
});

Deno.test("the Production version loads verified, with its serving.json parsed", async () => {
  const { root, version } = await registry({
    "model.json": "{}",
    [SERVING_FILE]: JSON.stringify(serving),
  });
  await promote(root, version, "Production", { now });
  const loaded = await loadProductionVersion(root, { signing: {} });
  assert.equal(loaded?.version, version);
  assert.equal(loaded?.record.stage, "Production");
  assert.deepEqual(loaded?.serving?.omit, ["TARGET"]);
  assert.equal(await loadVersionSnapshot(loaded!.record, loaded!.serving!), undefined);
});

Deno.test("a version registered before serving.json loads with no serving info", async () => {
  const { root, version } = await registry({ "model.json": "{}" });
  assert.equal((await loadVersion(root, version, { signing: {} })).serving, undefined);
});

Deno.test("a changed serving.json is refused before it is parsed", async () => {
  const { root, version } = await registry({
    "model.json": "{}",
    [SERVING_FILE]: JSON.stringify(serving),
  });
  await Deno.writeTextFile(join(root, "versions", version, SERVING_FILE), "{}");
  await assert.rejects(loadVersion(root, version, { signing: {} }), TamperedArtifactError);
});

Deno.test("a serving.json the format refuses names the version's file", async () => {
  const { root, version } = await registry({
    "model.json": "{}",
    [SERVING_FILE]: JSON.stringify({ ...serving, formatVersion: 9 }),
  });
  await assert.rejects(
    loadVersion(root, version, { signing: {} }),
    (error: Error) => error.message.includes(`${version}/${SERVING_FILE}`),
  );
});
