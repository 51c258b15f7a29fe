/** A temp registry with versions registered from tiny hand-written artifacts. */
import { join } from "node:path";
import { registerVersion } from "../../lib/registry/mod.ts";

/** A registry directory and its cleanup. */
export interface RegistryFixture {
  root: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Registers `gates.length` versions (v0001…), each with the gate result given. */
export async function registryWith(gates: readonly boolean[]): Promise<RegistryFixture> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-registry-" });
  const root = join(dir, "registry");
  for (const [i, gatePassed] of gates.entries()) {
    const path = join(dir, `model-${i}.json`);
    await Deno.writeTextFile(path, `model ${i}`);
    await registerVersion(root, {
      artifacts: { "model.json": path },
      metrics: { auc: 0.7 + i / 100 },
      gatePassed,
      lineage: {},
      now: new Date("2026-01-01T00:00:00Z"),
    });
  }
  return { root, [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
}
