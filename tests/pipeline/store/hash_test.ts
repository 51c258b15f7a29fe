import assert from "node:assert/strict";
import { join } from "node:path";
import { canonicalJson, hashBytes, hashFile } from "../../../lib/pipeline/store/hash.ts";
import { digestHex } from "../../../lib/pipeline/store/digest.ts";
import { createRng } from "../../../lib/random/mod.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Deno.test("hashBytes gives the SHA-256 hex of a string and of its UTF-8 bytes", () => {
  assert.equal(hashBytes("abc"), ABC);
  assert.equal(hashBytes(new TextEncoder().encode("abc")), ABC);
  assert.equal(hashBytes(""), EMPTY);
});

Deno.test("hashFile of an empty file is the SHA-256 of no bytes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(join(dir, "empty"), new Uint8Array());
    assert.equal(await hashFile(join(dir, "empty")), EMPTY);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hashFile over several read chunks equals hashBytes of the whole content", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const rng = createRng(7);
    const data = new Uint8Array(9 * 1024 * 1024 + 13);
    for (let i = 0; i < data.length; i += 4096) data[i] = rng.int(0, 255);
    await Deno.writeFile(join(dir, "big.bin"), data);
    assert.equal(await hashFile(join(dir, "big.bin")), hashBytes(data));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("hashFile of a missing file throws NotFound", async () => {
  await assert.rejects(() => hashFile("/nonexistent/riskpipe/file"), Deno.errors.NotFound);
});

Deno.test("canonicalJson sorts keys at every level and keeps array order", () => {
  assert.equal(
    canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }], e: { z: null, y: "s" } }),
    '{"a":[2,{"c":4,"d":3}],"b":1,"e":{"y":"s","z":null}}',
  );
});

Deno.test("canonicalJson gives the same text for objects built in different key orders", () => {
  assert.equal(
    canonicalJson({ x: 1, y: { p: 1, q: 2 } }),
    canonicalJson({ y: { q: 2, p: 1 }, x: 1 }),
  );
});

Deno.test("digestHex (WebCrypto) gives the same hex as hashBytes for text and bytes", async () => {
  const text = 'stages:\n  a: { cmd: "echo é" }\n';
  const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 251);
  assert.equal(await digestHex(text), hashBytes(text));
  assert.equal(await digestHex(bytes), hashBytes(bytes));
  assert.equal(
    await digestHex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});
