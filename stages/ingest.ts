/**
 * Stage "ingest": lands the configured data source (param `data.source`) as parquet in
 * data/raw/parquet with a source.json. synthetic = the seeded generator, home-credit = the
 * Kaggle CSVs, csv = any one-table CSV with a binary target.
 */
import "../lib/stage/entry.ts";
import { loadParamsSection } from "../lib/stage/params.ts";
import { DataParams } from "../lib/data/params.ts";
import { ParamError } from "../lib/stage/param_error.ts";
import { createProgress } from "../lib/progress/mod.ts";
import { ingestHomeCreditCsv, ingestSynthetic } from "../lib/data/ingest/mod.ts";
import { ingestCsv } from "../lib/data/csv/mod.ts";

const OUT_DIR = "data/raw/parquet";

const params = await loadParamsSection("data", DataParams);
await Deno.remove(OUT_DIR, { recursive: true }).catch((error) => {
  if (!(error instanceof Deno.errors.NotFound)) throw error;
});
await Deno.mkdir(OUT_DIR, { recursive: true });

if (params.source === "synthetic") {
  const info = await ingestSynthetic({
    outDir: OUT_DIR,
    seed: params.seed,
    applicants: params.applicants,
    progress: (total) => createProgress({ label: "generate", total }),
  });
  console.log(`ingest: synthetic, ${JSON.stringify(info.rows)}`);
} else if (params.source === "home-credit") {
  const info = await ingestHomeCreditCsv({
    inputDir: params.home_credit_dir,
    outDir: OUT_DIR,
    progress: (total) => createProgress({ label: "ingest", total }),
  });
  console.log(`ingest: home-credit, ${JSON.stringify(info.rows)}`);
} else {
  if (!params.csv) throw new ParamError('Cannot ingest csv: param "data.csv" is missing');
  const result = await ingestCsv({
    path: params.csv.path,
    idColumn: params.csv.id_column,
    targetColumn: params.csv.target_column,
    positiveLabel: params.csv.positive_label,
    contractPath: params.csv.contract,
    outDir: OUT_DIR,
    maxLineSize: params.csv.max_line_size,
  });
  const written = result.contractWritten
    ? ` (inferred contract written to ${params.csv.contract})`
    : "";
  console.log(`ingest: csv, ${result.rows} rows${written}`);
}
