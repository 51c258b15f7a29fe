import assert from "node:assert/strict";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { harness } from "./harness.ts";

Deno.test("a csv row's id column is optional and echoed back when given", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const example = h.live.current()!.info.example!;
    const given = await h.post("/predict", { ...example, loan_id: "17" });
    const body = await given.json();
    assert.equal(given.status, 200, JSON.stringify(body));
    assert.equal(body.id, 17);
    const { loan_id: _, ...withoutId } = example;
    const without = await h.post("/predict", withoutId);
    const bare = await without.json();
    assert.equal(without.status, 200, JSON.stringify(bare));
    assert.equal("id" in bare, false);
    assert.equal(bare.probability, body.probability);
    const batch = await (await h.post("/predict/batch", { rows: [example, withoutId] })).json();
    assert.deepEqual(batch.predictions.map((p: { id?: unknown }) => p.id), [
      Number(example.loan_id),
      undefined,
    ]);
  } finally {
    await fixture.dispose();
  }
});

Deno.test("a csv row with the target column scores as the row without it", async () => {
  const fixture = await csvServingFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const example = h.live.current()!.info.example!;
    const plain = await (await h.post("/predict", example)).json();
    const res = await h.post("/explain", { ...example, defaulted: "yes" });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).probability, plain.probability);
  } finally {
    await fixture.dispose();
  }
});
