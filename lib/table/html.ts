/** An arquero table as a report table (lib/report), so notebook tables read like the reports. */
import type { ColumnTable } from "arquero";
import { type Cell, renderHtmlTable } from "../report/table.ts";
import type { Html } from "../report/html.ts";

/**
 * Renders every row of an arquero table (or the first `limit`) with the report's table
 * style: numbers right-aligned to `digits` significant digits, booleans and other values
 * as text, null as empty.
 * @example
 * ```ts
 * import { table } from "arquero";
 * import { renderArqueroTable } from "./html.ts";
 * const html = renderArqueroTable(table({ band: ["a", "b"], rate: [0.25, null] }));
 * if (!String(html).includes("<td")) throw new Error(String(html));
 * ```
 */
export function renderArqueroTable(
  table: ColumnTable,
  options: { caption?: string; digits?: number; limit?: number } = {},
): Html {
  const columns = table.columnNames();
  // objects() follows the table's orderby; a plain scan would not always.
  const objects = table.objects(options.limit === undefined ? {} : { limit: options.limit });
  const rows: Cell[][] = objects.map((object) =>
    columns.map((name) => {
      const value = (object as Record<string, unknown>)[name];
      return value === null || value === undefined || typeof value === "number"
        ? value as Cell
        : String(value);
    })
  );
  return renderHtmlTable({ columns, rows, caption: options.caption, digits: options.digits });
}
