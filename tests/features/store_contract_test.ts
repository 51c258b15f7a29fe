import assert from "node:assert/strict";
import { validateFeatureStore, validateSplit } from "../../lib/features/store_contract.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import { openFixture } from "../contracts/parquet_fixture.ts";

const manifest: FeatureManifest = {
  formatVersion: 1,
  key: "SK_ID_CURR",
  target: "TARGET",
  features: [
    { name: "CREDIT_INCOME", type: "numeric", source: "application_train", description: "r" },
    {
      name: "GENDER",
      type: "categorical",
      levels: ["F", "M"],
      source: "application_train",
      description: "g",
    },
    { name: "HAS_CAR", type: "boolean", source: "application_train", description: "b" },
  ],
};

const COLUMNS = "t(SK_ID_CURR, TARGET, CREDIT_INCOME, GENDER, HAS_CAR)";
const GOOD = "(1::BIGINT, 0::BIGINT, 2.5::DOUBLE, 0::INTEGER, 1::INTEGER), (2, 1, NULL, NULL, 0)";

Deno.test("a feature store that matches its manifest passes", async () => {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet("fs", `SELECT * FROM (VALUES ${GOOD}) ${COLUMNS}`);
    const report = await validateFeatureStore(fixture.conn, path, manifest);
    assert.equal(report.name, "features");
    assert.deepEqual(report.errors, []);
  } finally {
    await fixture.close();
  }
});

Deno.test("NaN, bad codes, a missing column and a duplicate key fail the feature store", async () => {
  const fixture = await openFixture();
  try {
    const path = await fixture.parquet(
      "fs",
      `SELECT SK_ID_CURR, TARGET, CREDIT_INCOME, GENDER FROM (VALUES ${GOOD},
        (2, 0, 'inf'::DOUBLE, 2, 1)) ${COLUMNS}`,
    );
    const report = await validateFeatureStore(fixture.conn, path, manifest);
    assert.deepEqual(
      report.errors.map((r) => [r.column, r.check, r.failures, r.sample[0].value]),
      [
        ["HAS_CAR", "column_present", 1, null],
        ["CREDIT_INCOME", "finite", 1, "Infinity"],
        ["GENDER", "max", 1, 2],
        ["SK_ID_CURR", "unique", 1, 2],
      ],
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("a split with an id in both parts and differing columns fails", async () => {
  const fixture = await openFixture();
  try {
    const train = await fixture.parquet("train", `SELECT * FROM (VALUES ${GOOD}) ${COLUMNS}`);
    const test = await fixture.parquet(
      "test",
      `SELECT SK_ID_CURR, TARGET, CREDIT_INCOME, GENDER, HAS_CAR::DOUBLE AS HAS_CAR
       FROM (VALUES (2::BIGINT, 1::BIGINT, 1.0::DOUBLE, 1::INTEGER, 1::INTEGER),
       (3, 0, 0.5, 0, 0)) ${COLUMNS}`,
    );
    const report = await validateSplit(fixture.conn, { train, test }, manifest);
    assert.deepEqual(
      report.errors.map((r) => [r.table, r.column, r.check, r.failures, r.sample]),
      [
        ["test", "HAS_CAR", "dtype", 1, [{
          table: "test",
          column: "HAS_CAR",
          check: "dtype",
          rowKey: null,
          value: "DOUBLE",
        }]],
        ["test", "HAS_CAR", "split_columns_equal", 1, [{
          table: "test",
          column: "HAS_CAR",
          check: "split_columns_equal",
          rowKey: null,
          value: "HAS_CAR DOUBLE",
        }]],
        ["test", "SK_ID_CURR", "split_ids_disjoint", 1, [{
          table: "test",
          column: "SK_ID_CURR",
          check: "split_ids_disjoint",
          rowKey: { SK_ID_CURR: 2 },
          value: 2,
        }]],
      ],
    );
  } finally {
    await fixture.close();
  }
});

Deno.test("a clean split passes", async () => {
  const fixture = await openFixture();
  try {
    const train = await fixture.parquet("train", `SELECT * FROM (VALUES ${GOOD}) ${COLUMNS}`);
    const test = await fixture.parquet(
      "test",
      `SELECT * FROM (VALUES (3::BIGINT, 0::BIGINT, 1.0::DOUBLE, 1::INTEGER, 1::INTEGER)) ${COLUMNS}`,
    );
    const report = await validateSplit(fixture.conn, { train, test }, manifest);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.tables, [{ table: "train", rows: 2 }, { table: "test", rows: 1 }]);
  } finally {
    await fixture.close();
  }
});
