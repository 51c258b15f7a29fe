/**
 * Static HTML reports: Observable Plot rendered server-side (linkedom) into inline SVG,
 * pages with a lineage header and readable tables, everything escaped and inlined so a
 * page reads offline and can be published as is. Used by evaluate, drift and notebooks.
 *
 * @example
 * import { curvesPlot, renderPage, renderPlot } from "../lib/report/mod.ts";
 * const page = renderPage({
 *   title: "Evaluation",
 *   lineage: { modelVersion: "candidate", generatedAt: new Date().toISOString() },
 *   sections: [{ title: "ROC curve", content: [renderPlot(curvesPlot({ … }))] }],
 * });
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
