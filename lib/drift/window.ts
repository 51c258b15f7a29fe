/**
 * The current window: rows of application fields read from an inference-log export
 * (request id, time, model version, endpoint, score, tier, then one column per input
 * field) or from any parquet/CSV file of application rows, turned into the model's
 * feature columns with the server's own request-time definitions.
 */
import { extname } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../duckdb/mod.ts";
import { APPLICATION_TABLE } from "../features/mod.ts";
import type { FeatureManifest } from "../features/manifest/mod.ts";
import type { InputRow } from "../features/mod.ts";
import { EXPORT_FIXED_COLUMNS, FEATURE_VECTOR_ENDPOINT } from "../inference_log/mod.ts";
import type { CsvRowReader } from "../registry/csv_row.ts";
import { compileRequestFeatures, exprOf } from "../scoring/request_features.ts";
import { compileTextFeatures } from "../features/text/request.ts";
import type { FeatureSnapshot } from "../registry/snapshot.ts";
import type { PairedRow } from "./challenger/mod.ts";

/** Rows of the current window and what the log recorded beside them. */
export interface WindowRows {
  /** The file the rows came from. */
  source: string;
  /** Input fields per row (log bookkeeping columns removed). */
  rows: InputRow[];
  /** Input field names present in the file. */
  fields: string[];
  /** Logged scores, when every row has one. */
  scores?: Float64Array;
  /** Logged outlier flags (1/0), when every row has one. */
  outlierFlags?: Uint8Array;
  /** Model versions that scored the rows (empty for a plain file). */
  modelVersions: string[];
  /**
   * Logged rows left out because they were scored from bare feature vectors (V2
   * `features` tensor) and hold no request fields to compute features from.
   */
  featureVectorRows?: number;
  /**
   * Challenger rows of a shadow release left out, so each request counts once: the
   * client got the champion's answer (they are compared on the challenger page).
   */
  shadowRows?: number;
  /** The logged rows of shadow pairs (both sides, with a score), for the challenger page. */
  pairRows?: PairedRow[];
  /** Earliest and latest logged time (ISO), when the file has a time column. */
  from?: string;
  to?: string;
}

const FIXED = new Set<string>(EXPORT_FIXED_COLUMNS.map(([name]) => name));

/**
 * SQL reading a parquet or CSV file, by extension; `allText` reads CSV cells as text, as
 * csv ingest read the training file (a csv version's rules type them).
 */
export function readFileSql(path: string, allText = false): string {
  const ext = extname(path).toLowerCase();
  if (ext === ".parquet") return `read_parquet(${quoteLiteral(path)})`;
  if (ext === ".csv") {
    const text = allText ? ", all_varchar = true" : "";
    return `read_csv(${quoteLiteral(path)}, header = true${text})`;
  }
  throw new RangeError(`Cannot read window "${path}": expected a .parquet or .csv file`);
}

/**
 * Reads a window file. Columns an inference-log export renamed to dodge a bookkeeping
 * column (`input_time` for an input field `time`) get their field name back.
 * @example
 * ```ts
 * import { readWindow } from "./window.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" }); // or an inference-log .parquet export
 * await Deno.writeTextFile(path, "AMT_CREDIT,AMT_INCOME_TOTAL\n200000,100000\n");
 * const window = await readWindow(path);
 * await Deno.remove(path);
 * if (window.rows.length !== 1) throw new Error(`expected 1 row, got ${window.rows.length}`);
 * ```
 */
export async function readWindow(
  path: string,
  options: { allText?: boolean } = {},
): Promise<WindowRows> {
  const conn = await openDuckDb({ threads: 1 });
  let records: Record<string, unknown>[];
  let columns: string[];
  try {
    // Column names from the schema, so an empty window still knows its fields.
    const sql = readFileSql(path, options.allText);
    const described = await queryRows(conn, `describe select * from ${sql}`);
    columns = described.map((row) => String(row.column_name));
    records = await queryRows(conn, `select * from ${sql}`);
  } finally {
    conn.closeSync();
  }
  const isLog = columns.includes("request_id") && columns.includes("score");
  const pairRows = isLog ? loggedPairRows(records) : [];
  const answers = isLog ? records.filter((r) => r.shadow !== true) : records;
  const shadowRows = records.length - answers.length;
  records = isLog ? answers.filter((r) => r.endpoint !== FEATURE_VECTOR_ENDPOINT) : answers;
  const inputs = columns.filter((c) => !(isLog && FIXED.has(c)));
  const fieldOf = (column: string) => {
    const rest = column.startsWith("input_") ? column.slice("input_".length) : "";
    return isLog && FIXED.has(rest.toLowerCase()) ? rest : column;
  };
  // A plain file's records are its rows; an export's lose their bookkeeping columns.
  const rows = !isLog ? records : records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const column of inputs) row[fieldOf(column)] = record[column];
    return row;
  });
  const window: WindowRows = {
    source: path,
    rows,
    fields: inputs.map(fieldOf),
    modelVersions: [],
    featureVectorRows: answers.length - records.length,
  };
  if (!isLog) return window;
  window.shadowRows = shadowRows;
  window.pairRows = pairRows;
  const scores = Float64Array.from(records, (r) => typeof r.score === "number" ? r.score : NaN);
  if (scores.every(Number.isFinite)) window.scores = scores;
  if (records.every((r) => typeof r.outlier_flag === "boolean")) {
    window.outlierFlags = Uint8Array.from(records, (r) => Number(r.outlier_flag));
  }
  window.modelVersions = [...new Set(records.map((r) => String(r.model_version)))].sort();
  const times = records.map((r) => r.time).filter((t): t is Date => t instanceof Date);
  if (times.length > 0) {
    const ms = times.map((t) => t.getTime());
    window.from = new Date(Math.min(...ms)).toISOString();
    window.to = new Date(Math.max(...ms)).toISOString();
  }
  return window;
}

/** The scored rows of an export that carry a pair id (exports before pair ids have none). */
function loggedPairRows(records: Record<string, unknown>[]): PairedRow[] {
  const rows: PairedRow[] = [];
  for (const r of records) {
    if (typeof r.pair_id !== "string" || typeof r.score !== "number") continue;
    if (!Number.isFinite(r.score)) continue;
    rows.push({
      pairId: r.pair_id,
      shadow: r.shadow === true,
      modelVersion: String(r.model_version),
      score: r.score,
      tier: String(r.tier),
      latencyMs: typeof r.latency_ms === "number" ? r.latency_ms : NaN,
    });
  }
  return rows;
}

/** Feature columns of a window, and the features it cannot supply. */
export interface WindowFeatures {
  /** columns[j][i]: manifest feature j of row i (NaN when missing). */
  columns: Float64Array[];
  /**
   * Features whose inputs neither the window nor the snapshot hold: history aggregates
   * (or CSV columns) the client did not send and the server cannot look up. They are
   * reported, not judged.
   */
  absent: string[];
  /** Rows per field holding a category level the model never saw (read as missing). */
  unseenLevels: Record<string, number>;
  /** Rows per field whose value the version's rules cannot read (read as missing). */
  unreadable: Record<string, number>;
}

/**
 * Computes the manifest's features for every window row as the server does: a csv
 * version's rows read by its stored rules first (`read`), then the request-time features
 * of the row merged with its snapshot lookup (history aggregates by key) when the
 * production version has a snapshot.
 * @example
 * ```ts
 * import { windowFeatures } from "./window.ts";
 * import type { FeatureManifest } from "../features/manifest/mod.ts";
 * const manifest: FeatureManifest = {
 *   formatVersion: 1,
 *   key: "SK_ID_CURR",
 *   target: "TARGET",
 *   features: [{
 *     name: "CREDIT_INCOME_RATIO",
 *     type: "numeric",
 *     source: "application_train",
 *     description: "Credit over income",
 *   }],
 * };
 * const window = {
 *   source: "window.csv",
 *   fields: ["AMT_CREDIT", "AMT_INCOME_TOTAL"],
 *   rows: [{ AMT_CREDIT: 2e5, AMT_INCOME_TOTAL: 1e5 }],
 *   modelVersions: [],
 * };
 * // with the production version's snapshot as a third argument when it has one
 * const { columns, absent } = windowFeatures(window, manifest);
 * if (columns[0][0] !== 2 || absent.length !== 0) throw new Error("expected a ratio of 2");
 * ```
 */
export function windowFeatures(
  window: WindowRows,
  manifest: FeatureManifest,
  snapshot?: FeatureSnapshot,
  read?: CsvRowReader,
): WindowFeatures {
  const width = manifest.features.length;
  const columns = manifest.features.map(() => new Float64Array(window.rows.length));
  // A free-text column's TF-IDF features come from its text, as the server writes them.
  const text = compileTextFeatures(manifest.features);
  const write = compileWindowRow(manifest, text.positions, snapshot, new Set(window.fields));
  const unseenLevels: Record<string, number> = {};
  const unreadable: Record<string, number> = {};
  const count = (counts: Record<string, number>, field: string) =>
    counts[field] = (counts[field] ?? 0) + 1;
  const x = new Float64Array(width);
  window.rows.forEach((raw, i) => {
    let row = raw;
    if (read !== undefined) {
      const result = read(raw);
      result.unseen.forEach((field) => count(unseenLevels, field));
      result.issues.forEach((issue) => count(unreadable, issue.field));
      row = result.row;
    }
    x.fill(NaN);
    write(row, x);
    text.write(row, x);
    for (let j = 0; j < width; j++) columns[j][i] = x[j];
  });
  const fields = new Set([...window.fields, ...(snapshot?.features ?? [])]);
  const absent = manifest.features
    // A TF-IDF feature's input is its text column.
    .filter((f) => f.source !== APPLICATION_TABLE && !fields.has(f.text?.column ?? f.name))
    .map((f) => f.name);
  return { columns, absent, unseenLevels, unreadable };
}

/**
 * The writer of a window row's non-text features: the row merged with its snapshot values
 * (a snapshot value that is not NaN wins over the row's own field of that name). When
 * every snapshot feature is a plain numeric column this overlays the snapshot's values
 * on the row's features in place (what reading `{ ...row, ...lookup }` gives, without
 * building a merged object of a few hundred fields per row, which cost ~60 µs a row).
 */
function compileWindowRow(
  manifest: FeatureManifest,
  textPositions: ReadonlySet<number>,
  snapshot: FeatureSnapshot | undefined,
  fields: ReadonlySet<string>,
): (row: InputRow, out: Float64Array) => void {
  const plain = Int32Array.from(manifest.features.keys()).filter((j) => !textPositions.has(j));
  const writerOf = (positions: Int32Array) =>
    compileRequestFeatures(Array.from(positions, (j) => manifest.features[j]), positions);
  if (snapshot === undefined) return writerOf(plain);
  const position = new Map(manifest.features.map((f, j) => [f.name, j]));
  const history = new Set(snapshot.features.filter((name) => position.has(name)));
  const overlay = [...history].every((name) => {
    const j = position.get(name)!;
    return !textPositions.has(j) && exprOf(manifest.features[j]).kind === "column" &&
      manifest.features[j].type === "numeric";
  });
  if (!overlay) {
    const write = writerOf(plain);
    return (row, out) => {
      const found = snapshot.lookup(row[snapshot.key]);
      write(found === undefined ? row : { ...row, ...found }, out);
    };
  }
  const own = plain.filter((j) => !history.has(manifest.features[j].name));
  // History fields the rows carry themselves stand where the snapshot has no value.
  const carried = plain.filter((j) =>
    history.has(manifest.features[j].name) && fields.has(manifest.features[j].name)
  );
  const writeOwn = writerOf(own);
  const writeCarried = carried.length > 0 ? writerOf(carried) : undefined;
  const targets = Int32Array.from(snapshot.features, (name) => position.get(name) ?? -1);
  const identity = Int32Array.from(targets.keys());
  const found = new Float64Array(targets.length);
  return (row, out) => {
    writeOwn(row, out);
    writeCarried?.(row, out);
    if (!snapshot.fill(row[snapshot.key], found, identity)) return;
    for (let k = 0; k < targets.length; k++) {
      const v = found[k];
      // lookup leaves NaN out; a column read takes ±Infinity as missing.
      if (targets[k] >= 0 && !Number.isNaN(v)) out[targets[k]] = Number.isFinite(v) ? v : NaN;
    }
  };
}
