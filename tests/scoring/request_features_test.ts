import assert from "node:assert/strict";
import { requestFeatures } from "../../lib/features/mod.ts";
import { compileRequestFeatures } from "../../lib/scoring/mod.ts";
import { harness } from "../serve/harness.ts";
import { servingFixture } from "./serving_fixture.ts";

Deno.test("compiled request features equal requestFeatures on every held-out row", async () => {
  const { manifest, testRows } = await servingFixture();
  const write = compileRequestFeatures(
    manifest.features,
    Int32Array.from(manifest.features, (_, j) => j),
  );
  for (const row of testRows) {
    const expected = requestFeatures(row, manifest);
    const out = new Float64Array(manifest.features.length);
    write(row, out);
    expected.forEach((value, j) => assert.ok(Object.is(out[j], value), manifest.features[j].name));
  }
});

Deno.test("the served feature vector equals requestFeatures with the snapshot's history merged in", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  for (const row of h.fixture.testRows.slice(0, 20)) {
    const merged = { ...row, ...model.snapshot!.lookup(row.SK_ID_CURR) };
    const expected = requestFeatures(merged, model.manifest);
    const actual = model.featuresOf(row);
    expected.forEach((value, j) => assert.ok(Object.is(actual[j], value), `feature ${j}`));
  }
});

Deno.test("a csv boolean column sent as true or false becomes 1 or 0", () => {
  const features = [
    { name: "member", type: "boolean" as const, source: "csv", description: "Member." },
    { name: "age", type: "numeric" as const, source: "csv", description: "Age." },
  ];
  const write = compileRequestFeatures(features, Int32Array.of(1, 0));
  const out = new Float64Array(2);
  write({ member: true, age: 40 }, out);
  assert.deepEqual([...out], [40, 1]);
  write({ member: false, age: null }, out);
  assert.deepEqual([...out], [NaN, 0]);
});
