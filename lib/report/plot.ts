/** Observable Plot rendered without a browser: a linkedom document stands in for the DOM. */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { Html, raw } from "./html.ts";

/** The DOM document type Plot builds in (linkedom's stands in for the browser's). */
export type PlotDocument = NonNullable<Plot.PlotOptions["document"]>;

let shared: PlotDocument | undefined;

/** A server-side `document` (linkedom) that Plot can build its SVG in. */
export function serverDocument(): PlotDocument {
  if (shared) return shared;
  const window = parseHTML("<!doctype html><html><head></head><body></body></html>") as unknown as {
    document: PlotDocument;
  };
  shared ??= window.document;
  return shared;
}

/**
 * Renders a Plot specification to inline SVG markup (a `<figure>` when Plot adds a
 * legend or caption). Throws when any path has non-finite coordinates.
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { renderPlot } from "./plot.ts";
 * const svg = renderPlot({ marks: [Plot.lineY([1, 3, 2])], y: { label: "Rate (%)" } });
 * if (!String(svg).includes("<svg")) throw new Error("expected an SVG");
 * ```
 */
export function renderPlot(options: Plot.PlotOptions): Html {
  const node = Plot.plot({ ...options, document: serverDocument() });
  const markup = (node as unknown as { outerHTML: string }).outerHTML;
  if (/\bd="[^"]*NaN/.test(markup)) {
    throw new RangeError("Cannot render plot: a path has NaN coordinates");
  }
  return raw(markup);
}
