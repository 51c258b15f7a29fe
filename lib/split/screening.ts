/**
 * The leakage screen over the feature store: columns are read from DuckDB 32 at a time
 * with the target beside them, and each read is scored half here and half on a worker
 * while DuckDB reads the next columns. Which thread scores a column does not change its
 * score; scores come back in manifest order.
 */
import {
  type DuckDBConnection,
  queryNumericColumns,
  quoteIdent,
  quoteLiteral,
} from "../duckdb/mod.ts";
import type { FeatureManifest, ManifestFeature } from "../features/manifest/mod.ts";
import { type LeakageScore, screenFeature } from "./leakage.ts";
import type { ScreenRequest, ScreenResponse } from "./screen_worker.ts";

/** Screened features' strongest signals and the features too thin to screen. */
export interface Screening {
  scores: LeakageScore[];
  notScreened: string[];
}

/** Options for {@link screenStore}. */
export interface ScreenStoreOptions {
  storePath: string;
  manifest: FeatureManifest;
  minClassRows?: number;
  /** Score half of each read on a worker (default: when the store has ≥ 20,000 rows). */
  worker?: boolean;
  onProgress?: (done: number, total: number, step: string) => void;
}

const COLUMNS_PER_READ = 32;
const WORKER_FROM_ROWS = 20_000;

/** Screens every feature of the store (see lib/split/leakage.ts for the rule). */
export async function screenStore(
  conn: DuckDBConnection,
  options: ScreenStoreOptions,
  rows: number,
): Promise<Screening> {
  const features = options.manifest.features;
  const screening: Screening = { scores: [], notScreened: [] };
  const useWorker = options.worker ?? rows >= WORKER_FROM_ROWS;
  const worker = useWorker ? startWorker() : null;
  try {
    const total = features.length + 2;
    // DuckDB reads the next columns while the threads score these. The target comes in
    // the same read as the values, so no ORDER BY is needed to line them up (the scores
    // do not depend on row order).
    let next = readChunk(conn, options, 0);
    for (let start = 0; start < features.length; start += COLUMNS_PER_READ) {
      options.onProgress?.(start, total, "leakage screening");
      const chunk = features.slice(start, start + COLUMNS_PER_READ);
      const { columns } = await next;
      if (start + COLUMNS_PER_READ < features.length) {
        next = readChunk(conn, options, start + COLUMNS_PER_READ);
      }
      const [labels, ...values] = columns;
      const half = worker === null ? chunk.length : Math.ceil(chunk.length / 2);
      const remote = worker === null
        ? Promise.resolve([])
        : worker.score(chunk.slice(half), values.slice(half), labels, options.minClassRows);
      const local = chunk.slice(0, half).map((feature, j) =>
        screenFeature(feature, values[j], labels, { minClassRows: options.minClassRows })
      );
      const scored = [...local, ...await remote];
      chunk.forEach((feature, j) => {
        const score = scored[j];
        if (score === null) screening.notScreened.push(feature.name);
        else screening.scores.push(score);
      });
    }
  } finally {
    worker?.terminate();
  }
  return screening;
}

function readChunk(conn: DuckDBConnection, options: ScreenStoreOptions, start: number) {
  const chunk = options.manifest.features.slice(start, start + COLUMNS_PER_READ);
  const target = `CAST(${quoteIdent(options.manifest.target)} AS DOUBLE)`;
  const select = chunk.map((f) => `CAST(${quoteIdent(f.name)} AS DOUBLE)`).join(", ");
  const source = `read_parquet(${quoteLiteral(options.storePath)})`;
  return queryNumericColumns(conn, `SELECT ${target}, ${select} FROM ${source}`);
}

interface ScreenWorker {
  score(
    features: ManifestFeature[],
    columns: Float64Array[],
    labels: Float64Array,
    minClassRows: number | undefined,
  ): Promise<ScreenResponse>;
  terminate(): void;
}

function startWorker(): ScreenWorker {
  const worker = new Worker(new URL("./screen_worker.ts", import.meta.url), { type: "module" });
  return {
    score(features, columns, labels, minClassRows) {
      return new Promise((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<ScreenResponse>) => resolve(event.data);
        worker.onerror = (event) => {
          event.preventDefault();
          reject(new Error(`Cannot screen features for leakage: ${event.message}`));
        };
        const copy = labels.slice();
        const request: ScreenRequest = { features, columns, labels: copy, minClassRows };
        worker.postMessage(request, [copy.buffer, ...columns.map((c) => c.buffer as ArrayBuffer)]);
      });
    },
    terminate: () => worker.terminate(),
  };
}
