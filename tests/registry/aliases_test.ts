import assert from "node:assert/strict";
import {
  listAliases,
  listVersions,
  readRegistryState,
  resolveAlias,
  rollback,
  setAlias,
  unsetAlias,
} from "../../lib/registry/mod.ts";
import { registryWith } from "./registry_fixture.ts";

const now = new Date("2026-02-03T04:05:06Z");
const who = { by: "alice", now };

Deno.test("an alias names one version; a version may hold several", async () => {
  await using fx = await registryWith([true, true]);
  await setAlias(fx.root, "champion", "v0001", { reason: "first fit", ...who });
  await setAlias(fx.root, "challenger", "v0002", { reason: "refit", ...who });
  await setAlias(fx.root, "shadow", "v0002", { reason: "try it", ...who });
  const moved = await setAlias(fx.root, "challenger", "v0001", { reason: "swap", ...who });
  assert.deepEqual(moved.entries.map((e) => [e.alias, e.from, e.to]), [
    ["challenger", "v0002", "v0001"],
  ]);
  assert.deepEqual(await listAliases(fx.root), {
    challenger: "v0001",
    champion: "v0001",
    shadow: "v0002",
  });
  const versions = await listVersions(fx.root);
  assert.deepEqual(versions.map((v) => [v.version, v.stage, v.aliases]), [
    ["v0001", "Production", ["challenger", "champion"]],
    ["v0002", "Archived", ["shadow"]],
  ]);
  assert.equal(await resolveAlias(fx.root, "challenger"), "v0001");
  assert.equal(await resolveAlias(fx.root, "@shadow"), "v0002");
});

Deno.test("unsetting an alias records the move and leaves the version without it", async () => {
  await using fx = await registryWith([true]);
  await setAlias(fx.root, "challenger", "v0001", { reason: "canary", ...who });
  const { entries, transitions } = await unsetAlias(fx.root, "challenger", {
    reason: "canary over",
    ...who,
  });
  assert.deepEqual(
    entries.map(({ alias, from, to, by, reason, at }) => ({ alias, from, to, by, reason, at })),
    [{
      alias: "challenger",
      from: "v0001",
      to: null,
      by: "alice",
      reason: "canary over",
      at: "2026-02-03T04:05:06.000Z",
    }],
  );
  assert.deepEqual(transitions.map((t) => [t.version, t.from, t.to]), [
    ["v0001", "Staging", "Archived"],
  ]);
  assert.equal(await resolveAlias(fx.root, "challenger"), undefined);
  await assert.rejects(() => unsetAlias(fx.root, "challenger", { reason: "again" }), {
    message: "Cannot unset @challenger: it names no version",
  });
});

Deno.test("alias names are lowercase, starting with a letter", async () => {
  await using fx = await registryWith([true]);
  for (const name of ["Champion", "1st", "a b", "", "ch@mp"]) {
    await assert.rejects(() => setAlias(fx.root, name, "v0001", { reason: "x" }), {
      name: "RangeError",
      message: `Invalid alias "${name}": must be lowercase letters, digits, "_" or "-", ` +
        "starting with a letter",
    });
  }
  await setAlias(fx.root, "blue-green_2", "v0001", { reason: "ok" });
});

Deno.test("@champion refuses a version whose gate failed unless forced", async () => {
  await using fx = await registryWith([false]);
  await assert.rejects(() => setAlias(fx.root, "champion", "v0001", { reason: "try" }), {
    message: "Cannot set @champion to v0001: its promotion gate failed (use --force to override)",
  });
  await setAlias(fx.root, "champion", "v0001", { reason: "accepted risk", force: true });
  assert.equal(await resolveAlias(fx.root, "champion"), "v0001");
});

Deno.test("setting an alias to an unknown version or the one it names is refused", async () => {
  await using fx = await registryWith([true]);
  await assert.rejects(() => setAlias(fx.root, "champion", "v0009", { reason: "x" }), {
    message: `Cannot find model v0009 in ${fx.root}`,
  });
  await setAlias(fx.root, "champion", "v0001", { reason: "x" });
  await assert.rejects(() => setAlias(fx.root, "champion", "v0001", { reason: "x" }), {
    message: "Cannot set @champion: it already names v0001",
  });
});

Deno.test("rollback moves @champion back to the version it named before, in the history", async () => {
  await using fx = await registryWith([true, true, true]);
  for (const version of ["v0001", "v0002", "v0003"]) {
    await setAlias(fx.root, "champion", version, { reason: `ship ${version}`, ...who });
  }
  await rollback(fx.root, now);
  assert.equal(await resolveAlias(fx.root, "champion"), "v0002");
  const last = (await readRegistryState(fx.root)).history.at(-1)!;
  assert.deepEqual([last.alias, last.from, last.to, last.reason], [
    "champion",
    "v0003",
    "v0002",
    "rollback from v0003",
  ]);
  await rollback(fx.root, now);
  assert.equal(await resolveAlias(fx.root, "champion"), "v0003");
});

Deno.test("two alias moves at once both land, one after the other, with the chain intact", async () => {
  await using fx = await registryWith([true, true]);
  const results = await Promise.all([
    setAlias(fx.root, "champion", "v0001", { reason: "one", ...who }),
    setAlias(fx.root, "challenger", "v0002", { reason: "two", ...who }),
  ]);
  assert.equal(results.length, 2);
  const state = await readRegistryState(fx.root);
  assert.deepEqual(state.history.map((e) => e.reason).sort(), ["one", "two"]);
  assert.equal(state.history[1].prev, state.history[0].hash);
  assert.deepEqual(state.aliases, { champion: "v0001", challenger: "v0002" });
});
