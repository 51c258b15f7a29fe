import assert from "node:assert/strict";
import { join } from "node:path";
import {
  GENESIS_HASH,
  HISTORY_FILE,
  listVersions,
  readRegistryState,
  resolveAlias,
  setAlias,
  TamperedHistoryError,
} from "../../lib/registry/mod.ts";
import { championState } from "../../lib/registry/champion.ts";
import { chainEntry } from "../../lib/registry/history.ts";
import { registryWith } from "./registry_fixture.ts";

const now = new Date("2026-02-03T04:05:06Z");

/** A registry with four moves of @champion over three versions. */
async function fourMoves() {
  const fx = await registryWith([true, true, true]);
  for (const version of ["v0001", "v0002", "v0003", "v0001"]) {
    await setAlias(fx.root, "champion", version, { reason: `ship ${version}`, by: "bob", now });
  }
  const path = join(fx.root, HISTORY_FILE);
  const lines = (await Deno.readTextFile(path)).split("\n").slice(0, -1);
  const write = (changed: string[]) => Deno.writeTextFile(path, changed.join("\n") + "\n");
  return { fx, path, lines, write };
}

async function refused(root: string, path: string, line: number, pattern: RegExp) {
  await assert.rejects(() => readRegistryState(root), (error: unknown) => {
    assert.ok(error instanceof TamperedHistoryError, String(error));
    assert.equal(error.line, line);
    assert.ok(error.message.startsWith(`Cannot read ${path}: line ${line} `), error.message);
    assert.match(error.message, pattern);
    return true;
  });
  // Every reader refuses it, the runner's champion state too.
  await assert.rejects(() => championState(root), TamperedHistoryError);
}

Deno.test("each move is a line chained to the one before, the first to the genesis", async () => {
  const { fx, lines } = await fourMoves();
  await using _ = fx;
  const entries = lines.map((line) => JSON.parse(line));
  assert.equal(entries.length, 4);
  assert.equal(entries[0].prev, GENESIS_HASH);
  for (let i = 1; i < entries.length; i++) assert.equal(entries[i].prev, entries[i - 1].hash);
  assert.deepEqual(
    entries.map((e) => [e.alias, e.from, e.to, e.by, e.at]),
    [
      ["champion", null, "v0001", "bob", "2026-02-03T04:05:06.000Z"],
      ["champion", "v0001", "v0002", "bob", "2026-02-03T04:05:06.000Z"],
      ["champion", "v0002", "v0003", "bob", "2026-02-03T04:05:06.000Z"],
      ["champion", "v0003", "v0001", "bob", "2026-02-03T04:05:06.000Z"],
    ],
  );
  const { history } = JSON.parse(await Deno.readTextFile(join(fx.root, "registry.json")));
  assert.deepEqual(history, { entries: 4, head: entries[3].hash });
});

Deno.test("an edited line is refused naming it", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  await write(lines.map((l, i) => i === 1 ? l.replace("ship v0002", "ship v0002 (approved)") : l));
  await refused(fx.root, path, 2, /was edited: its content hashes to/);
});

Deno.test("an edited line with its hash recomputed is refused at the line after it", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  const { hash: _hash, prev, ...move } = JSON.parse(lines[1]);
  const forged = chainEntry({ ...move, by: "mallory" }, prev);
  await write(lines.map((l, i) => i === 1 ? JSON.stringify(forged) : l));
  await refused(fx.root, path, 3, /does not follow line 2/);
});

Deno.test("reordered lines are refused naming the first out of place", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  await write([lines[0], lines[2], lines[1], lines[3]]);
  await refused(fx.root, path, 2, /does not follow line 1: .*edited, reordered or deleted/);
});

Deno.test("a deleted line in the middle is refused naming the line after the gap", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  await write([lines[0], lines[2], lines[3]]);
  await refused(fx.root, path, 2, /does not follow line 1/);
});

Deno.test("a deleted last line is refused: registry.json records more entries", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  await write(lines.slice(0, 3));
  await refused(fx.root, path, 4, /is missing: the file holds 3 complete entries, .* records 4/);
});

Deno.test("a last line rewritten with its hash recomputed is refused: not the recorded head", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  const { hash: _hash, prev, ...move } = JSON.parse(lines[3]);
  const forged = chainEntry({ ...move, to: "v0002", reason: "quiet swap" }, prev);
  await write([...lines.slice(0, 3), JSON.stringify(forged)]);
  await refused(fx.root, path, 4, /is not the head .* records/);
});

Deno.test("a history cut in the middle of a line is refused naming the first line lost", async () => {
  const { fx, path, lines } = await fourMoves();
  await using _ = fx;
  const text = lines.join("\n") + "\n";
  const cut = text.indexOf("\n") + 1 + Math.floor(lines[1].length / 2);
  await Deno.writeTextFile(path, text.slice(0, cut));
  await refused(fx.root, path, 2, /is missing: the file holds 1 complete entries/);
});

Deno.test("a partial last line from a crash mid-append is ignored, then cut off by the next move", async () => {
  const { fx, path, lines } = await fourMoves();
  await using _ = fx;
  const partial = '{"alias":"champion","from":"v0001","to":"v00';
  await Deno.writeTextFile(path, partial, { append: true });
  assert.equal(await resolveAlias(fx.root, "champion"), "v0001");
  await setAlias(fx.root, "champion", "v0002", { reason: "after the crash", now });
  const after = (await Deno.readTextFile(path)).split("\n").slice(0, -1);
  assert.deepEqual(after.slice(0, 4), lines);
  assert.equal(after.length, 5);
  assert.equal(JSON.parse(after[4]).prev, JSON.parse(lines[3]).hash);
  assert.equal((await readRegistryState(fx.root)).history.length, 5);
});

Deno.test("a move appended whose registry.json write was lost (a crash between) still counts", async () => {
  const { fx, path, lines } = await fourMoves();
  await using _ = fx;
  const last = JSON.parse(lines[3]);
  const extra = chainEntry({
    alias: "champion",
    from: "v0001",
    to: "v0003",
    at: now.toISOString(),
    by: "bob",
    reason: "crashed after the append",
  }, last.hash);
  await Deno.writeTextFile(path, JSON.stringify(extra) + "\n", { append: true });
  assert.equal(await resolveAlias(fx.root, "champion"), "v0003");
  // Two entries beyond the head are not a crash: refused.
  const { hash, prev: _prev, ...move } = extra;
  const more = chainEntry({ ...move, from: "v0003", to: "v0002", reason: "by hand" }, hash);
  await Deno.writeTextFile(path, JSON.stringify(more) + "\n", { append: true });
  await refused(fx.root, path, 6, /are not recorded in .*registry\.json/);
});

Deno.test("a move from a version the alias did not name is refused", async () => {
  const { fx, path, lines, write } = await fourMoves();
  await using _ = fx;
  const { hash: _hash, prev, ...move } = JSON.parse(lines[0]);
  const forged = chainEntry({ ...move, from: "v0003" }, prev);
  await write([JSON.stringify(forged)]);
  await refused(fx.root, path, 1, /moves @champion from v0003, but it named no version then/);
  assert.ok((await listVersions(fx.root).catch((e) => e)) instanceof TamperedHistoryError);
});
