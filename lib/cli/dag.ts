/**
 * `dag [targets…] [--mermaid | --dot] [--downstream]`: the stage graph, whole or cut to
 * the targets and what comes before (or, with --downstream, after) them.
 */
import { renderDagDot, renderDagMermaid, renderDagText } from "../pipeline/dag.ts";
import { stageGraphOf } from "../pipeline/spec/graph.ts";
import { planRepro } from "../pipeline/run/plan.ts";
import { loadPipelineCached } from "../pipeline/run/load_cached.ts";
import { parseArgs, UsageError } from "./args.ts";

/** Usage text of the dag command. */
export const DAG_USAGE = `Usage: deno task dag [targets…] [--mermaid | --dot] [--downstream]

Prints the stage graph as a text tree (default), a Mermaid flowchart or Graphviz dot.
With targets, only them and the stages upstream of them (downstream with --downstream).
  --mermaid     a Mermaid flowchart instead of the text tree
  --dot         Graphviz dot instead of the text tree
  --downstream  with targets: them and every stage downstream (default: upstream)
  -h, --help    print this help`;

/** Runs `dag <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("dag", args, {
    booleans: ["mermaid", "dot", "downstream", "help"],
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(DAG_USAGE);
    return 0;
  }
  if (parsed.booleans.has("mermaid") && parsed.booleans.has("dot")) {
    throw new UsageError("Flags --mermaid and --dot cannot be used together");
  }
  const graph = stageGraphOf(await loadPipelineCached(root));
  const targets = parsed.positional;
  const stages = targets.length === 0
    ? undefined
    : planRepro(graph, targets, { downstream: parsed.booleans.has("downstream") });
  const render = parsed.booleans.has("mermaid")
    ? renderDagMermaid
    : parsed.booleans.has("dot")
    ? renderDagDot
    : renderDagText;
  console.log(render(graph, { stages }).trimEnd());
  return 0;
}
