/**
 * Splits the feature store into train and test parquet: checks ids and targets, screens
 * every feature for target leakage, assigns entities stratified on the target with a
 * seed, checks the parts, writes them in store order and returns the split report.
 */
import { join } from "node:path";
import {
  type DuckDBConnection,
  openDuckDb,
  queryNumericColumns,
  quoteIdent,
  quoteLiteral,
} from "../data/duckdb.ts";
import type { FeatureManifest } from "../features/types.ts";
import { assignStratified } from "./assign.ts";
import { checkDisjoint, checkIds, checkTargetRates, checkTargets, targetRate } from "./checks.ts";
import { SplitCheckError } from "./errors.ts";
import { type LeakageScore, screenFeature } from "./leakage.ts";

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
  warnings: string[];
}

const COLUMNS_PER_READ = 32;

/**
 * Runs the split and writes train.parquet, test.parquet and report.json to `outDir`;
 * throws a {@link SplitCheckError} naming the failed check and values.
 */
export async function splitFeatureStore(options: SplitOptions): Promise<SplitReport> {
  const conn = await openDuckDb({ threads: options.threads });
  try {
    const { ids, labels } = await readKeyAndTarget(conn, options);
    const { key, target } = options.manifest;
    checkIds(key, ids);
    checkTargets(target, key, ids, labels);
    const label = Float64Array.from(labels as number[]);
    const screening = await screenStore(conn, options, label);
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
    const isTest = assignStratified(ids as (number | string)[], label, options);
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
    await writeParts(conn, options, isTest);
    const report = buildReport(options, label, parts, screening);
    await Deno.writeTextFile(
      join(options.outDir, "report.json"),
      JSON.stringify(report, null, 2) + "\n",
    );
    return report;
  } finally {
    conn.closeSync();
  }
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

interface Screening {
  scores: LeakageScore[];
  notScreened: string[];
}

async function screenStore(
  conn: DuckDBConnection,
  options: SplitOptions,
  label: Float64Array,
): Promise<Screening> {
  const features = options.manifest.features;
  const scores: LeakageScore[] = [];
  const notScreened: string[] = [];
  const total = features.length + 2;
  for (let start = 0; start < features.length; start += COLUMNS_PER_READ) {
    options.onProgress?.(start, total, "leakage screening");
    const chunk = features.slice(start, start + COLUMNS_PER_READ);
    const select = chunk.map((f) => `CAST(${quoteIdent(f.name)} AS DOUBLE)`).join(", ");
    const { columns } = await queryNumericColumns(
      conn,
      `SELECT ${select} FROM ${source(options)} ORDER BY file_row_number`,
    );
    chunk.forEach((feature, j) => {
      const score = screenFeature(feature, columns[j], label, {
        minClassRows: options.minClassRows,
      });
      if (score === null) notScreened.push(feature.name);
      else scores.push(score);
    });
  }
  return { scores, notScreened };
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

async function writeParts(conn: DuckDBConnection, options: SplitOptions, isTest: Uint8Array) {
  await Deno.mkdir(options.outDir, { recursive: true });
  await conn.run("CREATE TEMP TABLE test_rows (r BIGINT)");
  const appender = await conn.createAppender("test_rows");
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i] === 1) {
      appender.appendBigInt(BigInt(i));
      appender.endRow();
    }
  }
  appender.closeSync();
  await conn.run("SET preserve_insertion_order = true");
  const written = options.manifest.features.length;
  for (const [i, part] of (["train", "test"] as const).entries()) {
    options.onProgress?.(written + i, written + 2, `writing ${part}`);
    const membership = part === "test" ? "IN" : "NOT IN";
    const path = join(options.outDir, `${part}.parquet`);
    await conn.run(
      `COPY (SELECT * EXCLUDE (file_row_number) FROM ${source(options)} ` +
        `WHERE file_row_number ${membership} (SELECT r FROM test_rows) ORDER BY file_row_number) ` +
        `TO ${quoteLiteral(`${path}.partial`)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await Deno.rename(`${path}.partial`, path);
  }
  options.onProgress?.(written + 2, written + 2, "written");
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
