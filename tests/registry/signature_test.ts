import assert from "node:assert/strict";
import { join } from "node:path";
import {
  loadVerifiedVersion,
  readVersion,
  registerVersion,
  SignatureError,
  type SigningKeys,
  signVersion,
} from "../../lib/registry/mod.ts";
import { hashFile } from "../../lib/pipeline/store/hash.ts";

const KEY = "test signing key: thirty-two chars or more";
const now = new Date("2026-01-02T03:04:05Z");

async function registered(signing: SigningKeys = {}) {
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
    signing,
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
  const { dir, root, info } = await registered({ hmac: KEY });
  try {
    const signature = JSON.parse(await Deno.readTextFile(join(info.dir, "signature.json")));
    assert.equal(signature.algorithm, "HMAC-SHA-256");
    assert.match(signature.signature, /^[0-9a-f]{64}$/);
    const loaded = await loadVerifiedVersion(root, info.version, { signing: { hmac: KEY } });
    assert.equal(loaded.version, "v0001");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an artifact changed with its checksum rewritten is refused when a key is set", async () => {
  const { dir, root, info } = await registered({ hmac: KEY });
  try {
    await tamperWithHash(info.dir);
    // The checksums alone cannot tell: they were rewritten with the artifact.
    await loadVerifiedVersion(root, info.version, { signing: {} });
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signing: { hmac: KEY } }),
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
  const { dir, root, info } = await registered({});
  try {
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signing: { hmac: KEY } }),
      /Cannot load model v0001: it is not signed \(no signature.json\)/,
    );
    await signVersion(root, info.version, { hmac: KEY });
    assert.equal(
      (await loadVerifiedVersion(root, info.version, { signing: { hmac: KEY } })).version,
      "v0001",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a version signed with another key is refused", async () => {
  const { dir, root, info } = await registered({ hmac: KEY });
  try {
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signing: { hmac: `${KEY} but another` } }),
      /its signature does not match/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a short signing key is refused", async () => {
  await assert.rejects(
    () => registered({ hmac: "short" }),
    /signing key must be at least 32 bytes/,
  );
});

Deno.test("a broken version.json is reported with its path, line and column", async () => {
  const { dir, root, info } = await registered({});
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

/** A fresh Ed25519 pair as the env holds it: base64 DER PKCS#8 and SPKI. */
async function ed25519Pair(): Promise<{ ed25519Private: string; ed25519Public: string }> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const base64 = (buffer: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)));
  return {
    ed25519Private: base64(await crypto.subtle.exportKey("pkcs8", pair.privateKey)),
    ed25519Public: base64(await crypto.subtle.exportKey("spki", pair.publicKey)),
  };
}

Deno.test("an Ed25519-signed version verifies with the public key alone and refuses tampering", async () => {
  const pair = await ed25519Pair();
  const { dir, root, info } = await registered({ ed25519Private: pair.ed25519Private });
  try {
    const signature = JSON.parse(await Deno.readTextFile(join(info.dir, "signature.json")));
    assert.equal(signature.algorithm, "Ed25519");
    assert.match(signature.signature, /^[0-9a-f]{128}$/);
    const verifyOnly = { ed25519Public: pair.ed25519Public };
    assert.equal(
      (await loadVerifiedVersion(root, info.version, { signing: verifyOnly })).version,
      "v0001",
    );
    const other = await ed25519Pair();
    await assert.rejects(
      () =>
        loadVerifiedVersion(root, info.version, {
          signing: { ed25519Public: other.ed25519Public },
        }),
      /its signature does not match/,
    );
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signing: { hmac: KEY } }),
      /it is signed with Ed25519 and RISKPIPE_SIGNING_ED25519_PUBLIC is not set/,
    );
    await tamperWithHash(info.dir);
    await assert.rejects(
      () => loadVerifiedVersion(root, info.version, { signing: verifyOnly }),
      /Cannot load model v0001: its signature does not match/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a malformed Ed25519 key is refused naming its env var", async () => {
  await assert.rejects(
    () => registered({ ed25519Private: "bm90IGEga2V5" }),
    /Invalid RISKPIPE_SIGNING_ED25519_PRIVATE: not an Ed25519 PKCS8 key/,
  );
});
