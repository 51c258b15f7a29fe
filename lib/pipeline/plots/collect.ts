/**
 * The data of the declared plots across sides (the work tree and git revisions), read
 * through each side's file reader: the work tree from disk, a revision by its lock hash
 * from the cache or from git (lib/pipeline/revision_out.ts).
 */
import type { PlotSpec } from "../spec/plots.ts";
import { PlotDataError, type PlotSeries, plotSeries } from "./rows.ts";

/** Where one revision's files come from. */
export interface PlotSide {
  /** "workspace" or the revision as the user named it. */
  name: string;
  read(path: string): Promise<Uint8Array | undefined>;
}

/** A plot with its lines from every side, in side order. */
export interface PlotData {
  plot: PlotSpec;
  series: PlotSeries[];
}

/**
 * Picks the plots named by `targets` (all when empty); an unknown name is an error
 * listing the declared ones.
 */
export function selectPlots(plots: PlotSpec[], targets: string[]): PlotSpec[] {
  if (plots.length === 0) {
    throw new PlotDataError("Cannot show plots: pipeline.yaml declares none (add plots:)");
  }
  if (targets.length === 0) return plots;
  return targets.map((target) => {
    const plot = plots.find((p) => p.name === target || p.file === target);
    if (plot === undefined) {
      throw new PlotDataError(
        `Cannot show plot "${target}": not declared in pipeline.yaml (plots: ${
          plots.map((p) => p.name).join(", ")
        })`,
      );
    }
    return plot;
  });
}

/**
 * Reads every plot at every side. With one side the legend names the series field's
 * values; with several, the revision (and the series value when the plot has one).
 * A plot file missing at a side is an error naming the plot, the file and the side.
 */
export async function collectPlots(plots: PlotSpec[], sides: PlotSide[]): Promise<PlotData[]> {
  const files = new Map<string, Promise<Uint8Array | undefined>>();
  const read = (side: PlotSide, path: string) => {
    const key = `${side.name}\u0000${path}`;
    if (!files.has(key)) files.set(key, side.read(path));
    return files.get(key)!;
  };
  const data: PlotData[] = [];
  for (const plot of plots) {
    const series: PlotSeries[] = [];
    for (const side of sides) {
      const bytes = await read(side, plot.file);
      if (bytes === undefined) {
        throw new PlotDataError(
          `Cannot read plot "${plot.name}": file "${plot.file}" is missing at ${side.name}${
            side.name === "workspace" ? " (run deno task repro)" : ""
          }`,
        );
      }
      const label = sides.length === 1 ? "series" : plot.series === undefined ? "revision" : "both";
      series.push(...plotSeries(plot, bytes, side.name, { label }));
    }
    data.push({ plot, series });
  }
  return data;
}
