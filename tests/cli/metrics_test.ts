import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/metrics.ts";
import { hashBytes } from "../../lib/pipeline/store/hash.ts";
import { git } from "../git_fixture.ts";

const PIPELINE = `stages:
  evaluate:
    cmd: echo evaluate
    outs: [reports/model.bin]
    metrics:
      - reports/metrics.json
      - { path: reports/extra.json, cache: false }
`;

const OLD_METRICS = '{"auc": 0.75, "gate": {"passed": false, "ks": 0.3}, "rows": 100}';
const NEW_METRICS = '{"auc": 0.8, "gate": {"passed": true, "ks": 0.3}, "brier": 0.1}';

async function write(root: string, path: string, text: string): Promise<void> {
  await Deno.mkdir(join(root, path, ".."), { recursive: true });
  await Deno.writeTextFile(join(root, path), text);
}

/** A repo with pipeline.yaml committed and reports/ git-ignored. */
async function withRepo(test: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await git(root, "init", "-q");
    await write(root, "pipeline.yaml", PIPELINE);
    await write(root, ".gitignore", "/reports/\n/.repro/\n");
    await git(root, "add", "pipeline.yaml", ".gitignore");
    await git(root, "commit", "-q", "-m", "pipeline");
    await test(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function run(
  root: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const { log, error } = console;
  const out: string[] = [];
  const err: string[] = [];
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const code = await main(args, root);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    Object.assign(console, { log, error });
  }
}

/** Commits a lock at HEAD recording `text` as reports/metrics.json, with its object cached. */
async function commitLockedMetrics(root: string, text: string): Promise<string> {
  const hash = hashBytes(text);
  await write(root, `.repro/cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`, text);
  await write(
    root,
    "pipeline.lock",
    `schema: "1"\nstages:\n  evaluate:\n    cmd: [echo evaluate]\n    deps: []\n    params: {}\n` +
      `    outs:\n      - { path: reports/metrics.json, hash: ${hash}, size: ${text.length} }\n`,
  );
  await git(root, "add", "pipeline.lock");
  await git(root, "commit", "-q", "-m", "run");
  return hash;
}

Deno.test("metrics show flattens each metrics file and warns about a missing one", () =>
  withRepo(async (root) => {
    await write(root, "reports/metrics.json", NEW_METRICS);
    assert.deepEqual(await run(root, ["show"]), {
      code: 0,
      out: [
        "Path                  Metric       Value",
        "--------------------  -----------  -----",
        "reports/metrics.json  auc            0.8",
        "reports/metrics.json  gate.passed   true",
        "reports/metrics.json  gate.ks        0.3",
        "reports/metrics.json  brier          0.1",
      ].join("\n"),
      err: 'Cannot read metrics "reports/extra.json": missing',
    });
  }));

Deno.test("metrics show --json lists each file with its values or its error", () =>
  withRepo(async (root) => {
    await write(root, "reports/metrics.json", NEW_METRICS);
    await write(root, "reports/extra.json", "{not json");
    const { out } = await run(root, ["show", "--json"]);
    const files = JSON.parse(out);
    assert.deepEqual(files[0], {
      path: "reports/metrics.json",
      metrics: { auc: 0.8, "gate.passed": true, "gate.ks": 0.3, brier: 0.1 },
    });
    assert.equal(files[1].path, "reports/extra.json");
    assert.match(files[1].error, /^not valid JSON: /);
  }));

Deno.test("metrics diff reads the old file from the cache by the lock's hash", () =>
  withRepo(async (root) => {
    await commitLockedMetrics(root, OLD_METRICS);
    await write(root, "reports/metrics.json", NEW_METRICS);
    await write(root, "reports/extra.json", "{}");
    assert.deepEqual(await run(root, ["diff"]), {
      code: 0,
      out: [
        "Path                  Metric        HEAD  workspace  Change",
        "--------------------  -----------  -----  ---------  ------",
        "reports/metrics.json  auc           0.75        0.8   +0.05",
        "reports/metrics.json  brier            —        0.1       —",
        "reports/metrics.json  gate.passed  false       true       —",
        "reports/metrics.json  rows           100          —       —",
      ].join("\n"),
      err: 'Cannot read metrics "reports/extra.json": missing at HEAD',
    });
  }));

Deno.test("metrics diff --all --json includes unchanged metrics with exact changes", () =>
  withRepo(async (root) => {
    await commitLockedMetrics(root, OLD_METRICS);
    await write(root, "reports/metrics.json", NEW_METRICS);
    const { out } = await run(root, ["diff", "HEAD", "--all", "--json"]);
    assert.deepEqual(JSON.parse(out).metrics, [
      { path: "reports/metrics.json", key: "auc", old: 0.75, new: 0.8, change: 0.05 },
      { path: "reports/metrics.json", key: "brier", new: 0.1 },
      { path: "reports/metrics.json", key: "gate.ks", old: 0.3, new: 0.3, change: 0 },
      { path: "reports/metrics.json", key: "gate.passed", old: false, new: true },
      { path: "reports/metrics.json", key: "rows", old: 100 },
    ]);
  }));

Deno.test("metrics diff never shows the content of a corrupt cache object", () =>
  withRepo(async (root) => {
    const hash = await commitLockedMetrics(root, OLD_METRICS);
    const object = join(root, `.repro/cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`);
    await Deno.writeTextFile(object, '{"auc": 0.99}');
    await write(root, "reports/metrics.json", NEW_METRICS);
    const { out, err } = await run(root, ["diff", "--json"]);
    assert.deepEqual(JSON.parse(out).metrics.map((change: { old?: unknown }) => change.old), [
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    assert.match(err, /Cannot read metrics "reports\/metrics.json": missing at HEAD/);
  }));

/** A split report as the split stage writes it: strings, lists of records, long numbers. */
const SPLIT_REPORT = JSON.stringify({
  key: "SK_ID_CURR",
  rows: { all: 307511, test: 61503 },
  targetRate: { all: 0.08072881945686496, test: 0.0807277693771036 },
  leakage: {
    notScreened: ["NAME_TYPE_SUITE", "OCCUPATION_TYPE"],
    strongest: [{ feature: "EXT_SOURCE_2", kind: "value", strength: 0.6584329861244785 }],
  },
  tiny: 0.000159208544992,
  passed: true,
  warnings: [],
});

Deno.test("metrics show prints numbers and booleans only, rounded to 5 significant digits", () =>
  withRepo(async (root) => {
    await write(root, "reports/metrics.json", SPLIT_REPORT);
    await write(root, "reports/extra.json", "{}");
    assert.deepEqual(await run(root, ["show"]), {
      code: 0,
      out: [
        "Path                  Metric                             Value",
        "--------------------  ----------------------------  ----------",
        "reports/metrics.json  rows.all                          307511",
        "reports/metrics.json  rows.test                          61503",
        "reports/metrics.json  targetRate.all                  0.080729",
        "reports/metrics.json  targetRate.test                 0.080728",
        "reports/metrics.json  leakage.strongest.0.strength     0.65843",
        "reports/metrics.json  tiny                          0.00015921",
        "reports/metrics.json  passed                              true",
      ].join("\n"),
      err: "",
    });
  }));

Deno.test("metrics show --precision sets the significant digits and --all adds the rest", () =>
  withRepo(async (root) => {
    await write(root, "reports/metrics.json", SPLIT_REPORT);
    await write(root, "reports/extra.json", "{}");
    const { out } = await run(root, ["show", "--all", "--precision", "2"]);
    assert.equal(
      out,
      [
        "Path                  Metric                                  Value",
        "--------------------  ----------------------------  ---------------",
        "reports/metrics.json  key                                SK_ID_CURR",
        "reports/metrics.json  rows.all                               307511",
        "reports/metrics.json  rows.test                               61503",
        "reports/metrics.json  targetRate.all                          0.081",
        "reports/metrics.json  targetRate.test                         0.081",
        "reports/metrics.json  leakage.notScreened.0         NAME_TYPE_SUITE",
        "reports/metrics.json  leakage.notScreened.1         OCCUPATION_TYPE",
        "reports/metrics.json  leakage.strongest.0.feature      EXT_SOURCE_2",
        "reports/metrics.json  leakage.strongest.0.kind                value",
        "reports/metrics.json  leakage.strongest.0.strength             0.66",
        "reports/metrics.json  tiny                                  0.00016",
        "reports/metrics.json  passed                                   true",
        "reports/metrics.json  warnings                                   []",
      ].join("\n"),
    );
  }));

Deno.test("metrics show --json keeps every value at full precision", () =>
  withRepo(async (root) => {
    await write(root, "reports/metrics.json", SPLIT_REPORT);
    await write(root, "reports/extra.json", "{}");
    const { out } = await run(root, ["show", "--json"]);
    const metrics = JSON.parse(out)[0].metrics;
    assert.equal(metrics["targetRate.all"], 0.08072881945686496);
    assert.equal(metrics["leakage.strongest.0.feature"], "EXT_SOURCE_2");
    assert.equal(metrics.key, "SK_ID_CURR");
  }));

Deno.test("metrics show --precision needs a whole number of digits", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["show", "--precision", "0"]), {
      name: "UsageError",
      message: 'Flag --precision needs an integer from 1 to 17: got "0"',
    });
  }));

Deno.test("metrics diff rounds values and changes and leaves out strings", () =>
  withRepo(async (root) => {
    await commitLockedMetrics(root, SPLIT_REPORT);
    const next = JSON.parse(SPLIT_REPORT);
    next.key = "ID";
    next.tiny = 0.000318417089984;
    next.leakage.strongest[0].strength = 0.65;
    await write(root, "reports/metrics.json", JSON.stringify(next));
    await write(root, "reports/extra.json", "{}");
    assert.deepEqual(await run(root, ["diff"]), {
      code: 0,
      out: [
        "Path                  Metric                              HEAD   workspace       Change",
        "--------------------  ----------------------------  ----------  ----------  -----------",
        "reports/metrics.json  leakage.strongest.0.strength     0.65843        0.65    -0.008433",
        "reports/metrics.json  tiny                          0.00015921  0.00031842  +0.00015921",
      ].join("\n"),
      err: 'Cannot read metrics "reports/extra.json": missing at HEAD',
    });
  }));

Deno.test("metrics diff reads a metrics file tracked by git at the revision", () =>
  withRepo(async (root) => {
    await write(root, "metrics.json", OLD_METRICS);
    await write(root, "pipeline.yaml", "stages:\n  e:\n    cmd: x\n    metrics: [metrics.json]\n");
    await git(root, "add", "metrics.json", "pipeline.yaml");
    await git(root, "commit", "-q", "-m", "tracked metrics");
    await write(root, "metrics.json", OLD_METRICS.replace("0.75", "0.7"));
    const { out } = await run(root, ["diff", "--json"]);
    assert.deepEqual(JSON.parse(out).metrics, [
      { path: "metrics.json", key: "auc", old: 0.75, new: 0.7, change: -0.05 },
    ]);
  }));

Deno.test("metrics diff with nothing changed says so", () =>
  withRepo(async (root) => {
    await commitLockedMetrics(root, OLD_METRICS);
    await write(root, "reports/metrics.json", OLD_METRICS);
    await write(root, "reports/extra.json", "{}");
    const { out } = await run(root, ["diff"]);
    assert.equal(out, "No metric changes against HEAD");
  }));

Deno.test("metrics with an unknown subcommand is a usage error", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["plot"]), { name: "UsageError" });
  }));
