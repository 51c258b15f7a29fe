import assert from "node:assert/strict";
import {
  isCountFeature,
  loadAggregateGroups,
  parseAggregateFeatures,
} from "../../lib/features/aggregates.ts";

Deno.test("feature declarations are read from SELECT lines, not from comment lines", () => {
  const sql = [
    "-- Columns are written `<expr> AS NAME, -- description`.",
    "SELECT SK_ID_CURR,",
    "  count(*) AS CC_MONTH_COUNT, -- Number of months.",
    "  max(SK_DPD) AS CC_SK_DPD_MAX -- Most days past due.",
    "FROM credit_card_balance GROUP BY SK_ID_CURR",
  ].join("\n");
  assert.deepEqual(parseAggregateFeatures("cc.sql", sql), [
    {
      name: "CC_MONTH_COUNT",
      type: "numeric",
      source: "credit_card_balance",
      description: "Number of months.",
    },
    {
      name: "CC_SK_DPD_MAX",
      type: "numeric",
      source: "credit_card_balance",
      description: "Most days past due.",
    },
  ]);
});

Deno.test("a feature without a known source prefix is refused with its file", () => {
  assert.throws(() => parseAggregateFeatures("x.sql", "  max(a) AS OTHER_MAX -- Max."), {
    name: "SyntaxError",
    message: 'Cannot read aggregate SQL "x.sql": feature "OTHER_MAX" has no known source prefix',
  });
});

Deno.test("every aggregate feature is unique, described and prefixed by its source", () => {
  const features = loadAggregateGroups().flatMap((group) => group.features);
  assert.equal(new Set(features.map((f) => f.name)).size, features.length);
  for (const feature of features) {
    assert.match(feature.description, /^[A-Z].*\.$/, feature.name);
    assert.match(feature.name, /^(BURO|PREV|POS|INST|CC)_/, feature.name);
  }
  const sources = new Set(features.map((f) => f.source));
  assert.deepEqual([...sources].sort(), [
    "POS_CASH_balance",
    "bureau",
    "bureau_balance",
    "credit_card_balance",
    "installments_payments",
    "previous_application",
  ]);
  assert.equal(features.filter((f) => isCountFeature(f.name)).length, 19);
});
