import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/params.ts";
import { git } from "../git_fixture.ts";

const YAML_V1 = `params:
  data: { seed: 42 }
  train: { eta: 0.1, depth: 6 }
stages:
  train:
    cmd: echo train
    params: [train.eta]
`;

const LOCK_V1 = `schema: "1"
stages:
  train:
    cmd: [echo train]
    deps: []
    params: { train.eta: 0.1 }
    outs: []
`;

/** A git repo whose HEAD holds YAML_V1 and LOCK_V1. */
async function repo(): Promise<string> {
  const root = await Deno.makeTempDir();
  await git(root, "init", "-q");
  await Deno.writeTextFile(join(root, "pipeline.yaml"), YAML_V1);
  await Deno.writeTextFile(join(root, "pipeline.lock"), LOCK_V1);
  await git(root, "add", "pipeline.yaml", "pipeline.lock");
  await git(root, "commit", "-q", "-m", "v1");
  return root;
}

async function run(root: string, args: string[]): Promise<{ code: number; out: string }> {
  const log = console.log;
  const lines: string[] = [];
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    const code = await main(args, root);
    return { code, out: lines.join("\n") };
  } finally {
    console.log = log;
  }
}

async function withRepo(test: (root: string) => Promise<void>): Promise<void> {
  const root = await repo();
  try {
    await test(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("params diff with no changes says so", () =>
  withRepo(async (root) => {
    assert.deepEqual(await run(root, ["diff"]), { code: 0, out: "No param changes against HEAD" });
  }));

Deno.test("params diff shows an edited, an added and a removed param", () =>
  withRepo(async (root) => {
    await Deno.writeTextFile(
      join(root, "pipeline.yaml"),
      YAML_V1.replace("eta: 0.1, depth: 6", "eta: 0.05, rounds: 100"),
    );
    assert.deepEqual(await run(root, ["diff"]), {
      code: 0,
      out: [
        "param         HEAD  workspace",
        "------------  ----  ----------------",
        "train.depth   6     —",
        "train.eta     0.1   0.05 (lock: 0.1)",
        "train.rounds  —     100",
      ].join("\n"),
    });
  }));

Deno.test("params diff shows a --set-param experiment recorded only in the lock", () =>
  withRepo(async (root) => {
    await Deno.writeTextFile(
      join(root, "pipeline.lock"),
      LOCK_V1.replace("train.eta: 0.1", "train.eta: 0.05"),
    );
    const { out } = await run(root, ["diff", "--json"]);
    assert.deepEqual(JSON.parse(out).params, [{
      key: "train.eta",
      old: 0.1,
      new: 0.1,
      newLock: 0.05,
    }]);
  }));

Deno.test("params diff --all lists unchanged params too", () =>
  withRepo(async (root) => {
    const { out } = await run(root, ["diff", "--all", "--json"]);
    const parsed = JSON.parse(out);
    assert.equal(parsed.rev, "HEAD");
    assert.match(parsed.commit, /^[0-9a-f]{40}$/);
    assert.deepEqual(parsed.params, [
      { key: "data.seed", old: 42, new: 42 },
      { key: "train.depth", old: 6, new: 6 },
      { key: "train.eta", old: 0.1, new: 0.1 },
    ]);
  }));

Deno.test("params diff against an older revision compares with its files", () =>
  withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "pipeline.yaml"), YAML_V1.replace("seed: 42", "seed: 7"));
    await git(root, "commit", "-q", "-am", "v2");
    assert.deepEqual(await run(root, ["diff", "HEAD~1"]), {
      code: 0,
      out: [
        "param      HEAD~1  workspace",
        "---------  ------  ---------",
        "data.seed  42      7",
      ].join("\n"),
    });
  }));

Deno.test("params diff treats a revision without pipeline.yaml as having no params", () =>
  withRepo(async (root) => {
    await git(root, "rm", "-q", "--cached", "pipeline.yaml", "pipeline.lock");
    await git(root, "commit", "-q", "-m", "untrack");
    const { out } = await run(root, ["diff", "--json"]);
    assert.deepEqual(JSON.parse(out).params.map((change: { key: string }) => change.key), [
      "data.seed",
      "train.depth",
      "train.eta",
    ]);
  }));

Deno.test("params diff names an unknown revision", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["diff", "nope"]), {
      name: "PipelineError",
      message: 'Cannot read git revision "nope": not a commit of this repository',
    });
  }));

Deno.test("params without the diff subcommand is a usage error", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["show"]), { name: "UsageError" });
  }));
