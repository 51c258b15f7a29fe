/**
 * Synthetic Home Credit generation speed at a small scale (deno bench). Full Kaggle scale
 * with peak RSS is measured by generate_full.sh.
 */
import { generateHomeCredit } from "../../lib/data/home_credit/generator/mod.ts";

const outDir = await Deno.makeTempDir({ prefix: "riskpipe-generate-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(outDir, { recursive: true }));

Deno.bench({
  name: "generate 20,000 applicants (~3.8M rows over seven tables)",
  n: 3,
  warmup: 0,
}, async () => {
  await generateHomeCredit({ outDir, seed: 42, applicants: 20000 });
});
