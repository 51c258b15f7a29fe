/** The `data` section of the params: which source ingest lands, and how a one-table CSV reads. */
import { z } from "zod";

/** params.data.csv: the one-table CSV source. */
export const CsvSourceParams = z.strictObject({
  path: z.string().min(1),
  id_column: z.string().nullable().default(null),
  target_column: z.string().min(1),
  positive_label: z.union([z.string(), z.number(), z.boolean()]).transform(String),
  contract: z.string().min(1).default("contracts/csv.contract.json"),
  /** DuckDB read_csv's max_line_size in bytes; raise it for a file with longer lines. */
  max_line_size: z.number().int().positive().optional(),
});

/** params.data */
export const DataParams = z.strictObject({
  source: z.enum(["synthetic", "home-credit", "csv"]).default("synthetic"),
  seed: z.number().int().default(42),
  /** 307,511 gives the Kaggle row counts. */
  applicants: z.number().int().positive().default(20000),
  home_credit_dir: z.string().min(1).default("data/raw/home-credit"),
  csv: CsvSourceParams.optional(),
});
export type DataParams = z.infer<typeof DataParams>;
