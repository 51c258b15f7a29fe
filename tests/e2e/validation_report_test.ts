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
  assert.equal(json.reasonCodes, null);
  assert.equal(json.adverseImpact?.attributes[0].attribute, "member");
  assert.match(html, /Reason codes: not built yet/);

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
