import assert from "node:assert/strict";
import { objectRelPath, openCache } from "../../lib/pipeline/store/cache.ts";
import { hashBytes } from "../../lib/pipeline/store/hash.ts";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { STAT_CACHE_FILE } from "../../lib/pipeline/store/stat_cache.ts";
import { untilCtimeTicksPast } from "../pipeline/ctime_tick.ts";
import { createFixture, results } from "./repro_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/** `status` in a fresh process, so it reads the stat cache from disk. */
async function statusCli(root: string): Promise<string> {
  const { stdout } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, "status"],
    cwd: root,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  return new TextDecoder().decode(stdout);
}

/**
 * Stamps every stat cache entry as hashed a minute later, as if the edit below came long
 * after the run: the out is no longer "racy", so only its stat can reveal the edit.
 */
async function ageStatCache(root: string): Promise<void> {
  const path = `${root}/${STAT_CACHE_FILE}`;
  const doc = JSON.parse(await Deno.readTextFile(path));
  for (const entry of Object.values(doc.entries) as number[][]) entry[4] += 60_000;
  await Deno.writeTextFile(path, JSON.stringify(doc));
}

const REPORT_PIPELINE = `
stages:
  validate:
    cmd: mkdir -p reports && cp input.txt reports/raw.json
    deps: [input.txt]
    outs: [reports/raw.json]
`;

Deno.test("an out edited in place and touch -r'd back is reported modified, its cache object intact", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": REPORT_PIPELINE,
    "input.txt": '{"ok":true}\n',
  });
  assert.deepEqual(results(await fx.repro()), { validate: "ran" });
  assert.equal(await statusCli(fx.root), "Everything is up to date\n");
  await ageStatCache(fx.root);
  const out = `${fx.root}/reports/raw.json`;
  const before = await Deno.stat(out);
  const hash = (await readLock(fx.root)).stages.validate.outs[0].hash;
  assert.equal(hash, hashBytes('{"ok":true}\n'));

  await untilCtimeTicksPast(fx.root, before.ctime!.getTime());
  // Same size, same mtime: only the bytes (and the ctime) change, as `touch -r` leaves it.
  using file = await Deno.open(out, { write: true });
  await file.write(new TextEncoder().encode('{"ok":null}'));
  await Deno.utime(out, before.atime!, before.mtime!);

  assert.equal(await statusCli(fx.root), 'validate:\n  out "reports/raw.json" modified\n');
  const object = await openCache(fx.root).readFileObject(hash);
  assert.equal(new TextDecoder().decode(object), '{"ok":true}\n');
  assert.notEqual((await Deno.stat(`${fx.root}/${objectRelPath(hash)}`)).ino, before.ino);

  assert.deepEqual(results(await fx.repro()), { validate: "restored" });
  assert.equal(await fx.read("reports/raw.json"), '{"ok":true}\n');
});
