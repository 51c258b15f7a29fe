import assert from "node:assert/strict";
import {
  APPLICATION_FEATURES,
  computeApplicationFeatures,
} from "../../lib/features/application.ts";
import { toManifestFeature } from "../../lib/features/definition.ts";
import { requestFeatures } from "../../lib/features/request.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";

const homeCredit: FeatureManifest = {
  formatVersion: 1,
  key: "SK_ID_CURR",
  target: "TARGET",
  features: [
    ...APPLICATION_FEATURES.map(toManifestFeature),
    { name: "BURO_CREDIT_COUNT", type: "numeric", source: "bureau", description: "Credits." },
  ],
};

Deno.test("a request row gets the store's application features in manifest order", () => {
  const row = {
    AMT_CREDIT: 300000,
    AMT_INCOME_TOTAL: 150000,
    CODE_GENDER: "M",
    DAYS_EMPLOYED: 365243,
  };
  const vector = requestFeatures(row, homeCredit);
  const expected = computeApplicationFeatures(row);
  assert.equal(vector.length, homeCredit.features.length);
  APPLICATION_FEATURES.forEach((feature, j) => {
    const value = expected[feature.name];
    assert.ok(Object.is(vector[j], value === null ? NaN : value), feature.name);
  });
  const at = (name: string) => vector[homeCredit.features.findIndex((f) => f.name === name)];
  assert.deepEqual(
    [at("CREDIT_INCOME_RATIO"), at("CODE_GENDER"), at("DAYS_EMPLOYED_PLACEHOLDER")],
    [2, 1, 1],
  );
});

Deno.test("history aggregates are read from the row when given, NaN otherwise", () => {
  const last = homeCredit.features.length - 1;
  assert.equal(requestFeatures({ BURO_CREDIT_COUNT: 3 }, homeCredit)[last], 3);
  assert.ok(Number.isNaN(requestFeatures({}, homeCredit)[last]));
});

Deno.test("categoricals are coded with the manifest's levels", () => {
  const manifest: FeatureManifest = {
    formatVersion: 1,
    key: "id",
    target: "TARGET",
    features: [
      {
        name: "city",
        type: "categorical",
        levels: ["Bergen", "Oslo"],
        source: "csv",
        description: "City.",
      },
      { name: "age", type: "numeric", source: "csv", description: "Age." },
      { name: "smoker", type: "boolean", source: "csv", description: "Smoker." },
    ],
  };
  assert.deepEqual([...requestFeatures({ city: "Oslo", age: 41, smoker: 0 }, manifest)], [
    1,
    41,
    0,
  ]);
  assert.deepEqual([...requestFeatures({ city: "Paris", age: null }, manifest)], [NaN, NaN, NaN]);
});
