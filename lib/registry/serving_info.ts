/**
 * serving.json: what the register stage stores beside a model so the server can score
 * it without the pipeline's working tree: the request contract, the tiers, and the
 * feature snapshot holding history aggregates by entity key.
 */
import { z } from "zod";
import { formatZodIssues } from "../json/mod.ts";
import { TableContract } from "../contracts/mod.ts";
import { TierSpec } from "../tiers/mod.ts";
import { CsvFormat } from "../contracts/csv_contract_file.ts";

/** Artifact name of the serving description. */
export const SERVING_FILE = "serving.json";
/** Artifact name of the history-feature snapshot (key + aggregate columns, parquet). */
export const SNAPSHOT_FILE = "feature_snapshot.parquet";

/** The contents of serving.json. */
export const ServingInfo = z.object({
  formatVersion: z.literal(1),
  source: z.enum(["synthetic", "home-credit", "csv"]),
  /** Contract of the raw row a client sends (the target is omitted from requests). */
  contract: TableContract,
  /** Fields of the contract a client does not send (the target). */
  omit: z.array(z.string()),
  tiers: TierSpec,
  /** Features looked up by key in the snapshot artifact; null when there is none. */
  snapshot: z.object({ file: z.string(), key: z.string(), features: z.array(z.string()) })
    .nullable(),
  /**
   * One raw row of the training data the request contract accepts, as a client would
   * send it: the OpenAPI document's example (absent in versions registered before it).
   */
  example: z.record(z.string(), z.unknown()).optional(),
  /**
   * How a csv version reads its rows (missing markers, boolean spellings, id and target
   * columns), copied from the contract file at register time so that a later edit of the
   * file does not change how this version reads input. Absent for other sources and for
   * csv versions registered before it (those take typed JSON only).
   */
  csv: CsvFormat.optional(),
});

/** The contents of serving.json. */
export type ServingInfo = z.infer<typeof ServingInfo>;

/** Parses serving.json, naming every bad field. */
export function parseServingInfo(json: unknown, source: string): ServingInfo {
  const parsed = ServingInfo.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new TypeError(`Cannot read ${source}: ${formatZodIssues(parsed.error.issues)}`);
}
