import assert from "node:assert/strict";
import type { FeatureManifest } from "../../../lib/features/manifest/mod.ts";
import {
  compileReasonIndex,
  parseReasonTable,
  readReasonTable,
  ReasonTableError,
  unmappedFeatures,
} from "../../../lib/governance/reasons/mod.ts";
import { stageExitCode } from "../../../lib/stage/failure.ts";
import { servingFixture } from "../../scoring/serving_fixture.ts";

const manifest = (names: string[]): FeatureManifest => ({
  formatVersion: 1,
  key: "ID",
  target: "y",
  features: names.map((name) => ({ name, type: "numeric", source: "csv", description: name })),
});

const MANIFEST = manifest(["EXT_SOURCE_1", "EXT_SOURCE_2", "DAYS_EMPLOYED", "AMT_CREDIT"]);

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof ReasonTableError, String(error));
    return error.problems;
  }
  assert.fail("expected a ReasonTableError");
}

const yaml = (entries: string) => `formatVersion: 1\nreasons:\n${entries}`;

Deno.test("a table that is not YAML is refused naming the file", () => {
  assert.throws(
    () => parseReasonTable("reasons: [\n", "t/reasons.yaml"),
    (e: Error) =>
      e instanceof ReasonTableError &&
      e.message.startsWith('Invalid reason table "t/reasons.yaml": it is not valid YAML: '),
  );
});

Deno.test("a duplicate code is refused naming both entries", () => {
  const text = yaml(
    "  - { code: R01, text: A, features: [EXT_SOURCE_1] }\n" +
      "  - { code: R01, text: B, features: [DAYS_EMPLOYED] }\n",
  );
  assert.deepEqual(problemsOf(() => parseReasonTable(text, "reasons.yaml")), [
    'reasons.1.code: Duplicate code "R01": reasons.0 has it too',
  ]);
});

Deno.test("an entry without text or features breaks the schema, each named", () => {
  const text = yaml("  - { code: R01, text: '', features: [] }\n");
  assert.deepEqual(problemsOf(() => parseReasonTable(text, "reasons.yaml")), [
    "reasons.0.text: Too small: expected string to have >=1 characters",
    "reasons.0.features: Too small: expected array to have >=1 items",
  ]);
});

Deno.test("a feature in two reasons and an unknown feature are refused together", () => {
  const table = parseReasonTable(
    yaml(
      "  - { code: R01, text: External scores, features: ['EXT_SOURCE*'] }\n" +
        "  - { code: R02, text: Employment, features: [DAYS_EMPLOYD, EXT_SOURCE_2, 'BURO_*'] }\n",
    ),
    "reasons.yaml",
  );
  let error: unknown;
  try {
    compileReasonIndex(MANIFEST, table, "reasons.yaml");
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof ReasonTableError);
  assert.equal(
    error.message,
    'Invalid reason table "reasons.yaml": 3 problems\n' +
      '  - reasons.1 (R02) features.0: "DAYS_EMPLOYD" is not a feature of the model (did you mean DAYS_EMPLOYED?)\n' +
      '  - reasons.1 (R02) features.1: feature "EXT_SOURCE_2" is already in reasons.0 (R01); a feature may have one reason only\n' +
      '  - reasons.1 (R02) features.2: pattern "BURO_*" matches no feature of the model',
  );
  // A stage reports it as a param mistake (exit code 2).
  assert.equal(stageExitCode(error), 2);
});

Deno.test("features the table leaves out are their own reasons, with no code", () => {
  const table = parseReasonTable(
    yaml("  - { code: R01, text: External scores are low, features: ['EXT_SOURCE*'] }\n"),
    "reasons.yaml",
  );
  const index = compileReasonIndex(MANIFEST, table, "reasons.yaml");
  assert.deepEqual(Array.from(index.groupOf), [0, 0, 1, 2]);
  assert.deepEqual(index.groups.map((g) => [g.code, g.text, Array.from(g.members)]), [
    ["R01", "External scores are low", [0, 1]],
    [null, "DAYS_EMPLOYED", [2]],
    [null, "AMT_CREDIT", [3]],
  ]);
  assert.deepEqual(unmappedFeatures(index), ["DAYS_EMPLOYED", "AMT_CREDIT"]);
  assert.equal(index.source, "reasons.yaml");
});

Deno.test("without a table every feature is unmapped and the index has no source", () => {
  const index = compileReasonIndex(MANIFEST);
  assert.equal(index.source, undefined);
  assert.deepEqual(unmappedFeatures(index), MANIFEST.features.map((f) => f.name));
});

Deno.test("the repo's reasons.yaml maps every Home Credit feature but the protected ones", async () => {
  const fixture = await servingFixture();
  const index = compileReasonIndex(
    fixture.manifest,
    await readReasonTable("reasons.yaml"),
    "reasons.yaml",
  );
  assert.deepEqual(unmappedFeatures(index), ["CODE_GENDER", "age_band"]);
  const r01 = index.groups.find((g) => g.code === "R01")!;
  assert.deepEqual(
    Array.from(r01.members, (j) => index.names[j]).sort(),
    [
      "EXT_SOURCES_MAX",
      "EXT_SOURCES_MEAN",
      "EXT_SOURCES_MIN",
      "EXT_SOURCES_MISSING_COUNT",
      "EXT_SOURCES_PRODUCT",
      "EXT_SOURCES_WEIGHTED",
      "EXT_SOURCE_1",
      "EXT_SOURCE_2",
      "EXT_SOURCE_2_3_GAP",
      "EXT_SOURCE_3",
    ],
  );
});
