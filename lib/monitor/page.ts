/** The monitor page (reports/monitor/index.html): the window's checks as one table. */
import { badge, type Lineage, renderHtmlTable, renderPage } from "../report/mod.ts";
import type { MonitorStatus } from "./status.ts";

/**
 * The page's HTML.
 * @example
 * ```ts
 * import { renderMonitorPage } from "./page.ts";
 * const page = renderMonitorPage({
 *   formatVersion: 1, generatedAt: "2026-01-01T00:00:00Z", status: "ok",
 *   window: { source: "window.parquet", rows: 0 }, checks: [],
 * }, { generatedAt: "2026-01-01T00:00:00Z" });
 * if (!page.includes("Monitor")) throw new Error("expected the title");
 * ```
 */
export function renderMonitorPage(status: MonitorStatus, lineage: Lineage): string {
  const tone = (s: string) => s === "ok" ? "ok" : s === "alert" ? "alert" : undefined;
  const rows = status.checks.map((c) => [
    c.name,
    c.param,
    c.value,
    c.threshold,
    String(c.status),
    c.reason ?? "",
  ]);
  const w = status.window;
  return renderPage({
    title: "Monitor",
    subtitle: `${w.rows} rows from ${w.source}${w.from ? ` (${w.from} .. ${w.to})` : ""}`,
    lineage,
    nav: [{ href: "../drift/index.html", label: "Drift" }],
    sections: [{
      title: "Checks",
      note:
        "Each check of the latest window against its monitor.* threshold; skipped checks say why.",
      content: [
        badge(status.status === "alert" ? "ALERT" : "ok", tone(status.status)),
        renderHtmlTable({
          columns: ["check", "param", "value", "threshold", "status", "reason"],
          rows,
        }),
      ],
    }],
  });
}
