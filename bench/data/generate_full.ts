/**
 * Generates the synthetic Home Credit tables at a given scale and prints rows and seconds;
 * generate_full.sh runs it under /usr/bin/time -v for peak RSS.
 * Usage: deno run -A bench/data/generate_full.ts [applicants=307511] [outDir]
 */
import { generateHomeCredit } from "../../lib/data/home_credit/generator/mod.ts";

const applicants = Number(Deno.args[0] ?? 307511);
const outDir = Deno.args[1] ?? await Deno.makeTempDir({ prefix: "riskpipe-generate-full-" });
const started = performance.now();
const rows = await generateHomeCredit({
  outDir,
  seed: 42,
  applicants,
  onTable: (table, n) =>
    console.log(`${table}: ${n} rows at ${((performance.now() - started) / 1000).toFixed(1)}s`),
});
const total = Object.values(rows).reduce((a, b) => a + b, 0);
console.log(`${total} rows in ${((performance.now() - started) / 1000).toFixed(1)}s -> ${outDir}`);
