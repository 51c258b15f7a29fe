import assert from "node:assert/strict";
import { harness } from "../serve/harness.ts";

Deno.test("batch feature vectors equal the row path's on every held-out row, bit for bit", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const rows = [
    ...h.fixture.testRows,
    { ...h.fixture.testRows[0], SK_ID_CURR: 600000 }, // no history in the snapshot
  ];
  const width = model.manifest.features.length;
  const batch = model.featuresOfBatch(rows);
  assert.equal(batch.length, rows.length * width);
  rows.forEach((row, i) => {
    const single = model.featuresOf(row);
    for (let j = 0; j < width; j++) {
      assert.ok(Object.is(batch[i * width + j], single[j]), `row ${i}, feature ${j}`);
    }
  });
});

Deno.test("a row missing every optional field gets the same batch and row features", async () => {
  await using h = await harness();
  const model = h.live.current()!;
  const row = Object.fromEntries(
    Object.entries(h.fixture.testRows[0]).map(([k, v]) => [k, k === "SK_ID_CURR" ? v : null]),
  );
  const single = model.featuresOf(row);
  const batch = model.featuresOfBatch([row]);
  single.forEach((value, j) => assert.ok(Object.is(batch[j], value), `feature ${j}`));
});
