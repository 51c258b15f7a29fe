/**
 * Feature store and split speed. `deno bench -A bench/features_bench.ts` builds the
 * store and the split from a seeded synthetic dataset of 20,000 applicants and times
 * the request-time application features. The full-scale run (generation, validation,
 * feature store and split as stage processes under `/usr/bin/time -v`, seconds and peak
 * RSS each) runs with arguments:
 *
 *   deno run -A bench/features_bench.ts --applicants 307511 [--dir /tmp/riskpipe-bench]
 *
 * Targets (issue 3): generation + validation + features ≤ 180 s, peak RSS ≤ 8 GiB.
 */
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { ingestSynthetic } from "../lib/data/ingest/mod.ts";
import { buildFeatureStore, computeApplicationFeatures } from "../lib/features/mod.ts";
import { splitFeatureStore } from "../lib/split/mod.ts";

const ROOT = new URL("..", import.meta.url).pathname;

async function benchData(applicants: number): Promise<{ raw: string; features: string }> {
  const dir = await Deno.makeTempDir({ prefix: "features-bench-" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const raw = join(dir, "raw");
  await Deno.mkdir(raw);
  await ingestSynthetic({ outDir: raw, seed: 42, applicants });
  return { raw, features: join(dir, "features") };
}

const REQUEST_ROW: Record<string, unknown> = {
  AMT_CREDIT: 406597.5,
  AMT_INCOME_TOTAL: 202500,
  AMT_ANNUITY: 24700.5,
  AMT_GOODS_PRICE: 351000,
  DAYS_BIRTH: -9461,
  DAYS_EMPLOYED: -637,
  CNT_FAM_MEMBERS: 1,
  EXT_SOURCE_2: 0.2629,
  EXT_SOURCE_3: 0.1394,
  CODE_GENDER: "M",
  ORGANIZATION_TYPE: "Business Entity Type 3",
};

async function registerBenches(): Promise<void> {
  const data = await benchData(20_000);
  Deno.bench({
    name: "feature store, 20,000 applicants (synthetic, 7 tables)",
    n: 3,
    warmup: 1,
    async fn() {
      await buildFeatureStore({ parquetDir: data.raw, outDir: data.features });
    },
  });
  const store = await buildFeatureStore({ parquetDir: data.raw, outDir: data.features });
  Deno.bench({
    name: "split with leakage screening, 20,000 applicants",
    n: 3,
    warmup: 1,
    async fn() {
      await splitFeatureStore({
        storePath: store.storePath,
        manifest: store.manifest,
        outDir: join(data.features, "split"),
        testSize: 0.2,
        seed: 7,
        targetRateTolerance: 0.01,
        leakageAucMax: 0.99,
      });
    },
  });
  Deno.bench({
    name: "application features of one request row (JS)",
    fn() {
      computeApplicationFeatures(REQUEST_ROW);
    },
  });
}

interface StageRun {
  stage: string;
  seconds: number;
  peakRssMiB: number;
}

async function runStage(stage: string, cwd: string, params: unknown): Promise<StageRun> {
  const command = new Deno.Command("/usr/bin/time", {
    args: [
      "-v",
      Deno.execPath(),
      "run",
      "-A",
      "--config",
      join(ROOT, "deno.json"),
      join(ROOT, "stages", `${stage}.ts`),
    ],
    cwd,
    env: { RISKPIPE_PARAMS: JSON.stringify(params) },
    stdout: "inherit",
    stderr: "piped",
  });
  const { code, stderr } = await command.output();
  const text = new TextDecoder().decode(stderr);
  if (code !== 0) throw new Error(`Cannot bench stage "${stage}": it exited with ${code}\n${text}`);
  const field = (label: string) =>
    text.split("\n").find((line) => line.includes(label))?.split(": ").pop() ?? "";
  const [minutes, seconds] = field("Elapsed (wall clock)").split(":").map(Number);
  return {
    stage,
    seconds: minutes * 60 + seconds,
    peakRssMiB: Number(field("Maximum resident set size")) / 1024,
  };
}

async function fullScale(args: string[]): Promise<void> {
  const value = (flag: string): string | undefined => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const applicants = Number(value("--applicants") ?? "307511");
  const dir = value("--dir") ?? await Deno.makeTempDir({ prefix: "features-bench-full-" });
  await Deno.mkdir(dir, { recursive: true });
  const pipeline = parseYaml(await Deno.readTextFile(join(ROOT, "pipeline.yaml"))) as {
    params: { data: Record<string, unknown> };
  };
  const params = {
    ...pipeline.params,
    data: { ...pipeline.params.data, source: "synthetic", applicants },
  };
  const runs: StageRun[] = [];
  for (const stage of ["ingest", "validate", "features", "split"]) {
    runs.push(await runStage(stage, dir, params));
  }
  console.log(`\n${applicants} applicants, working directory ${dir}`);
  for (const run of runs) {
    console.log(
      `${run.stage.padEnd(9)} ${run.seconds.toFixed(1).padStart(7)} s  peak RSS ${
        run.peakRssMiB.toFixed(0).padStart(6)
      } MiB`,
    );
  }
  const target = runs.filter((r) => r.stage !== "split");
  const total = target.reduce((sum, r) => sum + r.seconds, 0);
  const peak = Math.max(...target.map((r) => r.peakRssMiB));
  console.log(
    `generation + validation + features: ${total.toFixed(1)} s (target ≤ 180 s), peak RSS ${
      (peak / 1024).toFixed(2)
    } GiB (target ≤ 8 GiB)`,
  );
}

if (import.meta.main && Deno.args.length > 0) await fullScale(Deno.args);
else await registerBenches();
