import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/registry.ts";
import { registerVersion } from "../../lib/registry/mod.ts";
import { UsageError } from "../../lib/cli/args.ts";

async function captured(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    return { code: await main(args), out: lines.join("\n") };
  } finally {
    console.log = original;
  }
}

async function registryWithTwoVersions(): Promise<string> {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  for (const [name, auc, gate] of [["a", 0.71, true], ["b", 0.74, false]] as const) {
    const path = join(dir, `${name}.json`);
    await Deno.writeTextFile(path, name);
    await registerVersion(root, {
      artifacts: { "model.json": path },
      metrics: { "test.auc": auc },
      gatePassed: gate,
      lineage: {},
      now: new Date("2026-01-01T00:00:00Z"),
    });
  }
  return root;
}

Deno.test("registry list shows each version's stage, gate and AUC", async () => {
  const root = await registryWithTwoVersions();
  const { code, out } = await captured(["list", "--registry", root]);
  assert.equal(code, 0);
  const lines = out.split("\n");
  assert.match(lines[2], /^v0001\s+None\s+pass\s+0\.7100/);
  assert.match(lines[3], /^v0002\s+None\s+FAIL\s+0\.7400/);
});

Deno.test("registry promote prints the transition and compare prints the change", async () => {
  const root = await registryWithTwoVersions();
  const promoted = await captured(["promote", "v0001", "Production", "--registry", root]);
  assert.equal(promoted.out, "v0001: None → Production (promoted)");
  const compared = await captured(["compare", "v0001", "v0002", "--registry", root]);
  assert.match(compared.out.split("\n")[2], /^test\.auc\s+0\.7100\s+0\.7400\s+\+0\.0300$/);
});

Deno.test("registry commands missing an argument are usage errors", async () => {
  const root = await registryWithTwoVersions();
  await assert.rejects(() => main(["show", "--registry", root]), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, "Missing argument: registry show <version>");
    return true;
  });
});
