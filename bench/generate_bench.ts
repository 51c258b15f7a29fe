/**
 * Synthetic generation alone, table by table (wall and process CPU seconds):
 *
 *   deno run -A --config deno.json bench/generate_bench.ts --out DIR [--applicants 307511]
 *     [--code /path/to/other/checkout] [--threads N] [--seed 42]
 *
 * `--code` runs another checkout's generator (e.g. a `git worktree` of the commit before a
 * change), so before and after can be run back to back and their files compared with
 * `sha256sum`. The first table's figures include the applicant frame and the parent tables.
 * Target (issue 18): generation ≤ 15 s at 307,511 applicants.
 */
import process from "node:process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    applicants: { type: "string", default: "307511" },
    code: { type: "string", default: new URL("..", import.meta.url).pathname },
    threads: { type: "string" },
    seed: { type: "string", default: "42" },
  },
});
if (values.out === undefined) throw new Error("Cannot bench generation: --out DIR is missing");

const { generateHomeCredit } = await import(
  `${values.code}/lib/data/home_credit/generator/mod.ts`
) as typeof import("../lib/data/home_credit/generator/mod.ts");

const seconds = (ms: number) => +(ms / 1000).toFixed(2);
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const rows: { table: string; wall: number; cpu: number }[] = [];
const start = performance.now();
let lastWall = start;
let lastCpu = cpuSeconds();
await generateHomeCredit({
  outDir: values.out,
  seed: Number(values.seed),
  applicants: Number(values.applicants),
  threads: values.threads === undefined ? undefined : Number(values.threads),
  onTable: (table) => {
    const wall = performance.now();
    const cpu = cpuSeconds();
    rows.push({ table, wall: seconds(wall - lastWall), cpu: +(cpu - lastCpu).toFixed(2) });
    lastWall = wall;
    lastCpu = cpu;
  },
});
console.table(rows);
console.log(`total: ${seconds(performance.now() - start)} s wall`);
