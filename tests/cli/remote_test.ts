import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { withTempDir } from "../temp_dir.ts";
import { freshClone, reproducedDiamond } from "../pipeline/remote/remote_fixture.ts";

/** Runs the CLI with console.log and console.error captured. */
async function cli(
  args: string[],
  root: string,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const code = await runCli(args, root);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

Deno.test("remote add, list and remove edit repro.config.yaml", async () => {
  await withTempDir(async (root) => {
    assert.equal((await cli(["remote", "add", "team", "/srv/cache", "--default"], root)).code, 0);
    assert.equal(
      (await cli(["remote", "add", "mine", "https://me:pw@dav.example/c", "--local"], root)).code,
      0,
    );
    const listed = await cli(["remote", "list", "--json"], root);
    assert.deepEqual(JSON.parse(listed.out), [
      {
        name: "mine",
        url: "https://***@dav.example/c",
        default: false,
        file: "repro.config.local.yaml",
      },
      { name: "team", url: "/srv/cache", default: true, file: "repro.config.yaml" },
    ]);
    assert.equal((await cli(["remote", "remove", "team"], root)).code, 0);
    assert.equal(await Deno.readTextFile(`${root}/repro.config.yaml`), "remotes: {}\n");
  });
});

Deno.test("push with no remote, an unknown remote or a bad URL exits 2 naming it", async () => {
  await withTempDir(async (root) => {
    const none = await cli(["push"], root);
    assert.deepEqual([none.code, none.err], [
      2,
      "No remote is configured: add one with `deno task remote add NAME URL`",
    ]);
    await cli(["remote", "add", "team", "/srv/cache"], root);
    const unknown = await cli(["pull", "--remote", "other"], root);
    assert.deepEqual([unknown.code, unknown.err], [2, 'Unknown remote "other" (configured: team)']);
    const bad = await cli(["remote", "add", "s3", "s3://bucket"], root);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /^Cannot add remote "s3": URL "s3:\/\/bucket": unsupported scheme "s3"/);
    const target = await cli(["push", "nope"], root);
    assert.deepEqual([target.code, target.err], [
      2,
      'Unknown target "nope": not a stage or out recorded in pipeline.lock',
    ]);
  });
});

Deno.test("push then pull through the CLI restores the outs of a fresh clone", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    await cli(["remote", "add", "team", remoteDir, "--default"], fx.root);
    const pushed = await cli(["push", "--jobs", "2"], fx.root);
    assert.equal(pushed.code, 0, pushed.err);
    assert.equal(
      pushed.out,
      `Pushed 4 objects to remote "team" (${remoteDir}) (0 already there), ` +
        "3 run-cache entries (0 already there)",
    );
    await using clone = await freshClone(fx);
    await Deno.copyFile(`${fx.root}/repro.config.yaml`, `${clone.root}/repro.config.yaml`);
    const pulled = await cli(["pull"], clone.root);
    assert.equal(pulled.code, 0, pulled.err);
    assert.match(pulled.out, /\nChecked out 3 outs; 0 already up to date$/);
    assert.equal(await clone.read("data/right.txt"), await fx.read("data/right.txt"));
  });
});

Deno.test("pull from an unreachable WebDAV remote exits 1 naming the remote and URL", async () => {
  await withTempDir(async (root) => {
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (listener.addr as Deno.NetAddr).port;
    listener.close();
    await Deno.writeTextFile(`${root}/pipeline.lock`, 'schema: "1"\nstages: {}\n');
    await cli(["remote", "add", "dav", `http://127.0.0.1:${port}/cache`], root);
    const result = await cli(["pull"], root);
    assert.equal(result.code, 1);
    assert.match(
      result.err,
      new RegExp(
        `^Cannot reach remote "dav" \\(http://127\\.0\\.0\\.1:${port}/cache\\): HEAD /cache/: connection refused`,
      ),
    );
    assert.equal(await Deno.stat(`${root}/.repro/cache`).then(() => true, () => false), false);
  });
});
