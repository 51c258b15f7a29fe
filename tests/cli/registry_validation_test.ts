import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/registry.ts";
import { registerVersion } from "../../lib/registry/mod.ts";
import { VALIDATION_HTML_ARTIFACT } from "../../lib/registry/validation_report.ts";

async function captured(args: string[]): Promise<string> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    assert.equal(await main(args), 0);
    return lines.join("\n");
  } finally {
    console.log = original;
  }
}

async function registryWith(withReport: boolean): Promise<string> {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const model = join(dir, "model.json");
  const page = join(dir, "validation.html");
  await Deno.writeTextFile(model, "{}");
  await Deno.writeTextFile(page, "<!doctype html>");
  await registerVersion(root, {
    artifacts: { "model.json": model, ...(withReport ? { [VALIDATION_HTML_ARTIFACT]: page } : {}) },
    metrics: {},
    gatePassed: true,
    lineage: {},
    judgements: [VALIDATION_HTML_ARTIFACT],
  });
  return root;
}

Deno.test("registry show prints the path of the version's validation report", async () => {
  const root = await registryWith(true);
  const out = await captured(["show", "v0001", "--registry", root]);
  const path = join(root, "versions", "v0001", "evaluation_validation.html");
  assert.ok(out.split("\n").includes(`validation report: ${path}`), out);
  const json = JSON.parse(await captured(["show", "v0001", "--registry", root, "--json"]));
  assert.equal(json.validationReport, path);
});

Deno.test("registry show says when a version has no validation report", async () => {
  const root = await registryWith(false);
  const out = await captured(["show", "v0001", "--registry", root]);
  assert.ok(
    out.split("\n").includes("validation report: none (registered before validation reports)"),
    out,
  );
  const json = JSON.parse(await captured(["show", "v0001", "--registry", root, "--json"]));
  assert.equal(json.validationReport, null);
});
