/**
 * `deno task monitor --retrain` after an alert: the labelled logged rows of the retrain
 * window added to the reference CSV as a content-addressed source, the pipeline run on it
 * by the same runner as `deno task repro` (`--set-param data.csv.path=<source>`: the
 * user's pipeline.yaml is never edited), and the version it registered named @challenger.
 * A `--set-param` run never promotes (register's rule), and @champion is checked unchanged.
 */
import { join } from "node:path";
import { readCsvContract } from "../../contracts/csv_contract_file.ts";
import type { DataParams } from "../../data/params.ts";
import {
  type LabelledRequestsSource,
  readLabelledRequests,
} from "../../inference_log/labelled_requests.ts";
import { loadPipelineCached } from "../../pipeline/run/load_cached.ts";
import { repro } from "../../pipeline/run/repro.ts";
import type { StageOutcome } from "../../pipeline/run/summary.ts";
import { checkParams } from "../../stage/check_params.ts";
import { CHALLENGER, CHAMPION, listVersions, resolveAlias, setAlias } from "../../registry/mod.ts";
import type { MonitorParams } from "../params.ts";
import { readReferenceCsv } from "./reference.ts";
import { type RetrainRowCounts, selectRetrainRows } from "./select.ts";
import { type RetrainSource, writeRetrainSource } from "./source.ts";
import { retrainWindow } from "./window.ts";

/** The registry the pipeline's register stage writes, relative to the repo root. */
export const PIPELINE_REGISTRY = "data/registry";

/** A retrain that could not run or finish; the message says why (monitor exit 3). */
export class RetrainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetrainError";
  }
}

/** Options of {@link runRetrain}. */
export interface RetrainOptions {
  /** Repo root (pipeline.yaml, the reference, data/registry). */
  root: string;
  params: MonitorParams;
  data: DataParams;
  /** The inference log with its outcomes. */
  log: LabelledRequestsSource;
  now: Date;
  /** Names of the checks that alerted (recorded as the reason of the alias move). */
  alerts: readonly string[];
  /** Where the runner's and the stages' lines go (default: stderr). */
  print?: (line: string) => void;
}

/** What a retrain did. */
export interface RetrainResult {
  window: { from: string; to: string };
  counts: RetrainRowCounts;
  referenceRows: number;
  source: RetrainSource;
  stages: StageOutcome[];
  version: string;
  /** False when the version was registered before (the pipeline was up to date). */
  created: boolean;
  challenger: { from: string | null; to: string; moved: boolean };
  champion: string | null;
}

/** Builds the source, runs the pipeline on it and names the result @challenger. */
export async function runRetrain(options: RetrainOptions): Promise<RetrainResult> {
  const { root, data, params } = options;
  const print = options.print ?? ((line: string) => console.error(line));
  if (data.source !== "csv" || data.csv === undefined) {
    throw new RetrainError(
      `Cannot retrain: param data.source is ${data.source}, and --retrain needs csv ` +
        `(the log holds the requests as a one-table CSV holds them, not the history tables of a ${data.source} source)`,
    );
  }
  const csv = data.csv;
  const contract = await readCsvContract(join(root, csv.contract)).catch((error: Error) => {
    throw new RetrainError(`Cannot retrain: ${error.message} (run deno task repro first)`);
  });
  const window = retrainWindow(options.now, params);
  const labelled = await readLabelledRequests(options.log, window.from, window.to);
  const reference = await readReferenceCsv(join(root, csv.path), {
    idColumn: csv.id_column,
    maxLineSize: csv.max_line_size,
  });
  const { rows, counts } = selectRetrainRows(labelled, {
    idColumn: csv.id_column,
    referenceIds: reference.ids,
  });
  const span = `scored from ${window.from.toISOString()} to ${window.to.toISOString()}`;
  const min = params.retrain.min_labelled_rows;
  if (counts.taken < min) {
    throw new RetrainError(
      `Cannot retrain: ${counts.taken} qualifying labelled rows ${span}, fewer than ` +
        `param monitor.retrain.min_labelled_rows (${min}); ${leftOut(counts)}`,
    );
  }
  const source = await writeRetrainSource({
    root,
    reference,
    referencePath: csv.path,
    format: contract.csv,
    rows,
    counts,
    window,
  });
  print(
    `monitor: retrain source ${source.path} (sha256 ${source.sha256}): ${reference.rows} ` +
      `reference rows + ${counts.taken} labelled rows ${span}; ${leftOut(counts)}`,
  );
  const registry = join(root, PIPELINE_REGISTRY);
  const before = new Set((await listVersions(registry).catch(() => [])).map((v) => v.version));
  const champion = await resolveAlias(registry, CHAMPION).catch(() => undefined) ?? null;
  const stages = await runPipeline(root, source.path, print);
  const version = await versionFrom(registry, source.path);
  const championAfter = await resolveAlias(registry, CHAMPION) ?? null;
  if (championAfter !== champion) {
    throw new RetrainError(
      `Cannot retrain: @champion moved from ${champion ?? "none"} to ${
        championAfter ?? "none"
      } during the run; check register.promote`,
    );
  }
  const current = await resolveAlias(registry, CHALLENGER) ?? null;
  if (current !== version) {
    await setAlias(registry, CHALLENGER, version, {
      reason: `deno task monitor --retrain on alert (${options.alerts.join(", ")}): ` +
        `source ${source.path} sha256 ${source.sha256}`,
      now: options.now,
    }).catch((error: Error) => {
      throw new RetrainError(
        `${error.message.replace(/ \(use --force to override\)$/, "")}; ` +
          `see reports/evaluation/gate.json, and set it by hand if a person decides so`,
      );
    });
  }
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    counts,
    referenceRows: reference.rows,
    source,
    stages,
    version,
    created: !before.has(version),
    challenger: { from: current, to: version, moved: current !== version },
    champion,
  };
}

/** The counts of rows left out, as one clause. */
function leftOut(counts: RetrainRowCounts): string {
  return `left out of ${counts.labelled} labelled: ${counts.shadow} shadow, ` +
    `${counts.featureVector} feature-vector, ${counts.noId} without id, ` +
    `${counts.inReference} already in the reference, ${counts.repeated} repeated`;
}

/** `repro --set-param data.csv.path=<source>`, in process; throws when a stage failed. */
async function runPipeline(
  root: string,
  sourcePath: string,
  print: (line: string) => void,
): Promise<StageOutcome[]> {
  const setParams = [`data.csv.path=${sourcePath}`];
  print(`monitor: deno task repro --set-param ${setParams[0]}`);
  const spec = await loadPipelineCached(root, setParams);
  await checkParams(root, spec.params, setParams);
  const summary = await repro(root, {
    setParams,
    sink: (_stream, line) => print(line),
    log: print,
  });
  const failed = summary.stages.find((s) => s.result === "failed");
  if (failed !== undefined) {
    throw new RetrainError(
      `Cannot retrain: stage "${failed.stage}" failed on ${sourcePath}: ${
        failed.error ?? "see its output above"
      }`,
    );
  }
  return summary.stages;
}

/** The latest version whose lineage says it was trained on `sourcePath`. */
async function versionFrom(registry: string, sourcePath: string): Promise<string> {
  const versions = (await listVersions(registry)).filter((v) => {
    const params = v.lineage.params as { data?: { csv?: { path?: unknown } } } | undefined;
    return params?.data?.csv?.path === sourcePath;
  });
  const latest = versions.map((v) => v.version).sort().at(-1);
  if (latest === undefined) {
    throw new RetrainError(
      `Cannot retrain: the pipeline registered no version trained on ${sourcePath} (does it end in the register stage?)`,
    );
  }
  return latest;
}
