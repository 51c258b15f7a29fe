/**
 * `deno task simulate --shift FEATURE=FACTOR --rows N [--url URL]`: sends drifted traffic
 * to a running server (loopback only): test-split application rows, seeded, with each
 * shifted field multiplied by its factor, POSTed to /predict.
 */
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { readManifest } from "../features/manifest/mod.ts";
import { createProgress } from "../progress/mod.ts";
import { readSourceManifest } from "../contracts/mod.ts";
import { type CsvFormat, readCsvContract, ROW_ID } from "../contracts/csv_contract_file.ts";
import { spellCsvRow } from "../registry/csv_example_row.ts";
import { loadParamsSection } from "../stage/params.ts";
import { z } from "zod";
import {
  applyShifts,
  MAX_SIMULATED_ROWS,
  parseShift,
  readTestRows,
  sampleRows,
  sendRows,
} from "../drift/simulate.ts";

/** Usage text of `simulate`. */
export const SIMULATE_USAGE = `Usage: deno task simulate --shift FEATURE=FACTOR --rows N [options]
  --shift FIELD=FACTOR  multiply a raw numeric field (repeatable; none sends unshifted rows)
  --rows N              rows to send (at most ${MAX_SIMULATED_ROWS})
  --url URL             the server (default http://127.0.0.1:8000; loopback only)
  --seed S              sampling seed (default 1)
  --concurrency K       requests in flight (default 8)
  --data DIR            pipeline data folder (default data)
  -h, --help            print this help
Exit codes: 0 every request scored, 1 a request failed or an error, 2 a usage error`;

/** Runs the simulate command; returns the exit code (1 when any request failed). */
export async function main(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  const flags = parseArgs("simulate", args, {
    strings: ["rows", "url", "seed", "concurrency", "data"],
    lists: ["shift"],
  });
  const rows = integerFlag(flags.strings.get("rows"), "--rows");
  if (rows === undefined) throw new UsageError("Flag --rows is required");
  if (rows < 1 || rows > MAX_SIMULATED_ROWS) {
    throw new UsageError(`Flag --rows must be between 1 and ${MAX_SIMULATED_ROWS}: ${rows}`);
  }
  let shifts;
  try {
    shifts = (flags.lists.get("shift") ?? []).map(parseShift);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const data = flags.strings.get("data") ?? "data";
  const manifest = await readManifest(`${data}/features/manifest.json`);
  const csv = await csvFormatOf(data);
  const pool = await readTestRows({
    applicationPath: `${data}/raw/parquet/${
      csv === undefined ? "application_train" : "table"
    }.parquet`,
    testPath: `${data}/split/test.parquet`,
    key: manifest.key,
    target: csv?.targetColumn ?? manifest.target,
    drop: csv?.idColumn === null ? [ROW_ID] : [],
  });
  // A csv source's rows go out as its file spells them (numbers as text, yes/no words).
  const sample = sampleRows(pool, rows, integerFlag(flags.strings.get("seed"), "--seed") ?? 1)
    .map((row) => applyShifts(row, shifts))
    .map((row) => csv === undefined ? row : spellCsvRow(row, csv));
  const url = flags.strings.get("url") ?? "http://127.0.0.1:8000";
  const progress = createProgress({ label: "simulate", total: sample.length });
  const result = await sendRows(sample, {
    url,
    concurrency: integerFlag(flags.strings.get("concurrency"), "--concurrency"),
    onProgress: (sent) => progress.update(sent),
  }).catch((error) => {
    progress.stop("failed");
    throw error;
  });
  progress.finish();
  const shifted = shifts.map((s) => `${s.field}×${s.factor}`).join(", ") || "no shift";
  console.log(`sent ${result.sent} rows (${shifted}) to ${url}/predict: ${result.ok} scored`);
  for (const [status, count] of Object.entries(result.failed)) {
    console.error(`${count} answered ${status}`);
  }
  if (result.firstError) console.error(`first error: ${result.firstError}`);
  return result.ok === result.sent ? 0 : 1;
}

/** The csv source's reading rules (from its contract file), or undefined for Home Credit. */
async function csvFormatOf(data: string): Promise<CsvFormat | undefined> {
  const path = `${data}/raw/parquet/source.json`;
  const present = await Deno.stat(path).then(() => true, () => false);
  if (!present || (await readSourceManifest(path)).source !== "csv") return undefined;
  const params = await loadParamsSection(
    "data",
    z.object({ csv: z.object({ contract: z.string() }).partial().optional() }),
  );
  return (await readCsvContract(params.csv?.contract ?? "contracts/csv.contract.json")).csv;
}

function integerFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`Flag ${flag} needs an integer: ${value}`);
  return n;
}

if (import.meta.main) await runEntry(main);
