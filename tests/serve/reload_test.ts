import assert from "node:assert/strict";
import { watchRegistry } from "../../lib/registry/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { harness } from "./harness.ts";

Deno.test("promoting a version under concurrent requests swaps the model and fails none", async () => {
  const fixture = servingFixture({ fresh: true });
  await using h = await harness({}, fixture);
  const before = h.live.current()!.version;
  const rows = h.fixture.testRows;
  const fire = (n: number) =>
    Array.from({ length: n }, (_, i) => h.post("/predict", rows[i % rows.length]));
  const first = fire(100);
  const after = await h.fixture.registerAgain({ names: ["ok", "risky"], thresholds: [0.1] });
  const reload = h.live.reload();
  const second = fire(100);
  await reload;
  const third = fire(100);
  const responses = await Promise.all([...first, ...second, ...third]);
  const bodies = await Promise.all(responses.map((r) => r.json()));
  assert.deepEqual(responses.filter((r) => r.status !== 200).map((r) => r.status), []);
  const versions = new Set(bodies.map((b) => b.modelVersion));
  assert.deepEqual([...versions].sort(), [before, after].sort());
  assert.equal(h.live.current()!.version, after);
  for (const body of bodies.slice(200)) {
    assert.equal(body.modelVersion, after);
    assert.ok(["ok", "risky"].includes(body.tier));
  }
  await (await fixture).dispose();
});

Deno.test("the registry watcher calls back when registry.json is rewritten", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/registry.json`, "{}");
  let resolve!: () => void;
  const changed = new Promise<void>((r) => resolve = r);
  const watcher = watchRegistry(root, () => {
    resolve();
    return Promise.resolve();
  }, { pollMs: 20, debounceMs: 5 });
  try {
    await Deno.writeTextFile(`${root}/registry.json.tmp`, '{"a":1}');
    await Deno.rename(`${root}/registry.json.tmp`, `${root}/registry.json`);
    await changed;
  } finally {
    watcher.close();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a reload with nothing new promoted keeps the model and reports no change", async () => {
  await using h = await harness();
  const model = h.live.current();
  assert.deepEqual(await h.live.reload(), { version: model!.version, changed: false });
  assert.equal(h.live.current(), model);
});
