/**
 * `plots show|diff`: the curves pipeline.yaml declares (`plots:`), read from the work
 * tree and from git revisions, rendered overlaid into one static HTML page.
 * @example
 * ```ts
 * import { collectPlots, renderPlotsPage } from "./mod.ts";
 * const plot = {
 *   name: "gains", file: "t.json", template: "gains" as const, x: "group",
 *   y: "cumulativeCapture", title: "Gains", xLabel: "Group", yLabel: "Captured",
 * };
 * const rows = JSON.stringify([{ group: 1, cumulativeCapture: 0.3 }, { group: 2, cumulativeCapture: 1 }]);
 * const side = { name: "workspace", read: () => Promise.resolve(new TextEncoder().encode(rows)) };
 * const page = renderPlotsPage(await collectPlots([plot], [side]), { generatedAt: "now" });
 * if (!page.includes("Gains")) throw new Error("expected the plot");
 * ```
 */
export { collectPlots, type PlotData, type PlotSide, selectPlots } from "./collect.ts";
export { PlotDataError, type PlotSeries, plotSeries } from "./rows.ts";
export { plotSection, renderPlotsPage } from "./render.ts";
