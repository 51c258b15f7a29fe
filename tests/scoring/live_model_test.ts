import assert from "node:assert/strict";
import { createLiveModel, NoModelError, type ServingModel } from "../../lib/scoring/mod.ts";

/** Stand-in models that record their release; only `version` and `release` are used. */
function fakeModels() {
  const released: string[] = [];
  const make = (version: string) =>
    ({
      version,
      release: () => {
        released.push(version);
        return Promise.resolve();
      },
    }) as unknown as ServingModel;
  return { released, make };
}

Deno.test("a swapped-out model is released only after its in-flight requests settle", async () => {
  const { released, make } = fakeModels();
  let production = "v1";
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(production),
    load: (version) => Promise.resolve(make(version)),
  });
  await live.reload();
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => finish = resolve);
  const inFlight = live.use(async (model) => {
    await gate;
    return model.version;
  });
  production = "v2";
  assert.deepEqual(await live.reload(), { version: "v2", changed: true });
  assert.equal(live.current()?.version, "v2");
  assert.deepEqual(released, []);
  finish();
  assert.equal(await inFlight, "v1");
  assert.deepEqual(released, ["v1"]);
  await live.close();
  assert.deepEqual(released, ["v1", "v2"]);
});

Deno.test("a failed load keeps the current model and records the error", async () => {
  const { make } = fakeModels();
  let production = "v1";
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(production),
    load: (version) =>
      version === "v1"
        ? Promise.resolve(make(version))
        : Promise.reject(new Error(`Cannot load model ${version}`)),
  });
  await live.reload();
  production = "v2";
  await assert.rejects(live.reload(), /Cannot load model v2/);
  assert.equal(live.current()?.version, "v1");
  assert.equal(live.status().lastError, "Cannot load model v2");
  await live.close();
});

Deno.test("use rejects with NoModelError when nothing is in Production", async () => {
  const live = createLiveModel({
    productionVersion: () => Promise.resolve(undefined),
    load: () => Promise.reject(new Error("unreachable")),
  });
  assert.deepEqual(await live.reload(), { version: undefined, changed: false });
  await assert.rejects(live.use(() => Promise.resolve(1)), NoModelError);
});
