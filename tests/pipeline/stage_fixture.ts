/** Hand-made stages for graph, plan and dag tests. */
import type { StageSpec } from "../../lib/pipeline/spec/types.ts";

/** A stage named `name` that echoes its name, with the given deps and (cached) outs. */
export function stage(name: string, deps: string[], outs: string[]): StageSpec {
  return {
    name,
    cmd: [`echo ${name}`],
    deps,
    params: [],
    outs: outs.map((path) => ({ path, cache: true, persist: false, kind: "out" as const })),
    alwaysChanged: false,
    frozen: false,
  };
}
