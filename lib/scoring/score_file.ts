/**
 * Batch scoring of a file with a registered version: each row is validated with the
 * version's contract (bad rows are listed and left out, never fatal), turned into
 * features by the same request-time definitions and snapshot lookups as the API, scored
 * through ONNX in chunks, tiered with the version's tiers and optionally explained.
 */
import { productionVersion } from "../registry/mod.ts";
import { assignTier } from "../tiers/mod.ts";
import { checkRequestRow } from "./request.ts";
import { loadServingModel, type ServingModel } from "./model.ts";
import { createIssueCollector, type InputIssues } from "./issues.ts";
import { openScoringInput } from "./input.ts";
import { openScoresWriter, type ScoredRow } from "./output.ts";
import type { InferenceRecord, LogStore } from "../inference_log/mod.ts";
import { namedPrincipalReasons } from "../governance/reasons/mod.ts";

/** Options for {@link scoreFile}. */
export interface ScoreFileOptions {
  /** A .csv or .parquet file of raw rows (the API's request fields). */
  inputPath: string;
  /** The scores parquet to write. */
  outputPath: string;
  /** Registry directory (default data/registry). */
  registry?: string;
  /** Version to score with (default: the Production version). */
  version?: string;
  /**
   * Add the top three reasons each way, a sentence and up to four principal reasons
   * (the version's reason codes) per row (TreeSHAP, or linear SHAP).
   */
  explain?: boolean;
  /** Rows per ONNX run (default 4,096). */
  chunkRows?: number;
  /** Issues listed in the result (all are counted; default 1,000). */
  maxListedIssues?: number;
  /** Called after each chunk with the rows read so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Inference log receiving every scored row (endpoint "score"); none when absent. */
  logStore?: LogStore;
  /** Prefix of the logged request ids (`<runId>:<row>`; default a random UUID). */
  runId?: string;
  /** Time stamped on logged rows (default: now, per chunk). */
  clock?: () => Date;
}

/** What a batch scoring run did. */
export interface ScoreFileResult {
  modelVersion: string;
  /** Data rows in the input. */
  inputRows: number;
  /** Rows scored and written. */
  scoredRows: number;
  issues: InputIssues;
  /** Scored rows per field whose category level the model never saw (scored as missing). */
  unseenLevels?: Record<string, number>;
  /** Rows per tier, in the tiers' order. */
  tiers: Record<string, number>;
}

/**
 * Scores a file and writes the scores parquet.
 * @example
 * const result = await scoreFile({ inputPath: "new.csv", outputPath: "scores.parquet" });
 * result.issues.badRows; // rows left out, with their issues in result.issues.listed
 */
export async function scoreFile(options: ScoreFileOptions): Promise<ScoreFileResult> {
  const registry = options.registry ?? "data/registry";
  const version = options.version ?? await productionVersion(registry);
  if (version === undefined) {
    throw new Error(`Cannot score: no version is in Production in ${registry} (pass a version)`);
  }
  const chunkRows = Math.max(1, options.chunkRows ?? 4096);
  const model = await loadServingModel(registry, version, { maxBatchRows: chunkRows });
  try {
    return await scoreWith(model, options, chunkRows);
  } finally {
    await model.release();
  }
}

async function scoreWith(
  model: ServingModel,
  options: ScoreFileOptions,
  chunkRows: number,
): Promise<ScoreFileResult> {
  const { contract, omit, tiers } = model.info;
  const accepted = new Set(contract.columns.map((c) => c.name).filter((n) => !omit.includes(n)));
  // A csv version reads the cells by its stored rules; otherwise CSV text is typed here.
  const input = await openScoringInput(
    options.inputPath,
    model.read === undefined ? contract : undefined,
    (name) => accepted.has(name),
  );
  const ignored = input.columns.filter((name) => !accepted.has(name));
  const issues = createIssueCollector(options.maxListedIssues ?? 1000, ignored);
  const keyContract = contract.columns.find((c) => c.name === model.manifest.key);
  const hasKey = keyContract !== undefined && input.columns.includes(keyContract.name);
  const explain = options.explain === true;
  const writer = await openScoresWriter({
    outPath: options.outputPath,
    keyColumn: hasKey ? keyContract.name : undefined,
    keyIsInteger: keyContract?.type === "int",
    modelVersion: model.version,
    explain,
    outliers: model.outliers !== undefined,
  });
  const perTier: Record<string, number> = Object.fromEntries(tiers.names.map((n) => [n, 0]));
  const width = model.manifest.features.length;
  const runId = options.runId ?? crypto.randomUUID();
  const unseenLevels: Record<string, number> = {};
  let done = 0;
  options.onProgress?.(0, input.rows);
  try {
    for await (const chunk of input.chunks(chunkRows)) {
      const kept: {
        row: number;
        key: ScoredRow["key"];
        data: Record<string, unknown>;
        inputs: Record<string, unknown>;
      }[] = [];
      chunk.rows.forEach((raw, i) => {
        // The compiled check passes valid rows at once; zod names the issues of the rest.
        const checked = checkRequestRow(model, raw);
        if (!checked.success) return issues.add(chunk.firstRow + i, checked.issues);
        const data = checked.data;
        for (const field of checked.unseen) unseenLevels[field] = (unseenLevels[field] ?? 0) + 1;
        const key = hasKey ? data[keyContract.name] : null;
        kept.push({ row: chunk.firstRow + i, key: keyValue(key), data, inputs: raw });
      });
      const features = model.featuresOfBatch(kept.map((k) => k.data));
      const outlierRun = kept.length === 0
        ? undefined
        : model.outliers?.score(features, kept.length);
      const scores = kept.length === 0
        ? new Float32Array(0)
        : await model.scorer.score(features, kept.length);
      const outliers = await outlierRun;
      const scored = kept.map((k, i): ScoredRow => {
        const tier = assignTier(scores[i], tiers);
        perTier[tier] += 1;
        return {
          row: k.row,
          key: k.key,
          score: scores[i],
          tier,
          ...(outliers === undefined ? {} : { outlier: outliers[i] }),
          ...(explain ? explained(model, features.subarray(i * width, (i + 1) * width)) : {}),
        };
      });
      writer.append(scored);
      if (options.logStore !== undefined) {
        const time = (options.clock?.() ?? new Date()).toISOString();
        options.logStore.append(scored.map((s, i): InferenceRecord => ({
          requestId: `${runId}:${s.row}`,
          time,
          modelVersion: model.version,
          endpoint: "score",
          inputs: kept[i].inputs,
          score: s.score,
          tier: s.tier,
          ...(s.outlier === undefined
            ? {}
            : { outlier: { score: s.outlier.score, flag: s.outlier.flag } }),
        })));
      }
      done += chunk.rows.length;
      options.onProgress?.(done, input.rows);
    }
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    input.close();
  }
  const scoredRows = await writer.finish();
  return {
    modelVersion: model.version,
    inputRows: input.rows,
    scoredRows,
    issues: issues.result(),
    unseenLevels,
    tiers: perTier,
  };
}

function explained(
  model: ServingModel,
  values: Float64Array,
): Pick<ScoredRow, "explanation" | "principalReasons"> {
  const explanation = model.explain(values);
  if (model.reasons === undefined) return { explanation };
  return {
    explanation,
    principalReasons: namedPrincipalReasons(model.reasons, explanation.contributions),
  };
}

function keyValue(value: unknown): ScoredRow["key"] {
  return typeof value === "number" || typeof value === "string" ? value : null;
}
