import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/registry.ts";
import { registerVersion } from "../../lib/registry/mod.ts";
import { UsageError } from "../../lib/cli/args.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";

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

Deno.test("registry --help lists every command, flag and environment variable", async () => {
  const { code, out } = await captured(["--help"]);
  assert.equal(code, 0);
  for (
    const word of [
      "list",
      "show <version>",
      "promote <version> <stage>",
      "rollback",
      "compare <a> <b>",
      "import-xgboost <model.json>",
      "--registry DIR",
      "--json",
      "--force",
      "--reason TEXT",
      "--from VERSION",
      "--name NAME",
      "--help, -h",
      "RISKPIPE_REGISTRY",
    ]
  ) assert.ok(out.includes(word), `--help mentions ${word}`);
  assert.equal((await captured(["import-xgboost", "--help"])).out, out);
});

Deno.test("registry import-xgboost without a file is a usage error", async () => {
  await assert.rejects(() => main(["import-xgboost"]), {
    name: "UsageError",
    message: "Missing argument: registry import-xgboost <model.json>",
  });
});

Deno.test("registry import-xgboost refuses a UBJ file by name before reading the registry", async () => {
  const dir = await Deno.makeTempDir();
  const path = join(dir, "model.ubj");
  await Deno.writeFile(path, new Uint8Array([0x7b, 0x4c, 0, 0, 0, 0, 0, 0, 0, 7]));
  await assert.rejects(() => main(["import-xgboost", path, "--registry", join(dir, "r")]), {
    message: `Cannot import XGBoost model "${path}": UBJ models are not supported: ` +
      "save with model.save_model('model.json')",
  });
  await Deno.remove(dir, { recursive: true });
});

Deno.test("registry import-xgboost registers the fixture model and says how to use it", async () => {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const names = ["f0", "f1", "f2", "f3", "f4", "f5"];
  const manifest = join(dir, "manifest.json");
  await Deno.writeTextFile(
    manifest,
    JSON.stringify({
      formatVersion: 1,
      key: "id",
      target: "y",
      features: names.map((name) => ({ name, type: "numeric", source: "csv", description: "" })),
    }),
  );
  const serving = join(dir, "serving.json");
  await Deno.writeTextFile(
    serving,
    JSON.stringify({
      formatVersion: 1,
      source: "synthetic",
      contract: homeCreditContract("application_train", { source: "synthetic" }),
      omit: ["TARGET"],
      tiers: DEFAULT_TIERS,
      snapshot: null,
    }),
  );
  await registerVersion(root, {
    artifacts: { "manifest.json": manifest, "serving.json": serving },
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  const model = new URL("../fixtures/xgboost/model.json", import.meta.url).pathname;
  const { code, out } = await captured([
    "import-xgboost",
    model,
    "--from",
    "v0001",
    "--name",
    "team-model",
    "--registry",
    root,
  ]);
  assert.equal(code, 0);
  const [first, second] = out.split("\n");
  assert.match(
    first,
    /^registered v0002 from .*model\.json: 15 trees, manifest and serving artifacts of v0001, ONNX parity \d\.\de-\d+ on probe rows$/,
  );
  assert.equal(
    second,
    "no gate has judged it: score it with `deno task score --version v0002 …`, " +
      "or promote it with `deno task registry promote v0002 Production --force`",
  );
  const shown = await captured(["show", "v0002", "--json", "--registry", root]);
  assert.equal(JSON.parse(shown.out).lineage.name, "team-model");
  const again = await captured(["import-xgboost", model, "--from", "v0001", "--registry", root]);
  assert.equal(again.out, `${model} is already registered as v0002 (None)`);
  await Deno.remove(dir, { recursive: true });
});
