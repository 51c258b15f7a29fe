/**
 * The stage graph drawn three ways: a text tree for the terminal, a Mermaid flowchart
 * for Markdown, and Graphviz dot. Edges follow the data: `a -> b` means b uses an out of a.
 */
import type { StageGraph } from "./spec/graph.ts";

/** Options shared by the renderers. */
export interface DagOptions {
  /** Draw only these stages (e.g. a repro plan); all stages by default. */
  stages?: string[];
}

function selection(graph: StageGraph, options: DagOptions): string[] {
  if (options.stages === undefined) return graph.order;
  const wanted = new Set(options.stages);
  return graph.order.filter((name) => wanted.has(name));
}

function label(graph: StageGraph, name: string): string {
  return graph.stages.get(name)!.frozen ? `${name} [frozen]` : name;
}

/**
 * A tree from each source stage down; a stage reached a second time is marked
 * "(see above)" instead of being drawn again.
 * @example
 * ```ts
 * import { renderDagText } from "./dag.ts";
 * import { buildGraph, parsePipeline } from "./spec/mod.ts";
 * const text = "stages:\n  ingest:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n" +
 *   "  features:\n    cmd: cp a.txt b.txt\n    deps: [a.txt]\n    outs: [b.txt]\n";
 * const graph = buildGraph(parsePipeline(text, { exists: () => false }));
 * // ingest
 * // └─▶ features
 * if (!renderDagText(graph).includes("└─▶ features")) throw new Error(renderDagText(graph));
 * ```
 */
export function renderDagText(graph: StageGraph, options: DagOptions = {}): string {
  const names = selection(graph, options);
  const included = new Set(names);
  const drawn = new Set<string>();
  const lines: string[] = [];

  function draw(name: string, prefix: string, connector: string, childPrefix: string): void {
    if (drawn.has(name)) {
      lines.push(`${prefix}${connector}${label(graph, name)} (see above)`);
      return;
    }
    drawn.add(name);
    lines.push(`${prefix}${connector}${label(graph, name)}`);
    const children = graph.downstream(name).filter((child) => included.has(child));
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      draw(child, prefix + childPrefix, last ? "└─▶ " : "├─▶ ", last ? "    " : "│   ");
    });
  }

  for (const name of names) {
    const isSource = graph.upstream(name).every((parent) => !included.has(parent));
    if (isSource) draw(name, "", "", "");
  }
  return lines.length === 0 ? "(no stages)\n" : `${lines.join("\n")}\n`;
}

/**
 * A Mermaid flowchart, top to bottom.
 * @example
 * ```ts
 * import { renderDagMermaid } from "./dag.ts";
 * import { buildGraph, parsePipeline } from "./spec/mod.ts";
 * const text = "stages:\n  ingest:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n";
 * const mermaid = renderDagMermaid(buildGraph(parsePipeline(text, { exists: () => false })));
 * // 'flowchart TD\n  s0["ingest"]\n'
 * if (!mermaid.startsWith("flowchart TD")) throw new Error(mermaid);
 * ```
 */
export function renderDagMermaid(graph: StageGraph, options: DagOptions = {}): string {
  const names = selection(graph, options);
  const ids = new Map(names.map((name, i) => [name, `s${i}`]));
  const lines = ["flowchart TD"];
  for (const name of names) lines.push(`  ${ids.get(name)}["${label(graph, name)}"]`);
  for (const name of names) {
    for (const child of graph.downstream(name)) {
      if (ids.has(child)) lines.push(`  ${ids.get(name)} --> ${ids.get(child)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A Graphviz digraph, one box per stage.
 * @example
 * ```ts
 * import { renderDagDot } from "./dag.ts";
 * import { buildGraph, parsePipeline } from "./spec/mod.ts";
 * const text = "stages:\n  ingest:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n";
 * const dot = renderDagDot(buildGraph(parsePipeline(text, { exists: () => false })));
 * // 'digraph pipeline {\n  rankdir=TB;\n  …\n}\n'
 * if (!dot.startsWith("digraph pipeline {")) throw new Error(dot);
 * ```
 */
export function renderDagDot(graph: StageGraph, options: DagOptions = {}): string {
  const names = selection(graph, options);
  const included = new Set(names);
  const lines = ["digraph pipeline {", "  rankdir=TB;", "  node [shape=box];"];
  for (const name of names) {
    const style = graph.stages.get(name)!.frozen ? " [style=dashed]" : "";
    lines.push(`  "${name}"${style};`);
  }
  for (const name of names) {
    for (const child of graph.downstream(name)) {
      if (included.has(child)) lines.push(`  "${name}" -> "${child}";`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
