/**
 * The stage graph: stage B depends on stage A when a dep of B equals, lies inside or
 * contains an out of A. Built once from a validated PipelineSpec; every query is a
 * map look-up.
 */
import { PipelineError, type PipelineProblem } from "./errors.ts";
import { createPathIndex } from "./repo_path.ts";
import type { PipelineSpec, StageSpec } from "./types.ts";

/** The stages of a pipeline and the edges between them. */
export interface StageGraph {
  spec: PipelineSpec;
  stages: Map<string, StageSpec>;
  /** Topological order; file order breaks ties. */
  order: string[];
  /** Stages this one directly depends on, in file order. */
  upstream(name: string): string[];
  /** Stages directly depending on this one, in file order. */
  downstream(name: string): string[];
  /** The stage whose out equals or contains `path` (else the first whose out lies inside it). */
  producerOf(path: string): string | undefined;
}

/** Direct upstream and downstream stage names of every stage, in file order. */
export interface StageEdges {
  upstream: Map<string, string[]>;
  downstream: Map<string, string[]>;
}

/** Computes the edges between stages from their deps and outs (self-overlaps are ignored). */
export function computeEdges(stages: readonly StageSpec[]): StageEdges {
  const position = new Map(stages.map((stage, i) => [stage.name, i]));
  const outs = createPathIndex(
    stages.flatMap((stage) => stage.outs.map((out) => [out.path, stage.name] as const)),
  );
  const upstreamSets = new Map<string, Set<string>>();
  const downstreamSets = new Map<string, Set<string>>();
  for (const stage of stages) {
    upstreamSets.set(stage.name, new Set());
    downstreamSets.set(stage.name, new Set());
  }
  for (const stage of stages) {
    for (const dep of stage.deps) {
      for (const match of outs.overlapping(dep)) {
        if (match.value === stage.name) continue;
        upstreamSets.get(stage.name)!.add(match.value);
        downstreamSets.get(match.value)!.add(stage.name);
      }
    }
  }
  const inFileOrder = (names: Set<string>) =>
    [...names].sort((a, b) => position.get(a)! - position.get(b)!);
  return {
    upstream: new Map([...upstreamSets].map(([name, set]) => [name, inFileOrder(set)])),
    downstream: new Map([...downstreamSets].map(([name, set]) => [name, inFileOrder(set)])),
  };
}

/**
 * Finds one cycle per strongly connected group of stages, each as a path that starts
 * and ends at its first stage in file order, following the data: `a -> b` means b uses
 * an out of a.
 */
export function findCycles(stageNames: readonly string[], edges: StageEdges): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  function connect(name: string): void {
    index.set(name, counter);
    low.set(name, counter);
    counter++;
    stack.push(name);
    onStack.add(name);
    for (const next of edges.downstream.get(name) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(name, Math.min(low.get(name)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(name, Math.min(low.get(name)!, index.get(next)!));
      }
    }
    if (low.get(name) === index.get(name)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== name);
      if (component.length > 1) components.push(component);
    }
  }

  for (const name of stageNames) if (!index.has(name)) connect(name);

  const position = new Map(stageNames.map((name, i) => [name, i]));
  return components
    .map((component) => {
      const members = new Set(component);
      const start = component.reduce((a, b) => position.get(a)! < position.get(b)! ? a : b);
      return shortestCycle(start, members, edges);
    })
    .sort((a, b) => position.get(a[0])! - position.get(b[0])!);
}

function shortestCycle(start: string, members: Set<string>, edges: StageEdges): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const name = queue[head];
    for (const next of edges.downstream.get(name) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = name; at !== start; at = previous.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, name);
        queue.push(next);
      }
    }
  }
  throw new RangeError(`Cannot trace cycle from stage "${start}": no path back to it`);
}

/** The problem reported for a cycle, on its first stage's deps. */
export function cycleProblem(cycle: string[]): PipelineProblem {
  return {
    stage: cycle[0],
    field: "deps",
    rule: "cycle",
    detail: `stages form a cycle: ${cycle.join(" -> ")}`,
  };
}

function topologicalOrder(stageNames: readonly string[], edges: StageEdges): string[] {
  const position = new Map(stageNames.map((name, i) => [name, i]));
  const waiting = new Map(stageNames.map((name) => [name, edges.upstream.get(name)!.length]));
  // Ready stages kept sorted by file position, so file order breaks ties.
  const ready = stageNames.filter((name) => waiting.get(name) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const name = ready.shift()!;
    order.push(name);
    for (const next of edges.downstream.get(name)!) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) {
        const at = position.get(next)!;
        let i = ready.length;
        while (i > 0 && position.get(ready[i - 1])! > at) i--;
        ready.splice(i, 0, next);
      }
    }
  }
  return order;
}

const graphs = new WeakMap<PipelineSpec, StageGraph>();

/**
 * `buildGraph(spec)` built once per spec object: the loader checks the cached spec with
 * it and repro, status and the CLI walk it, so a 1,000-stage no-op builds it once. The
 * spec must not be mutated after (specs are plain data read from the loader).
 */
export function stageGraphOf(spec: PipelineSpec): StageGraph {
  let graph = graphs.get(spec);
  if (graph === undefined) {
    graph = buildGraph(spec);
    graphs.set(spec, graph);
  }
  return graph;
}

/**
 * Builds the stage graph of a validated spec; a cycle is a PipelineError naming its path.
 * @example
 * ```ts
 * import { buildGraph } from "./graph.ts";
 * import { parsePipeline } from "./load.ts";
 * const text = "stages:\n  ingest:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n" +
 *   "  features:\n    cmd: cp a.txt b.txt\n    deps: [a.txt]\n    outs: [b.txt]\n";
 * const graph = buildGraph(parsePipeline(text, { exists: () => false }));
 * if (graph.order.join() !== "ingest,features") throw new Error(`got ${graph.order}`);
 * ```
 */
export function buildGraph(spec: PipelineSpec): StageGraph {
  const stages = new Map(spec.stages.map((stage) => [stage.name, stage]));
  const names = spec.stages.map((stage) => stage.name);
  const edges = computeEdges(spec.stages);
  const cycles = findCycles(names, edges);
  if (cycles.length > 0) {
    throw new PipelineError("Cannot build the stage graph", cycles.map(cycleProblem));
  }
  const order = topologicalOrder(names, edges);
  const position = new Map(names.map((name, i) => [name, i]));
  const outs = createPathIndex(
    spec.stages.flatMap((stage) => stage.outs.map((out) => [out.path, stage.name] as const)),
  );

  function known(name: string): void {
    if (!stages.has(name)) {
      throw new PipelineError("Cannot read the stage graph", [{
        rule: "unknown_stage",
        detail: `unknown stage "${name}"`,
      }]);
    }
  }

  return {
    spec,
    stages,
    order,
    upstream(name) {
      known(name);
      return edges.upstream.get(name)!;
    },
    downstream(name) {
      known(name);
      return edges.downstream.get(name)!;
    },
    producerOf(path) {
      const matches = outs.overlapping(path);
      const holder = matches.find((match) => match.overlap !== "contains");
      if (holder) return holder.value;
      const inside = matches.map((match) => match.value);
      return inside.sort((a, b) => position.get(a)! - position.get(b)!)[0];
    },
  };
}
