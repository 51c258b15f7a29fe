/**
 * The `exp show` table, like DVC's: one row per experiment, the params that differ (in
 * any experiment) and the metrics columns. Data in, data out: the CLI renders it as
 * aligned text, JSON, CSV or Markdown.
 */
import { isMeasurement } from "../metrics.ts";
import { closestName } from "../spec/closest_name.ts";
import { ExperimentError } from "./errors.ts";
import type { QueueEntry } from "./journal.ts";
import type { ExperimentRecord } from "./record.ts";

/** One experiment's row. */
export interface ExperimentRow {
  name: string;
  status: string;
  baseCommit: string | null;
  queuedAt: string;
  /** The changed params' values, by dotted key. */
  params: Record<string, unknown>;
  /** Metric values, by column name. */
  metrics: Record<string, unknown>;
  error?: string;
}

/** The whole table. */
export interface ExperimentTable {
  paramColumns: string[];
  metricColumns: string[];
  rows: ExperimentRow[];
}

/** An experiment as `exp show` sees it: the journal's entry and its record, if written. */
export interface ExperimentView {
  entry?: QueueEntry;
  record?: ExperimentRecord;
}

function assignedValue(setParams: readonly string[], key: string): string | undefined {
  const assignment = setParams.findLast((a) => a.slice(0, a.indexOf("=")).trim() === key);
  return assignment?.slice(assignment.indexOf("=") + 1);
}

/** Metric columns of one record: key, or `path:key` when two files share the key. */
function metricCells(record: ExperimentRecord | undefined): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  const files = Object.entries(record?.metrics ?? {});
  const seen = new Map<string, number>();
  for (const [, metrics] of files) {
    for (const key of Object.keys(metrics)) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [path, metrics] of files) {
    if ("error" in metrics && typeof metrics.error === "string") continue;
    for (const [key, value] of Object.entries(metrics)) {
      if (isMeasurement(value)) cells[(seen.get(key) ?? 0) > 1 ? `${path}:${key}` : key] = value;
    }
  }
  return cells;
}

/**
 * Builds the table; `baseParams` (flattened) fills a param a queued experiment leaves at
 * its default.
 * @example
 * ```ts
 * import { buildExperimentTable } from "./table.ts";
 * const table = buildExperimentTable([], {});
 * if (table.rows.length !== 0) throw new Error("expected no rows");
 * ```
 */
export function buildExperimentTable(
  views: readonly ExperimentView[],
  baseParams: Record<string, unknown>,
): ExperimentTable {
  const paramKeys = new Set<string>();
  for (const { entry, record } of views) {
    for (const key of record?.changed ?? []) paramKeys.add(key);
    for (const a of record?.setParams ?? entry?.def.setParams ?? []) {
      paramKeys.add(a.slice(0, a.indexOf("=")).trim());
    }
  }
  const paramColumns = [...paramKeys].sort();
  const rows = views.map(({ entry, record }): ExperimentRow => {
    const setParams = record?.setParams ?? entry?.def.setParams ?? [];
    const params = Object.fromEntries(paramColumns.map((key) => {
      if (record !== undefined && Object.hasOwn(record.params, key)) {
        return [key, record.params[key]];
      }
      return [key, assignedValue(setParams, key) ?? baseParams[key]];
    }));
    const error = entry?.error ?? record?.error;
    return {
      name: entry?.name ?? record!.name,
      status: entry?.status ?? record!.status,
      baseCommit: record?.baseCommit ?? entry?.def.baseCommit ?? null,
      queuedAt: entry?.queuedAt ?? record!.queuedAt,
      params,
      metrics: entry?.status === "done" || entry === undefined ? metricCells(record) : {},
      ...(error === undefined || (entry?.status ?? record?.status) !== "failed" ? {} : { error }),
    };
  });
  const metricKeys = new Set(rows.flatMap((row) => Object.keys(row.metrics)));
  return { paramColumns, metricColumns: [...metricKeys].sort(), rows };
}

/**
 * Sorts rows by a metric or param column (missing values last); an unknown column names
 * the nearest one.
 */
export function sortExperimentTable(
  table: ExperimentTable,
  column: string,
  order: "asc" | "desc" = "asc",
): ExperimentTable {
  const isMetric = table.metricColumns.includes(column);
  if (!isMetric && !table.paramColumns.includes(column)) {
    const known = [...table.metricColumns, ...table.paramColumns];
    const hint = closestName(column, known);
    throw new ExperimentError(
      `Cannot sort by "${column}": no such metric or changed param` +
        (hint === undefined
          ? ` (columns: ${known.join(", ") || "none"})`
          : `; did you mean ${hint}?`),
    );
  }
  const value = (row: ExperimentRow) => (isMetric ? row.metrics : row.params)[column];
  const sign = order === "asc" ? 1 : -1;
  const rows = [...table.rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1;
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * String(x).localeCompare(String(y));
  });
  return { ...table, rows };
}
