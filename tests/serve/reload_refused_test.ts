import assert from "node:assert/strict";
import { join } from "node:path";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { harness } from "./harness.ts";

Deno.test("a promoted version with a tampered artifact is refused on reload: the old one keeps serving and /health says why", async () => {
  const fixture = servingFixture({ fresh: true });
  await using h = await harness({}, fixture);
  const before = h.live.current()!.version;
  const after = await h.fixture.registerAgain({ names: ["ok", "risky"], thresholds: [0.1] });
  const artifact = join(h.fixture.registry, "versions", after, "model.onnx");
  await Deno.chmod(artifact, 0o644);
  await Deno.writeFile(artifact, new Uint8Array([1]), { append: true });
  await assert.rejects(() => h.live.reload(), /Cannot load model v\d+: artifact "model.onnx"/);
  const res = await h.post("/predict", h.fixture.testRows[0]);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).modelVersion, before);
  const health = await (await h.app.request("/health")).json();
  assert.equal(health.modelVersion, before);
  assert.match(
    health.lastReloadError,
    new RegExp(`Cannot load model ${after}: artifact "model.onnx"`),
  );
  await (await fixture).dispose();
});
