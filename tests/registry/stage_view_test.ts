import assert from "node:assert/strict";
import {
  listVersions,
  promote,
  readIndex,
  resolveAlias,
  setAlias,
} from "../../lib/registry/mod.ts";
import { registryWith } from "./registry_fixture.ts";

const stages = async (root: string) =>
  (await listVersions(root)).map((v) => `${v.version} ${v.stage} ${v.aliases.join(",")}`);

Deno.test("Staging is @challenger, and promoting it to Production leaves @challenger", async () => {
  await using fx = await registryWith([true, true]);
  await promote(fx.root, "v0001", "Production");
  const staged = await promote(fx.root, "v0002", "Staging");
  assert.deepEqual(staged.map((t) => [t.version, t.from, t.to]), [["v0002", "None", "Staging"]]);
  assert.equal(await resolveAlias(fx.root, "challenger"), "v0002");
  const made = await promote(fx.root, "v0002", "Production", { reason: "canary passed" });
  assert.deepEqual(made.map((t) => `${t.version}: ${t.from} → ${t.to} (${t.reason})`), [
    "v0001: Production → Archived (replaced by v0002)",
    "v0002: Staging → Production (canary passed)",
  ]);
  assert.deepEqual(await stages(fx.root), ["v0001 Archived ", "v0002 Production champion"]);
});

Deno.test("Archived unsets a version's stage aliases; None cannot be set", async () => {
  await using fx = await registryWith([true, true]);
  await promote(fx.root, "v0001", "Production");
  await setAlias(fx.root, "shadow", "v0001", { reason: "keep it warm" });
  const made = await promote(fx.root, "v0001", "Archived", { reason: "retired" });
  assert.deepEqual(made.map((t) => [t.version, t.from, t.to, t.reason]), [
    ["v0001", "Production", "Archived", "retired"],
  ]);
  // Other aliases stay: they are not stages.
  assert.deepEqual(await stages(fx.root), ["v0001 Archived shadow", "v0002 None "]);
  await assert.rejects(() => promote(fx.root, "v0001", "None"), {
    message: "Cannot promote v0001 to None: stages are aliases now (Production = @champion, " +
      "Staging = @challenger, Archived = held one and holds none); v0001 holds neither",
  });
  await assert.rejects(() => promote(fx.root, "v0002", "Archived"), {
    message: /^Cannot promote v0002 to Archived: stages are aliases now .* v0002 holds neither$/,
  });
  assert.deepEqual((await readIndex(fx.root)).stages, { v0001: "Archived", v0002: "None" });
});

Deno.test("a version holding @champion and @challenger reads as Production", async () => {
  await using fx = await registryWith([true]);
  await setAlias(fx.root, "challenger", "v0001", { reason: "a" });
  await setAlias(fx.root, "champion", "v0001", { reason: "b" });
  assert.deepEqual(await stages(fx.root), ["v0001 Production challenger,champion"]);
  await assert.rejects(() => promote(fx.root, "v0001", "Production"), {
    message: "Cannot promote v0001: it is already in Production",
  });
});
