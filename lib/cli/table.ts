/** Aligned plain-text tables for the CLI's listings. */

/**
 * Renders a header and rows as columns separated by two spaces; columns listed in
 * `rightAligned` (numbers) are padded on the left.
 * @example
 * ```ts
 * import { renderTable } from "./table.ts";
 * const table = renderTable(["stage", "time"], [["train", "3.1 s"]], [1]);
 * if (!table.includes("train")) throw new Error(table);
 * ```
 */
export function renderTable(
  header: string[],
  rows: string[][],
  rightAligned: number[] = [],
): string {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) =>
      rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])
    )
      .join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
