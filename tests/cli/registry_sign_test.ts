import assert from "node:assert/strict";
import { join } from "node:path";
import { loadVerifiedVersion, registerVersion, SIGNING_KEY_ENV } from "../../lib/registry/mod.ts";

const KEY = "a signing key for the CLI test, 32+ bytes";
const CLI = new URL("../../lib/cli/registry.ts", import.meta.url).pathname;

async function oneVersion(): Promise<{ dir: string; root: string }> {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const path = join(dir, "model.json");
  await Deno.writeTextFile(path, "{}");
  await registerVersion(root, {
    artifacts: { "model.json": path },
    metrics: { auc: 0.7 },
    gatePassed: true,
    lineage: {},
    signing: {},
  });
  return { dir, root };
}

// The CLI runs as a child with the key in its environment: setting it here would leak into
// the other test files `deno test --parallel` runs in this process.
Deno.test("registry sign signs an existing version with RISKPIPE_SIGNING_KEY", async () => {
  const { dir, root } = await oneVersion();
  const signing = { hmac: KEY };
  try {
    await assert.rejects(() => loadVerifiedVersion(root, "v0001", { signing }), /it is not signed/);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CLI, "sign", "v0001", "--registry", root],
      stdout: "piped",
      stderr: "piped",
      env: { [SIGNING_KEY_ENV]: KEY },
    }).output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.equal(
      new TextDecoder().decode(out.stdout).trim(),
      "v0001: signed (HMAC-SHA-256 of version.json)",
    );
    assert.equal((await loadVerifiedVersion(root, "v0001", { signing })).version, "v0001");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("registry show on a broken version.json prints one line naming the file and line", async () => {
  const { dir, root } = await oneVersion();
  try {
    const path = join(root, "versions", "v0001", "version.json");
    const text = await Deno.readTextFile(path);
    await Deno.chmod(path, 0o644);
    await Deno.writeTextFile(path, text.replace('"gatePassed": true,', '"gatePassed": true'));
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", CLI, "show", "v0001", "--registry", root],
      stdout: "piped",
      stderr: "piped",
      env: { [SIGNING_KEY_ENV]: "" },
    }).output();
    const stderr = new TextDecoder().decode(out.stderr).trim();
    assert.equal(out.code, 1);
    assert.equal(stderr.split("\n").length, 1, stderr);
    assert.match(
      stderr,
      new RegExp(`^Cannot read ${path}: it is not valid JSON: .*line \\d+ column \\d+`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
