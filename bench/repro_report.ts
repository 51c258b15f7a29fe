/**
 * Prints the runner's benchmark figures as a markdown table for the README:
 * `deno run -A bench/repro_report.ts`. Medians of several spawned `repro` commands
 * (Deno start-up included), and the derived per-stage overheads.
 */
import { resetBenchState, spawnRepro, writeBenchPipeline } from "./repro_fixture.ts";

async function time(action: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

async function median(runs: number, action: () => Promise<void>): Promise<number> {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await time(action));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The cost of spawning one trivial command, which a stage's run cannot avoid. */
async function spawnCost(dir: string): Promise<number> {
  const command = new Deno.Command("sh", { args: ["-c", "echo 1 > out/x.txt"], cwd: dir });
  return await median(50, async () => void await command.output());
}

const rows: string[][] = [];
const row = (what: string, ms: number, target = "") =>
  rows.push([what, `${ms.toFixed(ms < 10 ? 2 : 0)} ms`, target]);

const noop = new Map<number, number>();
for (const stages of [10, 100, 1000]) {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-bench-" });
  await writeBenchPipeline(dir, { stages });
  const runs = stages === 1000 ? 1 : 3;
  const first = await median(runs, async () => {
    await resetBenchState(dir);
    await spawnRepro(dir, 1);
  });
  row(`first repro, ${stages} stages (--jobs 1)`, first);
  const quiet = await median(stages === 1000 ? 5 : 15, () => spawnRepro(dir));
  noop.set(stages, quiet);
  const target = stages === 10 ? "≤ 100 ms" : stages === 100 ? "≤ 300 ms" : "";
  row(`no-op repro, ${stages} stages`, quiet, target);
  if (stages === 100) {
    const perStage = (first - quiet) / stages - await spawnCost(dir);
    row("runner overhead per stage run (first run − no-op − spawn)", perStage, "≤ 10 ms");
  }
  await Deno.remove(dir, { recursive: true });
}
row("no-op overhead per stage ((1000 − 10 stages) / 990)", (noop.get(1000)! - noop.get(10)!) / 990);

for (const [label, bytes] of [["2 MiB", 2 ** 21], ["2 GiB", 2 ** 31]] as const) {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-bench-" });
  await writeBenchPipeline(dir, { stages: 10, trackedBytes: bytes });
  const first = await time(() => spawnRepro(dir));
  row(`first repro, 10 stages + ${label} tracked`, first);
  row(`no-op repro, 10 stages + ${label} tracked`, await median(15, () => spawnRepro(dir)));
  await Deno.remove(dir, { recursive: true });
}

console.log("| benchmark | median | target |\n| --- | ---: | --- |");
for (const [what, value, target] of rows) console.log(`| ${what} | ${value} | ${target} |`);
