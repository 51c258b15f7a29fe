/** The `synthetic` source: the seeded generator writing the seven tables to parquet. */
import { generateHomeCredit } from "../home_credit/generator/mod.ts";
import { HOME_CREDIT_TABLES, tableSchema } from "../../contracts/home_credit_schema.ts";
import { KAGGLE_APPLICANTS } from "../home_credit/generator/applicants.ts";
import type { Progress } from "../../progress/mod.ts";
import { type SourceInfo, writeSourceInfo } from "./source.ts";

/** Options for {@link ingestSynthetic}. */
export interface SyntheticOptions {
  /** Raw parquet directory, e.g. "data/raw/parquet". */
  outDir: string;
  seed: number;
  applicants: number;
  threads?: number;
  /** Makes the progress bar, given the expected rows in all (Kaggle ratios). */
  progress?: (total: number) => Progress;
}

/** Generates the seven tables into `outDir` and writes source.json. */
export async function ingestSynthetic(options: SyntheticOptions): Promise<SourceInfo> {
  const scale = options.applicants / KAGGLE_APPLICANTS;
  const expected = HOME_CREDIT_TABLES.map((t) => Math.round(tableSchema(t).rows * scale));
  const total = expected.reduce((a, b) => a + b, 0);
  const progress = options.progress?.(total);
  let before = 0;
  const rows = await generateHomeCredit({
    outDir: options.outDir,
    seed: options.seed,
    applicants: options.applicants,
    threads: options.threads,
    onProgress: (table, percent) => {
      const share = expected[HOME_CREDIT_TABLES.indexOf(table)] * percent / 100;
      progress?.update(Math.round(before + share), table);
    },
    onTable: (table) => {
      before += expected[HOME_CREDIT_TABLES.indexOf(table)];
      progress?.update(before, table);
    },
  });
  progress?.finish();
  const info: SourceInfo = { source: "synthetic", tables: [...HOME_CREDIT_TABLES], rows };
  await writeSourceInfo(options.outDir, info);
  return info;
}
