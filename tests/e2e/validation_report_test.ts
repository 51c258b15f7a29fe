/**
 * The validation report through the real stages: evaluate writes it, register copies it
 * into the version, `registry show` prints where it is (a one-table CSV pipeline).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { csvPipeline } from "./csv_pipeline_fixture.ts";
import { ValidationReport } from "../../lib/evaluation/validation/mod.ts";
import { listVersions } from "../../lib/registry/mod.ts";
import { validationReportPath } from "../../lib/registry/validation_report.ts";
import { main } from "../../lib/cli/registry.ts";

Deno.test("evaluate writes the validation report and the registered version keeps it", async () => {
  await using p = await csvPipeline();
  const json = ValidationReport.parse(
    JSON.parse(await Deno.readTextFile(join(p.root, "reports/evaluation/validation.json"))),
  );
  const html = await Deno.readTextFile(join(p.root, "reports/evaluation/validation.html"));
  assert.equal(json.discrimination.deciles.reduce((s, d) => s + d.count, 0), json.rows.test);
  assert.deepEqual(json.monotonicity, []); // the csv pipeline declares no constraint
  // No reason table for this csv (governance.reasons unset): each feature is its own reason.
  const reasons = json.reasonCodes!;
  assert.ok(reasons.declinedRows > 0, "some test rows are in the last tier");
  const keys = Object.keys(reasons.counts);
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith("(no code) ")), keys.join());
  const total = Object.values(reasons.counts).reduce((s, n) => s + n, 0);
  assert.ok(Object.values(reasons.counts).every((n) => n <= reasons.declinedRows));
  assert.ok(total >= reasons.declinedRows && total <= 4 * reasons.declinedRows, `${total}`);
  assert.equal(json.adverseImpact?.attributes[0].attribute, "member");
  assert.match(html, /Reason codes among declined test applicants/);

  const [version] = await listVersions(p.registry);
  const path = validationReportPath(version);
  assert.equal(path, join(version.dir, "evaluation_validation.html"));
  assert.equal(await Deno.readTextFile(path!), html);
  assert.ok("evaluation_validation.json" in version.artifacts);

  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    assert.equal(await main(["show", version.version, "--registry", p.registry]), 0);
  } finally {
    console.log = original;
  }
  assert.ok(lines.join("\n").includes(`validation report: ${path}`));
});
