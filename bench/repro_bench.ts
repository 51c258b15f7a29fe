/**
 * Runner benchmarks (`deno bench -A bench/repro_bench.ts`): whole `repro` commands spawned
 * as `deno run -A lib/cli/main.ts repro` in a synthetic pipeline's directory, so Deno
 * start-up counts. Targets: no-op of 10 stages ≤ 100 ms, of 100 stages ≤ 300 ms; a no-op
 * over 2 GiB of tracked data costs no more than over 2 MiB. `bench/repro_report.ts`
 * prints the same figures with the derived per-stage overhead.
 */
import { resetBenchState, spawnRepro, writeBenchPipeline } from "./repro_fixture.ts";

const dirs: string[] = [];
globalThis.addEventListener("unload", () => {
  for (const dir of dirs) Deno.removeSync(dir, { recursive: true });
});

async function fixture(stages: number, trackedBytes?: number): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-bench-" });
  dirs.push(dir);
  await writeBenchPipeline(dir, { stages, trackedBytes });
  await spawnRepro(dir);
  return dir;
}

for (const stages of [10, 100, 1000]) {
  const dir = await fixture(stages);
  Deno.bench({
    name: `no-op repro, ${stages} stages`,
    group: "no-op",
    baseline: stages === 10,
    n: stages === 1000 ? 5 : 20,
    warmup: 2,
    async fn() {
      await spawnRepro(dir);
    },
  });
}

for (const stages of [10, 100]) {
  const dir = await fixture(stages);
  Deno.bench({
    name: `first repro, ${stages} stages`,
    group: "first run",
    n: 3,
    warmup: 0,
    async fn(b) {
      await resetBenchState(dir);
      b.start();
      await spawnRepro(dir);
      b.end();
    },
  });
}

for (const [label, bytes] of [["2 MiB", 2 ** 21], ["2 GiB", 2 ** 31]] as const) {
  const dir = await fixture(10, bytes);
  Deno.bench({
    name: `no-op repro, 10 stages + ${label} tracked`,
    group: "tracked data",
    baseline: label === "2 MiB",
    n: 20,
    warmup: 2,
    async fn() {
      await spawnRepro(dir);
    },
  });
}
