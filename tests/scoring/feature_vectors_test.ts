import assert from "node:assert/strict";
import {
  compileFeatureVectors,
  featuresInto,
  featuresOf,
  featuresOfBatch,
} from "../../lib/scoring/feature_vectors.ts";
import { harness } from "../serve/harness.ts";

Deno.test("the named feature functions give the served model's vectors, bit for bit", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const compiled = compileFeatureVectors(model.manifest, model.snapshot);
  const rows = h.fixture.testRows.slice(0, 20);
  const batch = featuresOfBatch(compiled, rows);
  assert.deepEqual(batch, model.featuresOfBatch(rows));
  const out = new Float64Array(compiled.width).fill(7);
  rows.forEach((row, i) => {
    const single = featuresOf(compiled, row);
    assert.deepEqual(single, model.featuresOf(row));
    assert.equal(featuresInto(compiled, row, out), out);
    assert.deepEqual(out, single, `row ${i}`);
    assert.deepEqual(batch.subarray(i * compiled.width, (i + 1) * compiled.width), single);
  });
});

Deno.test("a snapshot feature missing from the manifest is named", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  assert.ok(model.snapshot !== undefined, "the harness version has a snapshot");
  const snapshot = { ...model.snapshot, features: [...model.snapshot.features, "NOPE"] };
  assert.throws(
    () => compileFeatureVectors(model.manifest, snapshot),
    { name: "RangeError", message: 'Snapshot feature "NOPE" is not in the manifest' },
  );
});
