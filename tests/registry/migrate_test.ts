import assert from "node:assert/strict";
import { join } from "node:path";
import {
  HISTORY_FILE,
  listVersions,
  promoteVersion,
  readIndex,
  readRegistryState,
  registerVersion,
  resolveAlias,
  rollback,
} from "../../lib/registry/mod.ts";
import { championState } from "../../lib/registry/champion.ts";
import { registryWith } from "./registry_fixture.ts";

/** registry.json as formatVersion 1 wrote it: v0001 replaced by v0002, v0003 staged. */
const LEGACY = {
  formatVersion: 1,
  stages: { v0001: "Archived", v0002: "Production", v0003: "Staging" },
  history: [
    {
      time: "2025-06-01T00:00:00.000Z",
      version: "v0001",
      from: "None",
      to: "Production",
      reason: "promoted",
    },
    {
      time: "2025-07-01T00:00:00.000Z",
      version: "v0001",
      from: "Production",
      to: "Archived",
      reason: "replaced by v0002",
    },
    {
      time: "2025-07-01T00:00:00.000Z",
      version: "v0002",
      from: "None",
      to: "Production",
      reason: "Q3 refit",
    },
    {
      time: "2025-08-01T00:00:00.000Z",
      version: "v0003",
      from: "None",
      to: "Staging",
      reason: "promoted",
    },
  ],
};

async function legacyRegistry() {
  const fx = await registryWith([true, true, true]);
  const text = JSON.stringify(LEGACY, null, 2) + "\n";
  await Deno.writeTextFile(join(fx.root, "registry.json"), text);

  return { fx, text };
}

Deno.test("a formatVersion 1 registry reads as aliases without being rewritten", async () => {
  const { fx, text } = await legacyRegistry();
  await using _ = fx;
  assert.deepEqual((await readIndex(fx.root)).stages, LEGACY.stages);
  assert.deepEqual((await readRegistryState(fx.root)).aliases, {
    champion: "v0002",
    challenger: "v0003",
  });
  assert.equal((await championState(fx.root))?.version, "v0002");
  assert.deepEqual((await listVersions(fx.root)).map((v) => v.aliases), [
    [],
    ["champion"],
    ["challenger"],
  ]);
  assert.equal(await Deno.readTextFile(join(fx.root, "registry.json")), text);
});

Deno.test("the first write converts it: the history starts with the old transitions, marked migrated", async () => {
  const { fx, text } = await legacyRegistry();
  await using _ = fx;
  const change = await promoteVersion(fx.root, "v0003", "Production", {
    by: "carol",
    now: new Date("2026-01-01T00:00:00Z"),
  });
  assert.match(
    change.migration ?? "",
    /^Converted .*registry\.json from formatVersion 1 \(stages\) to 2 \(aliases\): 4 transitions became 3 migrated moves in .*history\.jsonl; the old file is kept as .*registry\.v1\.json$/,
  );
  assert.deepEqual(change.transitions.map((t) => `${t.version}: ${t.from} → ${t.to}`), [
    "v0002: Production → Archived",
    "v0003: Staging → Production",
  ]);
  const lines = (await Deno.readTextFile(join(fx.root, HISTORY_FILE))).trim().split("\n");
  const entries = lines.map((line) => JSON.parse(line));
  assert.deepEqual(entries.map((e) => [e.alias, e.from, e.to, e.reason, e.migrated ?? false]), [
    ["champion", null, "v0001", "promoted", true],
    ["champion", "v0001", "v0002", "Q3 refit", true],
    ["challenger", null, "v0003", "promoted", true],
    ["champion", "v0002", "v0003", "promoted", false],
    ["challenger", "v0003", null, "promoted", false],
  ]);
  assert.equal(entries[1].at, "2025-07-01T00:00:00.000Z");
  assert.equal(entries[3].by, "carol");
  assert.equal(await Deno.readTextFile(join(fx.root, "registry.v1.json")), text);
  const index = JSON.parse(await Deno.readTextFile(join(fx.root, "registry.json")));
  assert.equal(index.formatVersion, 2);
  assert.deepEqual(index.migrated, { from: 1, at: "2026-01-01T00:00:00.000Z", transitions: 4 });
  // The converted history is the one rollback reads.
  await rollback(fx.root);
  assert.equal(await resolveAlias(fx.root, "champion"), "v0002");
});

Deno.test("stages the old transitions do not explain are taken from registry.json", async () => {
  const fx = await registryWith([true, true]);
  await using _ = fx;
  await Deno.writeTextFile(
    join(fx.root, "registry.json"),
    JSON.stringify({
      formatVersion: 1,
      stages: { v0001: "None", v0002: "Production" },
      history: [],
    }),
  );

  const { history, aliases } = await readRegistryState(fx.root);
  assert.deepEqual(aliases, { champion: "v0002" });
  assert.deepEqual(history.map((e) => [e.alias, e.from, e.to, e.reason]), [
    ["champion", null, "v0002", "registry.json recorded v0002 in Production"],
  ]);
});

Deno.test("registering a version converts a formatVersion 1 registry and says so", async () => {
  const { fx } = await legacyRegistry();
  await using _ = fx;
  const path = join(fx.root, "..", "new-model.json");
  await Deno.writeTextFile(path, "a fourth model");
  const info = await registerVersion(fx.root, {
    artifacts: { "model.json": path },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  assert.equal(info.version, "v0004");
  assert.match(info.migration ?? "", /^Converted .* from formatVersion 1/);
  assert.deepEqual((await readIndex(fx.root)).stages, { ...LEGACY.stages, v0004: "None" });
  const again = await registerVersion(fx.root, {
    artifacts: { "model.json": path },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  assert.equal(again.migration, undefined);
});
