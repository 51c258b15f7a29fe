/**
 * Which labelled logged rows a retrain adds to the reference data. Pure: the caller reads
 * the window's labelled rows (oldest first) and the reference's ids. A row qualifies when
 * it answered the client (not a shadow copy), carries request fields (not a bare V2
 * feature vector), and — with an id column — names an applicant the reference does not
 * hold; an applicant logged several times counts once, with its latest row.
 */
import { FEATURE_VECTOR_ENDPOINT } from "../../inference_log/export.ts";
import type { LabelledRequest } from "../../inference_log/labelled_requests.ts";

/** Why labelled rows were left out, and how many were taken. */
export interface RetrainRowCounts {
  /** Labelled rows scored in the window. */
  labelled: number;
  /** Shadow rows (a challenger's copy of an answered request). */
  shadow: number;
  /** Rows scored from a bare feature vector: no request fields to train on. */
  featureVector: number;
  /** Rows without a value in the id column. */
  noId: number;
  /** Rows whose applicant the reference already holds (the reference row is kept). */
  inReference: number;
  /** Earlier rows of an applicant logged again later in the window (the latest is kept). */
  repeated: number;
  /** Rows taken. */
  taken: number;
}

/** The rows taken, oldest first, and the counts. */
export interface RetrainSelection {
  rows: LabelledRequest[];
  counts: RetrainRowCounts;
}

/** Options of {@link selectRetrainRows}. */
export interface SelectRetrainRowsOptions {
  /** The source's id column (`data.csv.id_column`); null: rows cannot be told apart. */
  idColumn: string | null;
  /** The ids the reference holds, as text (trimmed). */
  referenceIds: ReadonlySet<string>;
}

/**
 * Picks the qualifying rows of `labelled` (oldest first).
 * @example
 * ```ts
 * import { selectRetrainRows } from "./select.ts";
 * const row = (logId: number, id: number, shadow = false) => ({
 *   logId, requestId: `r${logId}`, time: logId, modelVersion: "v0001", endpoint: "/predict",
 *   inputs: { loan_id: id }, outcome: 1 as const, shadow,
 * });
 * const { counts } = selectRetrainRows([row(1, 7), row(2, 7, true), row(3, 8), row(4, 7)], {
 *   idColumn: "loan_id",
 *   referenceIds: new Set(["8"]),
 * });
 * if (counts.taken !== 1 || counts.shadow !== 1 || counts.inReference !== 1 || counts.repeated !== 1) {
 *   throw new Error(JSON.stringify(counts));
 * }
 * ```
 */
export function selectRetrainRows(
  labelled: readonly LabelledRequest[],
  options: SelectRetrainRowsOptions,
): RetrainSelection {
  const counts: RetrainRowCounts = {
    labelled: labelled.length,
    shadow: 0,
    featureVector: 0,
    noId: 0,
    inReference: 0,
    repeated: 0,
    taken: 0,
  };
  const answered = labelled.filter((row) => {
    if (row.shadow) counts.shadow += 1;
    else if (row.endpoint === FEATURE_VECTOR_ENDPOINT) counts.featureVector += 1;
    else return true;
    return false;
  });
  if (options.idColumn === null) {
    counts.taken = answered.length;
    return { rows: answered, counts };
  }
  const latest = new Map<string, number>();
  const ids = answered.map((row, i) => {
    const id = idText(row.inputs[options.idColumn!]);
    if (id === undefined) counts.noId += 1;
    else if (options.referenceIds.has(id)) counts.inReference += 1;
    else {
      if (latest.has(id)) counts.repeated += 1;
      latest.set(id, i);
      return id;
    }
    return undefined;
  });
  const rows = answered.filter((_, i) => ids[i] !== undefined && latest.get(ids[i]!) === i);
  counts.taken = rows.length;
  return { rows, counts };
}

/** An id cell's value as text (trimmed), or undefined when missing. */
export function idText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = typeof value === "string" ? value.trim() : String(value);
  return text === "" ? undefined : text;
}
