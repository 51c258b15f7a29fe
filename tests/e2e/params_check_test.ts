import assert from "node:assert/strict";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

const PIPELINE = `params:
  train:
    seed: 11
    gbdt: { max_depth: 4, learning_rate: 0.05 }
stages:
  train:
    cmd: echo ran >> runs.log; echo model > model.txt
    params: [train]
    outs: [model.txt]
`;

async function runCli(root: string, args: string[]) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

async function withRepo(test: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
    await test(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function ran(root: string): Promise<boolean> {
  return await Deno.stat(`${root}/runs.log`).then(() => true, () => false);
}

Deno.test("repro --dry refuses bad params with every problem, exit 2 and no stack", () =>
  withRepo(async (root) => {
    const result = await runCli(root, [
      "repro",
      "--dry",
      "-S",
      "train.gbdt.max_depth=-1",
      "-S",
      "train.gbdt.learning_rate=abc",
    ]);
    assert.deepEqual(result, {
      code: 2,
      stdout: "",
      stderr: [
        "Invalid params: 2 problems",
        "  - Invalid param train.gbdt.max_depth (from --set-param): must be an integer ≥ 0 and ≤ 30, got -1",
        '  - Invalid param train.gbdt.learning_rate (from --set-param): must be a number > 0 and ≤ 1, got "abc"',
        "",
      ].join("\n"),
    });
  }));

Deno.test("repro refuses a bad param in pipeline.yaml before any stage runs", () =>
  withRepo(async (root) => {
    await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE.replace("seed: 11", "seed: 1.5"));
    const result = await runCli(root, ["repro"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, "Invalid param train.seed: must be an integer, got 1.5\n");
    assert.equal(await ran(root), false);
  }));

Deno.test("an unknown --set-param key blames the flag and suggests the nearest key", () =>
  withRepo(async (root) => {
    const result = await runCli(root, ["repro", "-S", "train.gbdt.max_dept=6"]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "Cannot apply --set-param: unknown param train.gbdt.max_dept: did you mean train.gbdt.max_depth?\n",
    );
  }));

Deno.test("repro with a mistyped stage names the nearest stage", () =>
  withRepo(async (root) => {
    const result = await runCli(root, ["repro", "trian"]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      'Cannot plan repro: "trian" is neither a stage nor an out of one, did you mean "train"?\n',
    );
  }));

Deno.test("status checks params too", () =>
  withRepo(async (root) => {
    const result = await runCli(root, ["status", "-S", "train.gbdt.learning_rate=0"]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "Invalid param train.gbdt.learning_rate (from --set-param): must be a number > 0 and ≤ 1, got 0\n",
    );
  }));

Deno.test("valid params run, and a second run is served by the check's record", () =>
  withRepo(async (root) => {
    const first = await runCli(root, ["repro"]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(await ran(root), true);
    const record = `${root}/.repro/params-check.json`;
    const written = (await Deno.stat(record)).mtime?.getTime();
    assert.equal((await runCli(root, ["status"])).code, 0);
    assert.equal((await Deno.stat(record)).mtime?.getTime(), written);
  }));
