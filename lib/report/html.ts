/**
 * Escaped HTML fragments: the `html` tag escapes every interpolated value unless it is
 * already an {@link Html} fragment, so text from data can never inject markup.
 */

/** The symbol Deno's Jupyter kernel looks up to render an object as rich output. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for(
  "Jupyter.display",
) as typeof JUPYTER_DISPLAY;

/** A fragment of trusted markup. Notebooks display it inline (Jupyter display protocol). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
  /** Deno's Jupyter kernel renders objects with this method as rich output. */
  [JUPYTER_DISPLAY](): Record<string, string> {
    return { "text/html": this.value };
  }
}

/** A value the `html` tag accepts: text (escaped), markup, numbers, lists, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | HtmlValue[];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Trusts `markup` as HTML as is (for SVG from Plot and fragments built here). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/**
 * Builds markup from a template, escaping interpolated values; `false`, `null` and
 * `undefined` render as nothing, lists are joined.
 * @example
 * ```ts
 * import { html } from "./html.ts";
 * const name = "<b>";
 * const cell = html`<td class="name">${name}</td>`; // the name is escaped
 * if (!String(cell).includes("&lt;b&gt;")) throw new Error(`expected escaping, got ${cell}`);
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += renderValue(values[i]) + strings[i + 1];
  return new Html(out);
}

function renderValue(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}
