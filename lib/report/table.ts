/** Readable HTML tables: a header row, right-aligned numbers, optional per-cell classes. */
import { Html, html, type HtmlValue } from "./html.ts";

/** A table cell: plain text/number, or markup (e.g. a badge or a link). */
export type Cell = string | number | null | undefined | Html;

/** Options of {@link renderHtmlTable}. */
export interface HtmlTableOptions {
  columns: string[];
  rows: Cell[][];
  caption?: string;
  /** Significant digits for non-integer numbers (default 4). */
  digits?: number;
  /** A class for each row (e.g. "fail" to highlight it). */
  rowClass?: (row: Cell[], index: number) => string | undefined;
}

/** Formats a number for a table: integers with thousands separators, others to `digits`. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "–" : String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e9)) {
    return value.toExponential(digits - 1);
  }
  return Number(value.toPrecision(digits)).toString();
}

/**
 * An HTML table; every text cell is escaped.
 * @example
 * ```ts
 * import { renderHtmlTable } from "./table.ts";
 * const table = renderHtmlTable({ columns: ["model", "AUC"], rows: [["gbdt", 0.7612]] });
 * if (!String(table).includes("gbdt")) throw new Error("expected the row");
 * ```
 */
export function renderHtmlTable(options: HtmlTableOptions): Html {
  const digits = options.digits ?? 4;
  const body = options.rows.map((row, index) => {
    if (row.length !== options.columns.length) {
      throw new RangeError(
        `Cannot render table row ${index}: it has ${row.length} cells, the header ${options.columns.length}`,
      );
    }
    const cells = row.map((cell) => renderCell(cell, digits));
    return html`<tr class="${options.rowClass?.(row, index)}">${cells}</tr>`;
  });
  return html`
    <div class="table-wrap">
      <table>${options.caption
        ? html`<caption>${options.caption}</caption>`
        : ""}<thead><tr>${options.columns.map((c) =>
          html`<th>${c}</th>`
        )}</tr></thead><tbody>${body}</tbody></table>
    </div>
  `;
}

function renderCell(cell: Cell, digits: number): HtmlValue {
  if (typeof cell === "number") return html`<td class="num">${formatNumber(cell, digits)}</td>`;
  if (cell === null || cell === undefined) return html`<td class="empty">–</td>`;
  return html`<td>${cell}</td>`;
}
