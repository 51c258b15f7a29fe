import assert from "node:assert/strict";
import { join } from "node:path";
import {
  compileReasonIndex,
  principalReasons,
  readReasonTable,
  REASONS_FILE,
} from "../../lib/governance/reasons/mod.ts";
import { treeShap } from "../../lib/model/shap/tree_shap.ts";
import { loadServingModel } from "../../lib/scoring/mod.ts";
import { loadVersion, productionVersion, registerVersion } from "../../lib/registry/mod.ts";
import { harness } from "./harness.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";

interface Principal {
  code: string | null;
  text: string;
  contribution: number;
  features: string[];
}

/** The reasons the fixture's rows should get: the table on the feature store's TreeSHAP. */
async function expectedReasons(i: number) {
  const fixture = await servingFixture();
  const index = compileReasonIndex(fixture.manifest, await readReasonTable("reasons.yaml"));
  const values = Float64Array.from(fixture.testData.columns, (column) => column[i]);
  const shap = treeShap(fixture.gbdt, values).shap;
  return { shap, names: index.names, reasons: principalReasons(index, shap) };
}

function assertSameReasons(got: Principal[], want: Awaited<ReturnType<typeof expectedReasons>>) {
  assert.deepEqual(got.map((r) => [r.code, r.text]), want.reasons.map((r) => [r.code, r.text]));
  got.forEach((r, k) => {
    assert.ok(Math.abs(r.contribution - want.reasons[k].contribution) < 1e-9);
    assert.deepEqual(r.features, want.reasons[k].features.map((j) => want.names[j]));
    for (const name of r.features) assert.ok(want.shap[want.names.indexOf(name)] > 0, name);
  });
}

Deno.test("POST /explain gives up to four principal reasons from the version's table", async () => {
  await using h = await harness();
  let coded = 0;
  for (let i = 0; i < 20; i++) {
    const body = await (await h.post("/explain", h.fixture.testRows[i])).json();
    const got = body.principalReasons as Principal[];
    assert.ok(got.length <= 4);
    for (let k = 1; k < got.length; k++) {
      assert.ok(got[k - 1].contribution >= got[k].contribution, `row ${i} is in order`);
    }
    // Today's SHAP top-three lists stay beside them.
    assert.ok(body.reasons.up.length <= 3);
    assertSameReasons(got, await expectedReasons(i));
    coded += got.filter((r) => r.code !== null).length;
  }
  assert.ok(coded > 20, `only ${coded} coded reasons`);
});

Deno.test("a batch with explain true gives each row the same principal reasons", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 5);
  const body = await (await h.post("/predict/batch", { rows, explain: true })).json();
  for (const [i, p] of body.predictions.entries()) {
    assertSameReasons(p.explanation.principalReasons, await expectedReasons(i));
  }
});

Deno.test("a version without a reason table names the features, with no code", async () => {
  const fixture = await servingFixture();
  const source = (await loadVersion(fixture.registry, (await productionVersion(fixture.registry))!))
    .record;
  const registry = await Deno.makeTempDir({ prefix: "riskpipe-reasons-" });
  try {
    const artifacts = Object.fromEntries(
      Object.keys(source.artifacts).filter((name) => name !== REASONS_FILE)
        .map((name) => [name, join(source.dir, name)]),
    );
    const info = await registerVersion(registry, {
      artifacts,
      metrics: {},
      gatePassed: true,
      lineage: { fixture: true },
    });
    const model = await loadServingModel(registry, info.version);
    try {
      const values = Float64Array.from(fixture.testData.columns, (column) => column[0]);
      const reasons = principalReasons(model.reasons!, model.explain(values).contributions);
      assert.ok(reasons.length > 0);
      for (const r of reasons) {
        assert.equal(r.code, null);
        assert.deepEqual([r.text], r.features.map((j) => model.manifest.features[j].name));
      }
    } finally {
      await model.release();
    }
  } finally {
    await Deno.remove(registry, { recursive: true });
  }
});
