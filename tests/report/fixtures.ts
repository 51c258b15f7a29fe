/** Parsing of rendered markup for the report tests: a linkedom DOM, no regexes. */
import { parseHTML } from "linkedom";

/** A parsed fragment or page, with the queries the tests need. */
export interface Parsed {
  all(selector: string): Element[];
  one(selector: string): Element | null;
  text(): string;
}

// deno-lint-ignore no-explicit-any
type Element = any;

/** Parses an HTML page or an SVG/HTML fragment. */
export function parse(markup: string): Parsed {
  const page = markup.startsWith("<!doctype")
    ? markup
    : `<!doctype html><html><body>${markup}</body></html>`;
  const { document } = parseHTML(page) as unknown as { document: Element };
  return {
    all: (selector) => [...document.querySelectorAll(selector)] as Element[],
    one: (selector) => document.querySelector(selector),
    text: () => document.documentElement.textContent ?? "",
  };
}

/** The `d` attribute of every path. */
export function pathData(parsed: Parsed): string[] {
  return parsed.all("path").map((p) => p.getAttribute("d") ?? "");
}

/** Texts of the axis labels Plot draws (aria-label "x-axis label" etc.). */
export function axisLabels(parsed: Parsed): string[] {
  return parsed.all('g[aria-label$="-axis label"] text').map((t) => t.textContent ?? "");
}
