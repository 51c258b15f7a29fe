import assert from "node:assert/strict";
import { createLiveModel } from "../../lib/scoring/live_model.ts";
import type { ServingModel } from "../../lib/scoring/model.ts";
import { resolveAlias, setAlias, unsetAlias, watchRegistry } from "../../lib/registry/mod.ts";
import { registryWith } from "./registry_fixture.ts";

Deno.test("a watcher following @challenger reloads on its moves and serves what it names", async () => {
  await using fx = await registryWith([true, true]);
  await setAlias(fx.root, "champion", "v0002", { reason: "champion" });
  const live = createLiveModel({
    productionVersion: () => resolveAlias(fx.root, "challenger"),
    load: (version) =>
      Promise.resolve({ version, release: () => Promise.resolve() } as unknown as ServingModel),
  });
  assert.deepEqual(await live.reload(), { version: undefined, changed: false });
  const served: (string | undefined)[] = [];
  let wake: () => void = () => {};
  const watcher = watchRegistry(fx.root, async () => {
    const result = await live.reload();
    if (result.changed) served.push(result.version);
    wake();
  }, { pollMs: 20, debounceMs: 5 });
  const until = async (n: number) => {
    while (served.length < n) await new Promise<void>((resolve) => wake = resolve);
  };
  try {
    await setAlias(fx.root, "challenger", "v0001", { reason: "shadow" });
    await until(1);
    await unsetAlias(fx.root, "challenger", { reason: "done" });
    await until(2);
    assert.deepEqual(served, ["v0001", undefined]);
  } finally {
    watcher.close();
    await live.close();
  }
});
