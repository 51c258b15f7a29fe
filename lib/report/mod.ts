/**
 * Static HTML reports: Observable Plot rendered server-side (linkedom) into inline SVG,
 * pages with a lineage header and readable tables, everything escaped and inlined so a
 * page reads offline and can be published as is. Used by evaluate, drift and notebooks.
 *
 * @example
 * ```ts
 * import { curvesPlot, renderPage, renderPlot } from "./mod.ts";
 * const page = renderPage({
 *   title: "Evaluation",
 *   lineage: { modelVersion: "candidate", generatedAt: "2026-01-01T00:00:00Z" },
 *   sections: [{
 *     title: "ROC",
 *     content: [renderPlot(curvesPlot({
 *       series: [{ name: "GBDT", x: [0, 0.5, 1], y: [0, 0.8, 1] }],
 *       x: { label: "False positive rate" },
 *       y: { label: "True positive rate" },
 *     }))],
 *   }],
 * });
 * if (!page.includes("ROC")) throw new Error("expected the ROC section");
 * ```
 */
export { escapeHtml, Html, html, type HtmlValue, JUPYTER_DISPLAY, raw } from "./html.ts";
export { type PlotDocument, renderPlot, serverDocument } from "./plot.ts";
export { type Cell, formatNumber, type HtmlTableOptions, renderHtmlTable } from "./table.ts";
export { flattenParams, type Lineage, renderLineage } from "./lineage.ts";
export {
  badge,
  figure,
  grid,
  type PageOptions,
  type PageScript,
  type PageSection,
  paragraph,
  renderPage,
  renderSection,
  slug,
} from "./page.ts";
export { REPORT_CSS } from "./style.ts";
export * from "./charts/mod.ts";
