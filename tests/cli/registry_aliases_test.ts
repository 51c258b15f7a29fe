import assert from "node:assert/strict";
import { main } from "../../lib/cli/registry.ts";
import { registryWith } from "../registry/registry_fixture.ts";

async function captured(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    return { code: await main(args), out: lines.join("\n") };
  } finally {
    console.log = original;
  }
}

Deno.test("registry alias set, aliases, alias unset and history from the command line", async () => {
  await using fx = await registryWith([true, true]);
  const r = ["--registry", fx.root];
  const set = await captured([
    "alias",
    "set",
    "champion",
    "v0002",
    "--reason",
    "Q3 refit",
    "--by",
    "dana",
    ...r,
  ]);
  assert.equal(set.out, "@champion: (none) → v0002 (Q3 refit, by dana)");
  await captured([
    "alias",
    "set",
    "challenger",
    "v0001",
    "--reason",
    "shadow",
    "--by",
    "dana",
    ...r,
  ]);
  const listed = await captured(["aliases", ...r]);
  assert.deepEqual(listed.out.split("\n").slice(2), ["@challenger  v0001", "@champion    v0002"]);
  const unset = await captured([
    "alias",
    "unset",
    "challenger",
    "--reason",
    "done",
    "--by",
    "eve",
    ...r,
  ]);
  assert.equal(unset.out, "@challenger: v0001 → (none) (done, by eve)");
  const history = await captured(["history", ...r]);
  const rows = history.out.split("\n").slice(2).map((line) => line.split(/\s{2,}/).slice(1));
  assert.deepEqual(rows, [
    ["@champion", "-", "v0002", "dana", "Q3 refit"],
    ["@challenger", "-", "v0001", "dana", "shadow"],
    ["@challenger", "v0001", "-", "eve", "done"],
  ]);
  const only = await captured(["history", "--alias", "champion", "--json", ...r]);
  assert.deepEqual(JSON.parse(only.out).map((e: { to: string }) => e.to), ["v0002"]);
});

Deno.test("registry alias set without --reason is a usage error", async () => {
  await using fx = await registryWith([true]);
  await assert.rejects(
    () => main(["alias", "set", "champion", "v0001", "--registry", fx.root]),
    {
      name: "UsageError",
      message: "Missing --reason: registry alias set <alias> <version> --reason TEXT " +
        "(the history records why)",
    },
  );
});

Deno.test("registry tag and untag show in list and show", async () => {
  await using fx = await registryWith([true]);
  const r = ["--registry", fx.root];
  const tagged = await captured(["tag", "v0001", "ticket=MRM-112", "validated_by=risk", ...r]);
  assert.equal(tagged.out, "v0001: ticket=MRM-112 validated_by=risk");
  await captured(["promote", "v0001", "Production", ...r]);
  const list = await captured(["list", ...r]);
  assert.match(
    list.out.split("\n")[2],
    /^v0001\s+Production\s+pass\s+.*@champion\s+ticket=MRM-112 validated_by=risk$/,
  );
  const untagged = await captured(["untag", "v0001", "ticket", ...r]);
  assert.equal(untagged.out, "v0001: validated_by=risk");
  const shown = await captured(["show", "v0001", ...r]);
  assert.equal(shown.out.split("\n")[1], "aliases @champion  tags validated_by=risk");
  await assert.rejects(() => main(["tag", "v0001", "bad key=x", ...r]), {
    message:
      'Invalid tag key "bad key": must be letters, digits, "_", "." or "-", starting with a letter',
  });
});

Deno.test("registry rollback moves @champion back and records who", async () => {
  await using fx = await registryWith([true, true]);
  const r = ["--registry", fx.root];
  await captured(["promote", "v0001", "Production", ...r]);
  await captured(["promote", "v0002", "Production", ...r]);
  const back = await captured(["rollback", "--by", "ops", "--reason", "latency", ...r]);
  assert.equal(
    back.out,
    "v0002: Production → Archived (replaced by v0001)\nv0001: Archived → Production (latency)",
  );
  const last = JSON.parse((await captured(["history", "--json", ...r])).out).at(-1);
  assert.deepEqual([last.from, last.to, last.by, last.reason], [
    "v0002",
    "v0001",
    "ops",
    "latency",
  ]);
});
