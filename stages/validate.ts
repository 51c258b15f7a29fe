/**
 * Stage "validate": checks every table ingest wrote to data/raw/parquet/ against its
 * contract (Home Credit contracts, or the reviewed csv contract file), writes
 * reports/validation/raw.json and exits 1 with every failure case listed on failure.
 */
import "../lib/stage/entry.ts";
import {
  formatSummary,
  rawContracts,
  readCsvContract,
  readSourceManifest,
  validateTables,
  writeReport,
} from "../lib/contracts/mod.ts";
import { openDuckDb } from "../lib/duckdb/mod.ts";
import { loadParamsSection } from "../lib/stage/params.ts";
import { DataParams } from "../lib/data/params.ts";
import { createProgressReporter } from "../lib/progress/mod.ts";

const RAW = "data/raw/parquet";
const REPORT = "reports/validation/raw.json";

const params = await loadParamsSection("data", DataParams);
const source = await readSourceManifest(`${RAW}/source.json`);
const csvContract = source.source === "csv"
  ? (await readCsvContract(params.csv?.contract ?? "contracts/csv.contract.json")).contract
  : undefined;
const contracts = rawContracts(source, { applicants: params.applicants, csvContract });
const conn = await openDuckDb();
const progress = createProgressReporter("validate");
const report = await validateTables(
  conn,
  contracts.map((contract, i) => ({ contract, path: `${RAW}/${source.tables[i]}.parquet` })),
  { name: "raw", onProgress: progress.update },
);
progress.finish();
conn.closeSync();
await writeReport(REPORT, report);
console.error(formatSummary(report));
if (!report.ok) Deno.exit(1);
