/**
 * What the register stage adds to a version for serving: serving.json (request
 * contract, tiers, snapshot description, an example row) and the feature snapshot (key
 * plus history aggregates, sorted by key, written single-threaded so the bytes are
 * reproducible).
 */
import { join } from "node:path";
import type { TableContract } from "../contracts/mod.ts";
import { openDuckDb, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { FeatureManifest } from "../features/mod.ts";
import { SERVING_FILE, type ServingInfo, SNAPSHOT_FILE } from "./serving_info.ts";
import type { TierSpec } from "../tiers/mod.ts";
import { readExampleRow } from "./example_row.ts";
import { type CsvFormat, ROW_ID } from "../contracts/csv_contract_file.ts";
import { readCsvExampleRow, spellCsvRow } from "./csv_example_row.ts";
import { TEXT_FEATURE_SOURCE } from "../features/text/features.ts";

/** Sources whose features are computed from the request row itself (TF-IDF: from its text). */
const REQUEST_SOURCES = new Set(["application_train", "csv", TEXT_FEATURE_SOURCE]);

/** Inputs of {@link writeServingArtifacts}. */
export interface ServingArtifactsInput {
  /** Directory to write into (a temp dir; the registry copies from it). */
  dir: string;
  manifest: FeatureManifest;
  /** The feature store parquet the snapshot is cut from. */
  featureStore: string;
  source: ServingInfo["source"];
  /** Contract of the raw row clients send (application_train, or the csv contract). */
  contract: TableContract;
  tiers: TierSpec;
  /** The raw table of `contract` (parquet) whose first accepted row becomes the API example. */
  exampleFrom?: string;
  /**
   * A csv source's reading rules (the contract file's `csv` part), stored so the version
   * reads input the same way whatever later happens to the contract file.
   */
  csv?: CsvFormat;
  /** The training CSV, whose first accepted record is the example in the file's spelling. */
  csvPath?: string;
}

/** Writes serving.json (and the snapshot when the model has history features). */
export async function writeServingArtifacts(
  input: ServingArtifactsInput,
): Promise<Record<string, string>> {
  const { manifest } = input;
  const history = manifest.features.filter((f) => !REQUEST_SOURCES.has(f.source))
    .map((f) => f.name);
  const artifacts: Record<string, string> = {};
  if (history.length > 0) {
    const path = join(input.dir, SNAPSHOT_FILE);
    const conn = await openDuckDb();
    try {
      await conn.run("SET threads = 1");
      const columns = [manifest.key, ...history].map(quoteIdent).join(", ");
      await conn.run(
        `COPY (SELECT ${columns} FROM read_parquet(${quoteLiteral(input.featureStore)}) ` +
          `ORDER BY ${quoteIdent(manifest.key)}) TO ${quoteLiteral(path)} (FORMAT parquet)`,
      );
    } finally {
      conn.closeSync();
    }
    artifacts[SNAPSHOT_FILE] = path;
  }
  const omit = input.contract.target === undefined ? [] : [input.contract.target];
  // With no id column the CSV has no row number to send: ROW_ID is ingest's invention.
  if (input.csv?.idColumn === null) omit.push(ROW_ID);
  const example = await exampleOf(input, omit);
  const info: ServingInfo = {
    formatVersion: 1,
    source: input.source,
    contract: input.contract,
    omit,
    tiers: input.tiers,
    snapshot: history.length > 0
      ? { file: SNAPSHOT_FILE, key: manifest.key, features: history }
      : null,
    ...(example === undefined ? {} : { example }),
    ...(input.csv === undefined ? {} : { csv: input.csv }),
  };
  const infoPath = join(input.dir, SERVING_FILE);
  await Deno.writeTextFile(infoPath, JSON.stringify(info, null, 2) + "\n");
  artifacts[SERVING_FILE] = infoPath;
  return artifacts;
}

async function exampleOf(
  input: ServingArtifactsInput,
  omit: string[],
): Promise<Record<string, unknown> | undefined> {
  const csv = input.csv;
  if (csv !== undefined && input.csvPath !== undefined) {
    const raw = await readCsvExampleRow(input.csvPath, { contract: input.contract, omit, csv });
    if (raw !== undefined) return raw;
  }
  if (input.exampleFrom === undefined) return undefined;
  const typed = await readExampleRow(input.exampleFrom, input.contract, omit);
  return typed === undefined || csv === undefined ? typed : spellCsvRow(typed, csv);
}
