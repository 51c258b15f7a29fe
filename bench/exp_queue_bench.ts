/**
 * `exp queue status` with 10,000 queued experiments (`deno bench -A bench/exp_queue_bench.ts`):
 * the whole command spawned as `deno run -A lib/cli/main.ts exp queue status` in a tiny
 * git-tracked pipeline whose queue holds a 100 × 100 grid, so Deno start-up counts. Target:
 * ≤ 1 s (DVC's queue slows past a few thousand entries). Output goes to /dev/null.
 */
import { queueExperiments } from "../lib/pipeline/experiments/queue.ts";
import { foldJournal } from "../lib/pipeline/experiments/journal.ts";

const MAIN = new URL("../lib/cli/main.ts", import.meta.url).pathname;
const PIPELINE = `params:
  p: { x: 0, y: 0 }
stages:
  score:
    cmd: echo "$RISKPIPE_PARAMS" > score.json
    params: [p.x, p.y]
    outs: [score.json]
`;

async function git(root: string, ...args: string[]): Promise<void> {
  const output = await new Deno.Command("git", {
    args: ["-C", root, "-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args],
    stdout: "null",
    stderr: "null",
  }).output();
  if (!output.success) throw new Error(`git ${args.join(" ")} failed`);
}

const root = await Deno.makeTempDir({ prefix: "riskpipe-exp-bench-" });
globalThis.addEventListener("unload", () => Deno.removeSync(root, { recursive: true }));
await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
await Deno.writeTextFile(`${root}/.gitignore`, "/.repro/\nscore.json\npipeline.lock\n");
await git(root, "init", "-q");
await git(root, "add", "-A");
await git(root, "commit", "-q", "-m", "bench");
const values = Array.from({ length: 100 }, (_, i) => i).join(",");
await queueExperiments(root, { grid: [`p.x=${values}`, `p.y=${values}`] });
const queued = [...(await foldJournal(root)).values()].filter((e) => e.status === "queued");
if (queued.length !== 10_000) throw new Error(`expected 10000 queued, got ${queued.length}`);

async function status(json: boolean): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "exp", "queue", "status", ...(json ? ["--json"] : [])],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
}

// `async fn`: Deno.bench awaits only an async function, not one that returns a promise.
Deno.bench({
  name: "exp queue status, 10,000 queued",
  n: 5,
  warmup: 1,
  async fn() {
    await status(false);
  },
});
Deno.bench({
  name: "exp queue status --json, 10,000 queued",
  n: 5,
  warmup: 1,
  async fn() {
    await status(true);
  },
});
