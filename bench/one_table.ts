/**
 * Measured, side by side (issue 12): real public one-table credit and churn sets from Debian
 * packages, each run through the pipeline as a user would (a repo copy with `data.source:
 * csv`, `deno task repro`), against XGBoost 1.7 `hist` and scikit-learn's LogisticRegression on
 * the pipeline's own 80/20 split, then the held-back rows as the file holds them through
 * `deno task score` and `POST /predict`. Prints a markdown table; see bench/one_table.md.
 *
 *   deno run -A bench/one_table.ts [--only credit_data,attrition] [--work DIR] [--keep]
 *     [--json results.json]
 *
 * Needs Debian's r-base-core, r-cran-modeldata, r-cran-caret, python3-xgboost and
 * python3-sklearn. Exit code 0 when every goal was met on every data set, 1 otherwise (the
 * table is printed either way), 2 on a usage error.
 */
import { join } from "node:path";
import { parseArgs, UsageError } from "../lib/cli/args.ts";
import { DATASETS, debianVersion, REQUIRED_DEBIAN_PACKAGES } from "./one_table/datasets.ts";
import { SPLIT } from "./one_table/repo_copy.ts";
import { REFERENCE_SEED } from "./one_table/reference.ts";
import { type DatasetResult, runDataset } from "./one_table/run_dataset.ts";
import { allGoalsMet, renderNotes, renderTable } from "./one_table/table.ts";

const ROOT = new URL("..", import.meta.url).pathname;

async function main(args: string[]): Promise<number> {
  const flags = parseArgs("bench/one_table.ts", args, {
    booleans: ["keep"],
    strings: ["only", "work", "json"],
  });
  const only = flags.strings.get("only")?.split(",");
  const unknown = only?.filter((name) => !DATASETS.some((d) => d.name === name)) ?? [];
  if (unknown.length > 0) {
    throw new UsageError(
      `Unknown data set for --only: ${unknown.join(", ")} (known: ${
        DATASETS.map((d) => d.name).join(", ")
      })`,
    );
  }
  const datasets = DATASETS.filter((d) => only === undefined || only.includes(d.name));
  const versions = new Map<string, string>();
  for (const name of REQUIRED_DEBIAN_PACKAGES) versions.set(name, await debianVersion(name));
  const work = flags.strings.get("work") ??
    await Deno.makeTempDir({ prefix: "riskpipe-one-table-" });
  const commit = await gitDescribe();
  const loadBefore = await loadAverage();
  const started = performance.now();
  const results: DatasetResult[] = [];
  for (const dataset of datasets) {
    results.push(
      await runDataset(ROOT, dataset, join(work, dataset.name), (line) => console.error(line)),
    );
  }
  const minutes = (performance.now() - started) / 60_000;
  const loadAfter = await loadAverage();
  console.log(
    [
      `Commit ${commit}; split: the pipeline's own (split.seed ${SPLIT.seed}, test_size ${SPLIT.testSize}, stratified); XGBoost seed ${REFERENCE_SEED}.`,
      `Packages: ${[...versions].map(([name, v]) => `${name} ${v}`).join(", ")}.`,
      `Load average (/proc/loadavg, 1/5/15 min) at the start ${loadBefore}, at the end ${loadAfter}; ${
        minutes.toFixed(1)
      } min in all.`,
      "",
      renderTable(results, versions),
      "",
      renderNotes(results),
    ].join("\n"),
  );
  const json = flags.strings.get("json");
  if (json !== undefined) {
    await Deno.writeTextFile(json, JSON.stringify({ commit, versions: [...versions], results }));
  }
  if (flags.booleans.has("keep")) console.error(`work directory kept: ${work}`);
  else await Deno.remove(work, { recursive: true });
  return results.every(allGoalsMet) ? 0 : 1;
}

async function gitDescribe(): Promise<string> {
  const run = (args: string[]) =>
    new Deno.Command("git", { args, cwd: ROOT, stdout: "piped", stderr: "null" }).output();
  const head = await run(["rev-parse", "--short", "HEAD"]);
  const status = await run(["status", "--porcelain", "--untracked-files=no"]);
  const hash = new TextDecoder().decode(head.stdout).trim() || "unknown";
  return new TextDecoder().decode(status.stdout).trim() === "" ? hash : `${hash} (modified)`;
}

async function loadAverage(): Promise<string> {
  const text = await Deno.readTextFile("/proc/loadavg").catch(() => "");
  return text.split(" ").slice(0, 3).join(" ") || "unknown";
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}
