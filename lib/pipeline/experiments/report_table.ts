/** The tracking page's table: `exp show`'s columns, every experiment a row. */
import { type Cell, type PageSection, renderHtmlTable } from "../../report/mod.ts";
import { formatValue } from "../spec/flatten.ts";
import type { ExperimentTable } from "./table.ts";

/** A table cell of a param or metric value. */
export function cellOf(value: unknown): Cell {
  if (value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string") return value;
  return formatValue(value);
}

/** The `exp show` table as HTML, failed rows highlighted. */
export function tableSection(table: ExperimentTable): PageSection {
  const columns = [
    "Experiment",
    "Status",
    "Created",
    ...table.metricColumns,
    ...table.paramColumns,
  ];
  const rows = table.rows.map((row): Cell[] => [
    row.name,
    row.status,
    row.queuedAt,
    ...table.metricColumns.map((key) => cellOf(row.metrics[key])),
    ...table.paramColumns.map((key) => cellOf(row.params[key])),
  ]);
  return {
    title: "Experiments",
    id: "experiments",
    note: "As exp show prints it: the params any experiment changed and the metrics columns.",
    content: [
      renderHtmlTable({
        columns,
        rows,
        rowClass: (row) => row[1] === "failed" ? "fail" : undefined,
      }),
    ],
  };
}
