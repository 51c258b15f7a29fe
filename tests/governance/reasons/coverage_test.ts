import assert from "node:assert/strict";
import type { FeatureManifest } from "../../../lib/features/manifest/mod.ts";
import {
  compileReasonIndex,
  parseReasonTable,
  reasonCoverage,
} from "../../../lib/governance/reasons/mod.ts";

const MANIFEST: FeatureManifest = {
  formatVersion: 1,
  key: "ID",
  target: "y",
  features: ["EXT_SOURCE_1", "CODE_GENDER", "AMT_CREDIT", "FLAG_MOBIL"].map((name) => ({
    name,
    type: "numeric",
    source: "application_train",
    description: name,
  })),
};

const TABLE = parseReasonTable(
  "formatVersion: 1\nreasons:\n  - { code: R01, text: External scores, features: [EXT_SOURCE_1] }\n",
  "reasons.yaml",
);

Deno.test("top features without a reason code are listed with their rank", () => {
  const index = compileReasonIndex(MANIFEST, TABLE, "reasons.yaml");
  const importance = [
    { name: "EXT_SOURCE_1", meanAbsShap: 0.4 },
    { name: "CODE_GENDER", meanAbsShap: 0.2 },
    { name: "AMT_CREDIT", meanAbsShap: 0.1 },
    { name: "FLAG_MOBIL", meanAbsShap: 0 },
  ];
  assert.deepEqual(reasonCoverage(index, importance, 2), {
    table: "reasons.yaml",
    checked: 2,
    unmapped: [{ name: "CODE_GENDER", rank: 2, meanAbsShap: 0.2 }],
  });
  // A feature the model never used is not a top feature.
  assert.deepEqual(reasonCoverage(index, importance).unmapped.map((f) => f.name), [
    "CODE_GENDER",
    "AMT_CREDIT",
  ]);
});

Deno.test("without a table every top feature is unmapped", () => {
  const coverage = reasonCoverage(compileReasonIndex(MANIFEST), [
    { name: "AMT_CREDIT", meanAbsShap: 0.3 },
  ]);
  assert.deepEqual(coverage, {
    table: null,
    checked: 1,
    unmapped: [{ name: "AMT_CREDIT", rank: 1, meanAbsShap: 0.3 }],
  });
});
