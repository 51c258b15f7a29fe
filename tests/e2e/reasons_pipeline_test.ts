/**
 * The reason table through the real stages on a one-table CSV: evaluate checks it and
 * reports the unmapped top features, register copies it into the version, and serving
 * reads the version's copy, not the workspace's file.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvPipeline } from "./csv_pipeline_fixture.ts";
import { productionVersion } from "../../lib/registry/mod.ts";
import { loadServingModel } from "../../lib/scoring/mod.ts";
import { namedPrincipalReasons, REASONS_FILE } from "../../lib/governance/reasons/mod.ts";

const TABLE = `formatVersion: 1
reasons:
  - { code: A01, text: Age of applicant, features: [age] }
  - { code: I01, text: Income is low, features: [income] }
`;

Deno.test("the reason table is checked, reported, registered and served from the version", async () => {
  await using p = await csvPipeline(700, { reasons: TABLE });
  const version = (await productionVersion(p.registry))!;
  const versionDir = join(p.registry, "versions", version);
  assert.equal(await Deno.readTextFile(join(versionDir, REASONS_FILE)), TABLE);

  const tables = JSON.parse(
    await Deno.readTextFile(join(p.root, "reports/evaluation/tables.json")),
  );
  assert.equal(tables.reasons.table, "reasons.yaml");
  const unmapped = tables.reasons.unmapped.map((f: { name: string }) => f.name);
  assert.ok(unmapped.length > 0 && !unmapped.includes("age") && !unmapped.includes("income"));
  const html = await Deno.readTextFile(join(p.root, "reports/evaluation/index.html"));
  assert.match(html, /Reason codes/);
  // The validation report counts the table's codes among the declined applicants.
  const validation = JSON.parse(
    await Deno.readTextFile(join(p.root, "reports/evaluation/validation.json")),
  );
  const counted = Object.keys(validation.reasonCodes.counts);
  assert.ok(counted.includes("A01 Age of applicant") || counted.includes("I01 Income is low"));
  assert.ok(
    counted.every((k) => /^(A01 Age of applicant|I01 Income is low|\(no code\) \w+)$/.test(k)),
    counted.join(),
  );

  // A later edit of the workspace's table does not change the registered version's reasons.
  await Deno.writeTextFile(join(p.root, "reasons.yaml"), TABLE.replaceAll("[age]", "[agee]"));
  const model = await loadServingModel(p.registry, version);
  try {
    const ageIndex = model.manifest.features.findIndex((f) => f.name === "age");
    const contributions = new Float64Array(model.manifest.features.length);
    contributions[ageIndex] = 0.5;
    assert.deepEqual(namedPrincipalReasons(model.reasons!, contributions), [
      { code: "A01", text: "Age of applicant", contribution: 0.5, features: ["age"] },
    ]);
  } finally {
    await model.release();
  }

  // The edited table is refused by evaluate, naming the file, the entry and the rule (exit 2).
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "stages/evaluate.ts"],
    cwd: p.root,
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(code, 2);
  assert.match(
    new TextDecoder().decode(stderr),
    /Invalid reason table "reasons\.yaml": reasons\.0 \(A01\) features\.0: "agee" is not a feature of the model \(did you mean age\?\)/,
  );
});
