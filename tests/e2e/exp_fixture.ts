/** Tiny git-tracked pipelines for the experiment tests, and a fingerprint of a work tree. */
import { join } from "node:path";
import { hashFile } from "../../lib/pipeline/store/hash.ts";
import { git } from "../git_fixture.ts";
import { createFixture, type Fixture } from "./repro_fixture.ts";

/**
 * prep copies input.txt (no params); score writes metrics.json from param p.x; each
 * appends its name and working directory to the file named by $EXP_RUNS_LOG, which lies
 * outside every workspace. The variable is set once per test process (test files run in
 * parallel share the environment), and each fixture reads the lines of its own tree.
 */
export const EXP_PIPELINE = `params:
  p:
    x: 1 # the knob
    y: a
stages:
  prep:
    cmd: cat input.txt > prep.txt; echo "prep $PWD" >> "$EXP_RUNS_LOG"
    deps: [input.txt]
    outs: [prep.txt]
  score:
    cmd: >-
      echo "$RISKPIPE_PARAMS" | sed -E 's/.*"x":([0-9.]+).*/{"score": \\1}/' > metrics.json;
      echo "score $PWD" >> "$EXP_RUNS_LOG"
    deps: [prep.txt]
    params: [p.x]
    metrics: [metrics.json]
`;

/** A committed fixture repo holding `files`, with $EXP_RUNS_LOG pointed into a temp dir. */
export async function createExpFixture(
  files: Record<string, string>,
): Promise<Fixture & { runsLog: string; runs(): Promise<string[]> }> {
  const fx = await createFixture({
    ...files,
    ".gitignore": "/.repro/\n/data/\nprep.txt\nmetrics.json\npipeline.lock\n",
  });
  await git(fx.root, "init", "-q");
  await git(fx.root, "add", "-A");
  await git(fx.root, "commit", "-q", "-m", "fixture");
  const runsLog = sharedRunsLog();
  return Object.assign(fx, {
    runsLog,
    async runs() {
      const text = await Deno.readTextFile(runsLog).catch(() => "");
      return text.split("\n").flatMap((line) => {
        const space = line.indexOf(" ");
        const dir = line.slice(space + 1);
        const mine = dir === fx.root || dir.startsWith(`${fx.root}/`);
        return space > 0 && mine ? [line.slice(0, space)] : [];
      });
    },
  });
}

/**
 * SHA-256 of every file and the target of every symlink under `root`, by relative path,
 * leaving out `.git/`, `.repro/` and the runs log.
 */
export async function treeFingerprint(root: string, dir = ""): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(root, dir))) {
    const path = dir === "" ? entry.name : `${dir}/${entry.name}`;
    if ([".git", ".repro", ".repro-test-runs.log"].includes(path)) continue;
    if (entry.isSymlink) result[path] = `-> ${await Deno.readLink(join(root, path))}`;
    else if (entry.isDirectory) Object.assign(result, await treeFingerprint(root, path));
    else result[path] = await hashFile(join(root, path));
  }
  return result;
}

/** The one runs log of this test process, made on first use. */
function sharedRunsLog(): string {
  let path = Deno.env.get("EXP_RUNS_LOG");
  if (path === undefined) {
    path = join(Deno.makeTempDirSync({ prefix: "riskpipe-exp-runs-" }), "runs.log");
    Deno.env.set("EXP_RUNS_LOG", path);
  }
  return path;
}
