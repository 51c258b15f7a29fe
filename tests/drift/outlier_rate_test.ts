import assert from "node:assert/strict";
import { windowOutliers } from "../../lib/drift/outlier_rate.ts";
import { fitOutlierModel, scoreOutliers } from "../../lib/model/outlier/model.ts";
import { OutlierParams } from "../../lib/model/outlier/params.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";

const train = makeSyntheticDataset({ rows: 2000, features: 6, seed: 1 });
const model = fitOutlierModel(train, OutlierParams.parse({ contamination: 0.05 }));
const window = makeSyntheticDataset({ rows: 500, features: 6, seed: 2 });
// The drift manifest holds the features in another order, with one more the model lacks.
const order = [5, 4, 3, 2, 1, 0];
const manifest: FeatureManifest = {
  formatVersion: 1,
  key: "ID",
  target: "y",
  features: [
    { name: "extra", type: "numeric", source: "a", description: "not in the model" },
    ...order.map((j) => ({ ...train.features[j], source: "a", description: "f" })),
  ],
};
const columns = [new Float64Array(500), ...order.map((j) => window.columns[j])];

Deno.test("without logged flags the window is rescored, features matched by name", () => {
  const expected = scoreOutliers(model, window).filter((s) => s.flag).length;
  const got = windowOutliers({
    rows: 500,
    modelVersions: ["v0001"],
    productionVersion: "v0001",
    outliers: model,
    manifest,
    columns,
  });
  assert.deepEqual(got, { flagged: expected, rate: expected / 500, source: "rescored" });
  assert.ok(expected > 0);
});

Deno.test("logged flags are counted when the production version logged every row", () => {
  const loggedFlags = Uint8Array.from({ length: 500 }, (_, i) => Number(i < 7));
  const input = { rows: 500, loggedFlags, outliers: model, manifest, columns };
  assert.deepEqual(
    windowOutliers({ ...input, modelVersions: ["v0001"], productionVersion: "v0001" }),
    { flagged: 7, rate: 0.014, source: "logged" },
  );
  // Rows another version scored are rescored with the production version's model.
  const mixed = windowOutliers({
    ...input,
    modelVersions: ["v0001", "v0002"],
    productionVersion: "v0002",
  });
  assert.equal(mixed?.source, "rescored");
  assert.equal(windowOutliers({ ...input, outliers: undefined, modelVersions: [] }), undefined);
});
