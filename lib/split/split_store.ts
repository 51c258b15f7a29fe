/**
 * Splits the feature store into train and test parquet: checks ids and targets, screens
 * every feature for target leakage, assigns entities stratified on the target with a
 * seed, checks the parts, writes them in store order and returns the split report.
 */
import { join } from "node:path";
import {
  type DuckDBConnection,
  openDuckDbConnections,
  quoteIdent,
  quoteLiteral,
} from "../duckdb/mod.ts";
import type { FeatureManifest } from "../features/manifest/mod.ts";
import { fitTextSplit, type TextFitSummary, type TextSplit } from "../features/text/split_fit.ts";
import type { TfidfOptions } from "../features/text/vectorizer.ts";
import { assignStratified } from "./assign.ts";
import { checkDisjoint, checkIds, checkTargetRates, checkTargets, targetRate } from "./checks.ts";
import { SplitCheckError } from "./errors.ts";
import { type LeakageScore, screenFeature } from "./leakage.ts";
import { type Screening, screenStore } from "./screening.ts";
import { writeParts } from "./write_parts.ts";

/** Options for {@link splitFeatureStore}; the snake_case params of `split` mapped over. */
export interface SplitOptions {
  storePath: string;
  manifest: FeatureManifest;
  outDir: string;
  testSize: number;
  seed: number;
  /** Largest allowed |train rate − test rate|. */
  targetRateTolerance: number;
  /** A feature whose single-feature AUC (either direction) exceeds this is a leak. */
  leakageAucMax: number;
  /** Strength above which a feature is reported as a warning (default 0.9). */
  warnAuc?: number;
  /** Fewest non-missing rows per class for a feature to be screened (default 20). */
  minClassRows?: number;
  threads?: number;
  /** Score half the store's columns on a worker (default: stores of ≥ 20,000 rows). */
  screeningWorker?: boolean;
  /** How the TF-IDF vocabulary of a free-text column is chosen (params features.text). */
  text?: TfidfOptions;
  /** Called as the work goes: features screened and parts written, of all, and the step. */
  onProgress?: (done: number, total: number, step: string) => void;
}

/** data/split/report.json */
export interface SplitReport {
  formatVersion: 1;
  key: string;
  target: string;
  testSize: number;
  seed: number;
  rows: { all: number; train: number; test: number };
  positives: { all: number; train: number; test: number };
  targetRate: { all: number; train: number; test: number };
  targetRateGap: number;
  targetRateTolerance: number;
  leakage: {
    aucMax: number;
    screened: number;
    notScreened: string[];
    strongest: LeakageScore[];
  };
  /** Free-text columns turned into TF-IDF features, fitted on the train part. */
  text?: TextFitSummary[];
  warnings: string[];
}

/** File name of the split manifest: the store's, with text columns as their TF-IDF features. */
export const SPLIT_MANIFEST_FILE = "manifest.json";

const DEFAULT_TEXT: TfidfOptions = { maxVocabulary: 200, minDocumentFrequency: 2 };

/**
 * Runs the split and writes train.parquet, test.parquet and report.json to `outDir`;
 * throws a {@link SplitCheckError} naming the failed check and values.
 */
export async function splitFeatureStore(options: SplitOptions): Promise<SplitReport> {
  // Two connections of one database: the parts are written on both at once.
  const [conn, other] = await openDuckDbConnections(2, { threads: options.threads });
  try {
    const { ids, labels } = await readKeyAndTarget(conn, options);
    const { key, target } = options.manifest;
    checkIds(key, ids);
    checkTargets(target, key, ids, labels);
    const label = Float64Array.from(labels as number[]);
    const screening = await screenStore(
      conn,
      { ...options, worker: options.screeningWorker },
      ids.length,
    );
    checkLeaks(screening, options);
    const isTest = assignStratified(ids as (number | string)[], label, options);
    const text = await fitTextSplit(
      conn,
      source(options),
      options.manifest,
      isTest,
      options.text ?? DEFAULT_TEXT,
    );
    if (text.features.length > 0) {
      screenText(text, label, screening, options);
      checkLeaks(screening, options);
    }
    const parts = partsOf(ids as (number | string)[], label, isTest);
    for (const [name, part] of Object.entries(parts)) {
      if (part.positives === 0 || part.positives === part.ids.length) {
        throw new SplitCheckError(
          "too_small",
          `Cannot split: the ${name} part has ${part.ids.length} rows and ${part.positives} positives, it needs both classes`,
        );
      }
    }
    checkDisjoint(key, parts.train.ids, parts.test.ids);
    const trainRate = parts.train.positives / parts.train.ids.length;
    const testRate = parts.test.positives / parts.test.ids.length;
    checkTargetRates(trainRate, testRate, options.targetRateTolerance);
    const written = options.manifest.features.length;
    options.onProgress?.(written, written + 2, "writing train and test");
    await writeParts(
      [conn, other],
      { source: source(options), manifest: options.manifest, outDir: options.outDir },
      isTest,
      text.features.length > 0 ? text : null,
    );
    options.onProgress?.(written + 2, written + 2, "written");
    const manifest: FeatureManifest = {
      formatVersion: 1,
      key: options.manifest.key,
      target: options.manifest.target,
      features: [...options.manifest.features, ...text.features],
    };
    await Deno.writeTextFile(
      join(options.outDir, SPLIT_MANIFEST_FILE),
      JSON.stringify(manifest, null, 2) + "\n",
    );
    const report = buildReport(options, label, parts, screening);
    if (text.summary.length > 0) report.text = text.summary;
    await Deno.writeTextFile(
      join(options.outDir, "report.json"),
      JSON.stringify(report, null, 2) + "\n",
    );
    return report;
  } finally {
    conn.closeSync();
    other.closeSync();
  }
}

function checkLeaks(screening: Screening, options: SplitOptions): void {
  const leaks = screening.scores.filter((s) =>
    s.strength >= 1 || s.strength > options.leakageAucMax
  );
  if (leaks.length > 0) {
    const listed = leaks.map((s) => `"${s.feature}" (${describeScore(s)})`).join(", ");
    throw new SplitCheckError(
      "leakage",
      `Cannot split: ${leaks.length} features leak the target (leakage_auc_max ${options.leakageAucMax}): ${listed}`,
    );
  }
}

/** Screens the TF-IDF features like the store's own (a term can leak the target too). */
function screenText(
  text: TextSplit,
  label: Float64Array,
  screening: Screening,
  options: SplitOptions,
): void {
  text.features.forEach((feature, j) => {
    const score = screenFeature(feature, text.columns[j], label, {
      minClassRows: options.minClassRows,
    });
    if (score === null) screening.notScreened.push(feature.name);
    else screening.scores.push(score);
  });
}

async function readKeyAndTarget(
  conn: DuckDBConnection,
  options: SplitOptions,
): Promise<{ ids: (number | string | null)[]; labels: (number | null)[] }> {
  const { key, target } = options.manifest;
  const reader = await conn.runAndReadAll(
    `SELECT ${quoteIdent(key)} AS k, ${quoteIdent(target)} AS t FROM ${
      source(options)
    } ORDER BY file_row_number`,
  );
  const [keys, targets] = reader.getColumnsJS();
  const ids = keys.map((
    v,
  ) => (v === null
    ? null
    : typeof v === "bigint"
    ? Number(v)
    : typeof v === "number"
    ? v
    : String(v))
  );
  const labels = targets.map((v) => (v === null ? null : Number(v)));
  return { ids, labels };
}

interface Part {
  ids: (number | string)[];
  positives: number;
}

function partsOf(ids: (number | string)[], label: Float64Array, isTest: Uint8Array) {
  const train: Part = { ids: [], positives: 0 };
  const test: Part = { ids: [], positives: 0 };
  for (let i = 0; i < ids.length; i++) {
    const part = isTest[i] === 1 ? test : train;
    part.ids.push(ids[i]);
    part.positives += label[i];
  }
  return { train, test };
}

function buildReport(
  options: SplitOptions,
  label: Float64Array,
  parts: { train: Part; test: Part },
  screening: Screening,
): SplitReport {
  const warnAuc = options.warnAuc ?? 0.9;
  const strongest = [...screening.scores].sort((a, b) => b.strength - a.strength).slice(0, 10);
  const warnings = screening.scores
    .filter((s) => s.strength > warnAuc)
    .map((s) =>
      `Feature "${s.feature}" separates the target strongly (${
        describeScore(s)
      }), below the leakage limit`
    );
  if (screening.notScreened.length > 0) {
    warnings.push(
      `${screening.notScreened.length} features were not screened for leakage: fewer than ${
        options.minClassRows ?? 20
      } non-missing rows of a class`,
    );
  }
  const all = label.length;
  const positives = parts.train.positives + parts.test.positives;
  const trainRate = parts.train.positives / parts.train.ids.length;
  const testRate = parts.test.positives / parts.test.ids.length;
  return {
    formatVersion: 1,
    key: options.manifest.key,
    target: options.manifest.target,
    testSize: options.testSize,
    seed: options.seed,
    rows: { all, train: parts.train.ids.length, test: parts.test.ids.length },
    positives: { all: positives, train: parts.train.positives, test: parts.test.positives },
    targetRate: { all: targetRate(label), train: trainRate, test: testRate },
    targetRateGap: Math.abs(trainRate - testRate),
    targetRateTolerance: options.targetRateTolerance,
    leakage: {
      aucMax: options.leakageAucMax,
      screened: screening.scores.length,
      notScreened: screening.notScreened,
      strongest,
    },
    warnings,
  };
}

function describeScore(score: LeakageScore): string {
  const value = score.strength.toFixed(4);
  if (score.kind === "levels") return `level-rate AUC ${value}`;
  if (score.kind === "missing") return `missingness AUC ${value}`;
  return `single-feature AUC ${value}`;
}

function source(options: SplitOptions): string {
  return `read_parquet(${quoteLiteral(options.storePath)}, file_row_number = true)`;
}
