/** Tiny temporary pipelines for the runner's end-to-end tests. */
import { dirname, join } from "node:path";
import { repro, type ReproOptions, type ReproSummary } from "../../lib/pipeline/run/repro.ts";

/** A temporary repo with helpers to write files and run repro in it. */
export interface Fixture {
  root: string;
  write(path: string, text: string): Promise<void>;
  read(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
  /** Runs repro quietly; the lines it printed are in `output`. */
  repro(options?: ReproOptions): Promise<ReproSummary>;
  /** Lines printed by the last repro (runner messages and prefixed stage output). */
  output: string[];
  /** Stage names in the order they ran, from the runs.log the fixture stages append to. */
  runs(): Promise<string[]>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Creates a temporary repo holding the given files. */
export async function createFixture(files: Record<string, string>): Promise<Fixture> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-e2e-" });
  const fixture: Fixture = {
    root,
    output: [],
    async write(path, text) {
      await Deno.mkdir(dirname(join(root, path)), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    },
    read: (path) => Deno.readTextFile(join(root, path)),
    async exists(path) {
      try {
        await Deno.lstat(join(root, path));
        return true;
      } catch {
        return false;
      }
    },
    async repro(options = {}) {
      fixture.output = [];
      return await repro(root, {
        jobs: 2,
        log: (line) => fixture.output.push(line),
        sink: (_stream, line) => fixture.output.push(line),
        ...options,
      });
    },
    async runs() {
      if (!(await fixture.exists("runs.log"))) return [];
      return (await fixture.read("runs.log")).split("\n").filter((line) => line !== "");
    },
    async [Symbol.asyncDispose]() {
      await Deno.remove(root, { recursive: true });
    },
  };
  for (const [path, text] of Object.entries(files)) await fixture.write(path, text);
  return fixture;
}

/** Result of each stage of a summary, by stage name. */
export function results(summary: ReproSummary): Record<string, string> {
  return Object.fromEntries(summary.stages.map((s) => [s.stage, s.result]));
}

/**
 * gen → left, gen → right: gen copies input.txt into a directory out; left and right
 * each name their own param and write it into their out.
 */
export const DIAMOND_PIPELINE = `
params:
  gen: { n: 3 }
  left: { k: 1 }
  right: { k: 1 }
stages:
  gen:
    cmd:
      - echo gen >> runs.log
      - mkdir -p data/gen && cp input.txt data/gen/a.txt && echo n >> data/gen/b.txt
    deps: [input.txt]
    params: [gen.n]
    outs: [data/gen]
  left:
    cmd: echo left >> runs.log; cat data/gen/a.txt > data/left.txt; echo "$RISKPIPE_PARAMS" >> data/left.txt
    deps: [data/gen]
    params: [left.k]
    outs: [data/left.txt]
  right:
    cmd: echo right >> runs.log; cat data/gen/a.txt > data/right.txt; echo "$RISKPIPE_PARAMS" >> data/right.txt
    deps: [data/gen]
    params: [right.k]
    outs: [data/right.txt]
`;
