/** The contracts of whatever ingest wrote to data/raw/parquet/, chosen by source.json. */
import { z } from "zod";
import { parseJsonFile } from "../json/mod.ts";
import { homeCreditContracts } from "./home_credit.ts";
import type { TableContract } from "./types.ts";

/** data/raw/parquet/source.json, as ingest writes it. */
export const SourceManifest = z.object({
  source: z.enum(["synthetic", "home-credit", "csv"]),
  tables: z.array(z.string()).min(1),
  rows: z.record(z.string(), z.number().int().min(0)),
});

/** What ingest wrote: the source, its tables and their row counts. */
export type SourceManifest = z.infer<typeof SourceManifest>;

/** Reads and checks source.json. */
export function readSourceManifest(path: string): Promise<SourceManifest> {
  return parseJsonFile(path, SourceManifest);
}

/** Options for {@link rawContracts}. */
export interface RawContractOptions {
  /** Applicants the synthetic generator was asked for: application_train's row floor. */
  applicants?: number;
  /** The reviewed contract of a csv source (read by the caller from its file). */
  csvContract?: TableContract;
}

/**
 * Returns the contract of each table listed in source.json, in its order.
 * @example
 * ```ts
 * import { rawContracts } from "./raw.ts";
 * // e.g. from readSourceManifest("data/raw/parquet/source.json")
 * const source = { source: "synthetic" as const, tables: ["application_train"], rows: {} };
 * const contracts = rawContracts(source, { applicants: 20000 });
 * if (contracts[0].table !== "application_train") throw new Error("expected its contract");
 * ```
 */
export function rawContracts(source: SourceManifest, options: RawContractOptions): TableContract[] {
  if (source.source === "csv") {
    if (options.csvContract === undefined) {
      throw new TypeError("Cannot validate a csv source: no reviewed contract was given");
    }
    return source.tables.map(() => options.csvContract as TableContract);
  }
  const floor = source.source === "synthetic" ? options.applicants : undefined;
  const all = homeCreditContracts({
    source: source.source,
    minRows: floor === undefined ? {} : { application_train: floor },
  });
  return source.tables.map((table) => {
    const contract = all.find((c) => c.table === table);
    if (contract === undefined) {
      throw new RangeError(
        `Cannot validate table "${table}": no Home Credit contract has its name`,
      );
    }
    return contract;
  });
}
