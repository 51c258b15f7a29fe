/**
 * `deno task repro` in the repo copy, and what it left: the split's row numbers, the
 * registered version (its test AUC, model kind, gate and stage).
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { listVersions } from "../../lib/registry/mod.ts";

/** How a `deno task …` run in the copy ended. */
export interface TaskRun {
  code: number;
  seconds: number;
  /** Last lines of its stdout and stderr together. */
  tail: string[];
}

/** Runs `deno task <args…>` in `cwd`, writing everything it printed to `logPath`. */
export async function runTask(cwd: string, args: string[], logPath: string): Promise<TaskRun> {
  const started = performance.now();
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", ...args],
    cwd,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  await Deno.writeTextFile(logPath, text);
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return {
    code: output.code,
    seconds: (performance.now() - started) / 1000,
    tail: lines.slice(-6),
  };
}

/** The pipeline's train/test split: 1-based CSV data-row numbers (ROW_ID). */
export interface PipelineSplit {
  train: number[];
  test: number[];
  /** Positive share of every row, from data/split/report.json. */
  baseRate: number;
}

/** Reads the ROW_IDs of data/split/{train,test}.parquet. */
export async function readSplit(repo: string): Promise<PipelineSplit> {
  const report = JSON.parse(await Deno.readTextFile(join(repo, "data/split/report.json")));
  if (report.key !== "ROW_ID") {
    throw new Error(`Cannot map the split to CSV rows: its key is "${report.key}", not ROW_ID`);
  }
  const conn = await openDuckDb({ threads: 1 });
  try {
    const ids = async (part: string) => {
      const path = quoteLiteral(join(repo, `data/split/${part}.parquet`));
      const rows = await queryRows(conn, `select ROW_ID from read_parquet(${path}) order by 1`);
      return rows.map((row) => Number(row.ROW_ID));
    };
    return { train: await ids("train"), test: await ids("test"), baseRate: report.targetRate.all };
  } finally {
    conn.closeSync();
  }
}

/** The version `register` made, as the registry records it. */
export interface RegisteredModel {
  version: string;
  stage: string;
  /** The registered model's test AUC (`test.auc` of version.json). */
  testAuc: number | undefined;
  /** The logistic baseline's test AUC, when recorded. */
  baselineAuc: number | undefined;
  /** A kind the registry names (a `kind`-like key of version.json), else model.json's format. */
  kind: string;
  gatePassed: boolean;
  /** Each gate check that failed: "name = value (threshold)". */
  failedChecks: string[];
}

/** The newest version in the copy's registry, or undefined when register made none. */
export async function readRegisteredModel(repo: string): Promise<RegisteredModel | undefined> {
  const registry = join(repo, "data/registry");
  const versions = await listVersions(registry).catch(() => []);
  const latest = versions.at(-1);
  if (latest === undefined) return undefined;
  // A version whose served model is not model.json (a later layout) still gets its row.
  const model = JSON.parse(
    await Deno.readTextFile(join(latest.dir, "model.json")).catch(() => "{}"),
  );
  const gatePath = join(latest.dir, "evaluation_gate.json");
  const gate = JSON.parse(await Deno.readTextFile(gatePath).catch(() => '{"checks":[]}'));
  return {
    version: latest.version,
    stage: latest.stage,
    testAuc: latest.metrics["test.auc"],
    baselineAuc: latest.metrics["test.baseline_auc"],
    kind: chosenKind(latest.lineage) ?? String(model.format ?? "unknown"),
    gatePassed: latest.gatePassed,
    failedChecks: failedGateChecks(gate),
  };
}

/** Gate checks whose status is "fail", as "name = value (threshold)". */
export function failedGateChecks(gate: { checks?: unknown[] }): string[] {
  const checks = (gate.checks ?? []) as {
    name: string;
    value: unknown;
    threshold: string;
    status: string;
  }[];
  return checks.filter((check) => check.status === "fail").map((check) =>
    `${check.name} = ${
      typeof check.value === "number" ? check.value.toFixed(4) : JSON.stringify(check.value)
    } (${check.threshold})`
  );
}

// The registry records the kind train chose in `lineage.model` (kind and why); a version
// from before the choice has none, and its model.json's format is shown instead.
function chosenKind(lineage: unknown): string | undefined {
  const model = (lineage as { model?: { kind?: unknown; reason?: unknown } } | undefined)?.model;
  if (typeof model?.kind !== "string") return undefined;
  return typeof model.reason === "string" ? `${model.kind}: ${model.reason}` : model.kind;
}
