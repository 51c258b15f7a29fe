import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadVerifiedVersion,
  readVersion,
  registerVersion,
  SignatureError,
  signVersion,
} from "../../lib/registry/mod.ts";
import { hashFile } from "../../lib/pipeline/hash.ts";

const KEY = "test signing key: thirty-two chars or more";
const now = new Date("2026-01-02T03:04:05Z");

async function registered(signingKey?: string) {
  const dir = await Deno.makeTempDir();
  const root = join(dir, "registry");
  const source = join(dir, "model.json");
  await Deno.writeTextFile(source, '{"trees": []}');
  const info = await registerVersion(root, {
    artifacts: { "model.json": source },
    metrics: { auc: 0.7 },
    gatePassed: true,
    lineage: {},
    now,
    signingKey,
  });
  return { dir, root, info };
}

/** Changes an artifact and rewrites its checksum in version.json, as an attacker would. */
async function tamperWithHash(versionDir: string): Promise<void> {
  const artifact = join(versionDir, "model.json");
  await Deno.chmod(artifact, 0o644);
  await Deno.writeTextFile(artifact, '{"trees": [1]}');
  const recordPath = join(versionDir, "version.json");
  const record = JSON.parse(await Deno.readTextFile(recordPath));
  record.artifacts["model.json"] = await hashFile(artifact);
  await Deno.chmod(recordPath, 0o644);
  await Deno.writeTextFile(recordPath, JSON.stringify(record, null, 2) + "\n");
}

Deno.test("a version registered with a key is signed and loads with that key", async () => {
  const { dir, root, info } = await registered(KEY);
  try {
    const signature = JSON.parse(await Deno.readTextFile(join(info.dir, "signature.json")));
    assert.equal(signature.algorithm, "HMAC-SHA-256");
    assert.match(signature.signature, /^[0-9a-f]{64}$/);
    const loaded = await loadVerifiedVersion(root, info.version, { signingKey: KEY });
    assert.equal(loaded.version, "v0001");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an artifact changed with its checksum rewritten is refused when a key is set", async () => {
  const { dir, root, info } = await registered(KEY);
  try {
    await tamperWithHash(info.dir);
    // The checksums alone cannot tell: they were rewritten with the artifact.
    await loadVerifiedVersion(root, info.version, { signingKey: undefined });
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signingKey: KEY }),
      (error: Error) => {
        assert.ok(error instanceof SignatureError);
        assert.match(error.message, /^Cannot load model v0001: its signature does not match/);
        return true;
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unsigned version is refused when a key is set, and signs with registry sign", async () => {
  const { dir, root, info } = await registered(undefined);
  try {
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signingKey: KEY }),
      /Cannot load model v0001: it is not signed \(no signature.json\)/,
    );
    await signVersion(root, info.version, KEY);
    assert.equal(
      (await loadVerifiedVersion(root, info.version, { signingKey: KEY })).version,
      "v0001",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a version signed with another key is refused", async () => {
  const { dir, root, info } = await registered(KEY);
  try {
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signingKey: `${KEY} but another` }),
      /its signature does not match/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a short signing key is refused", async () => {
  await assert.rejects(() => registered("short"), /signing key must be at least 32 bytes/);
});

Deno.test("a broken version.json is reported with its path, line and column", async () => {
  const { dir, root, info } = await registered(undefined);
  try {
    const path = join(info.dir, "version.json");
    const text = await Deno.readTextFile(path);
    await Deno.chmod(path, 0o644);
    await Deno.writeTextFile(path, text.replace('"gatePassed": true,', '"gatePassed": true'));
    await assert.rejects(
      () => readVersion(root, info.version),
      (error: Error) => {
        assert.ok(error instanceof SyntaxError);
        assert.match(error.message, new RegExp(`^Cannot read ${path.replace(/[.]/g, "\\.")}: `));
        assert.match(error.message, /line \d+ column \d+/);
        return true;
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
