/**
 * A user's own one-table CSV run through the real stages, as an outsider would: a temp
 * repo (the project's stages, lib and deno.json linked in, pipeline.yaml with
 * `data.source: csv`), a seeded CSV with `yes`/`no` booleans, `NA` missing markers and
 * no id column, then ingest → validate → features → split → train → evaluate → register.
 * The raw lines of the CSV stay at hand, so a test can send the held-back rows exactly
 * as the file holds them.
 */
import { join, resolve } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { createRng } from "../../lib/random/mod.ts";

const REPO = resolve(import.meta.dirname!, "../..");
const STAGES = ["ingest", "validate", "features", "split", "train", "evaluate", "register"];

/** The temp repo after register. */
export interface CsvPipeline {
  root: string;
  registry: string;
  /** The CSV's header cells and its data lines (line i is record i + 1, ROW_ID i + 1). */
  header: string[];
  lines: string[];
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@link csvPipeline}. */
export interface CsvPipelineOptions {
  /** A reason table (YAML) for the CSV's columns, written to reasons.yaml and named in params. */
  reasons?: string;
  /** `train` params merged over the committed ones. */
  train?: Record<string, unknown>;
}

/** Builds the CSV and runs the pipeline on it (about half a minute of CPU). */
export async function csvPipeline(
  rows = 700,
  options: CsvPipelineOptions = {},
): Promise<CsvPipeline> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-csv-e2e-" });
  try {
    for (const name of ["stages", "lib", "deno.json", "deno.lock", "node_modules"]) {
      await Deno.symlink(join(REPO, name), join(root, name));
    }
    const header = ["age", "income", "city", "member", "score_text", "defaulted"];
    const lines = seededLines(rows);
    await Deno.mkdir(join(root, "data/raw"), { recursive: true });
    await Deno.writeTextFile(
      join(root, "data/raw/loans.csv"),
      [header.join(","), ...lines].join("\n") + "\n",
    );
    const pipeline = parseYaml(await Deno.readTextFile(join(REPO, "pipeline.yaml")));
    pipeline.params.data = {
      ...pipeline.params.data,
      source: "csv",
      csv: {
        path: "data/raw/loans.csv",
        id_column: null,
        target_column: "defaulted",
        positive_label: "yes",
        contract: "contracts/csv.contract.json",
      },
    };
    pipeline.params.gate = { ...pipeline.params.gate, enforce: false };
    // The committed constraints name Home Credit's external scores, which this CSV lacks.
    pipeline.params.train.gbdt.monotone = {};
    Object.assign(pipeline.params.train, options.train ?? {});
    // A csv source's protected attributes are its own columns.
    pipeline.params.governance = { protected: ["member"], exclude_from_training: false };
    if (options.reasons !== undefined) {
      await Deno.writeTextFile(join(root, "reasons.yaml"), options.reasons);
      pipeline.params.governance.reasons = "reasons.yaml";
    }
    pipeline.params.register = { promote_to: "Production" };
    await Deno.writeTextFile(join(root, "pipeline.yaml"), stringifyYaml(pipeline));
    for (const stage of STAGES) await runStage(root, stage);
    return {
      root,
      registry: join(root, "data/registry"),
      header,
      lines,
      [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }),
    };
  } catch (error) {
    await Deno.remove(root, { recursive: true });
    throw error;
  }
}

/** A raw CSV line as the JSON object a client sends: every cell as the file's text. */
export function lineAsJson(header: readonly string[], line: string): Record<string, string> {
  const cells = line.split(",");
  return Object.fromEntries(header.map((name, j) => [name, cells[j]]));
}

async function runStage(root: string, stage: string): Promise<void> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `stages/${stage}.ts`],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    const text = new TextDecoder();
    throw new Error(
      `Stage "${stage}" failed (${code}):\n${text.decode(stdout)}\n${text.decode(stderr)}`,
    );
  }
}

/** Rows with a real signal: risk rises with age and falls with income and membership. */
function seededLines(rows: number): string[] {
  const rng = createRng(2026);
  const cities = ["Oslo", "Bergen", "Trondheim", "Stavanger"];
  return Array.from({ length: rows }, () => {
    const age = rng.int(18, 80);
    const income = 15000 + rng.float() * 90000;
    const city = cities[rng.int(0, cities.length - 1)];
    const member = rng.bernoulli(0.5);
    const logit = -1 + 0.04 * (age - 45) - 0.00003 * (income - 60000) - 0.8 * Number(member) +
      (city === "Oslo" ? 0.5 : 0);
    const bad = rng.float() < 1 / (1 + Math.exp(-logit));
    return [
      rng.bernoulli(0.05) ? "NA" : String(age),
      rng.bernoulli(0.1) ? "NA" : income.toFixed(2),
      city,
      member ? "yes" : "no",
      rng.bernoulli(0.1) ? "" : (rng.float() * 10).toFixed(1),
      bad ? "yes" : "no",
    ].join(",");
  });
}
