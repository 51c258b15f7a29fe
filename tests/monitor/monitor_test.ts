/**
 * The monitor command end to end on the drift fixture: a window of test-split applicants
 * as they are (ok, exit 0) and with drift planted in the model's inputs (alert, exit 1);
 * a threshold that is not a number exits 2 naming its key.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { main } from "../../lib/cli/monitor.ts";
import { MonitorStatus } from "../../lib/monitor/mod.ts";
import { readHistory } from "../../lib/drift/mod.ts";
import { PARAMS_ENV } from "../../lib/stage/params.ts";
import { driftFixture } from "../drift/fixture.ts";

const NOW = new Date("2026-03-04T05:06:07Z");

/** The test split's application rows, with `replace` (SQL `col * k as col, …`) applied. */
async function writeWindow(path: string, replace: string): Promise<void> {
  const f = await driftFixture();
  const conn = await openDuckDb({ threads: 1 });
  try {
    const select = replace === "" ? "*" : `* replace (${replace})`;
    await conn.run(
      `copy (select ${select} from read_parquet(${quoteLiteral(f.applicationPath)}) ` +
        `where ${f.manifest.key} in (select ${f.manifest.key} from read_parquet(${
          quoteLiteral(f.testPath)
        }))) to ${quoteLiteral(path)} (format parquet)`,
    );
  } finally {
    conn.closeSync();
  }
}

/** Runs `main` with `params` as the runner would pass them; returns code, stdout and stderr. */
async function runMonitorCli(
  args: string[],
  params: Record<string, unknown> = {},
): Promise<{ code: number; out: string; err: string }> {
  const [log, error] = [console.log, console.error];
  const out: string[] = [];
  const err: string[] = [];
  console.log = (...a: unknown[]) => out.push(a.join(" "));
  console.error = (...a: unknown[]) => err.push(a.join(" "));
  Deno.env.set(PARAMS_ENV, JSON.stringify(params));
  try {
    const code = await main(args, () => NOW);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
    Deno.env.delete(PARAMS_ENV);
  }
}

async function fixtureArgs(dir: string, window: string): Promise<string[]> {
  const f = await driftFixture();
  return [
    "--current",
    window,
    "--manifest",
    f.manifestPath,
    "--reference",
    f.trainPath,
    "--registry",
    f.registry,
    "--log",
    join(dir, "no-log.db"),
    "--out",
    join(dir, "monitor"),
    "--drift-out",
    join(dir, "drift"),
    "--history",
    join(dir, "history.json"),
  ];
}

async function readStatus(dir: string): Promise<MonitorStatus> {
  return MonitorStatus.parse(JSON.parse(await Deno.readTextFile(join(dir, "monitor/status.json"))));
}

const byName = (status: MonitorStatus) => Object.fromEntries(status.checks.map((c) => [c.name, c]));

Deno.test("a window with planted drift alerts on input and prediction drift and exits 1", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-monitor-" });
  try {
    const window = join(dir, "shifted.parquet");
    await writeWindow(
      window,
      "EXT_SOURCE_2 * 0.3 as EXT_SOURCE_2, EXT_SOURCE_3 * 0.3 as EXT_SOURCE_3, " +
        "AMT_INCOME_TOTAL * 3 as AMT_INCOME_TOTAL, DAYS_BIRTH * 0.5 as DAYS_BIRTH",
    );
    const run = await runMonitorCli(await fixtureArgs(dir, window), {
      monitor: { max_drift_share: 0.05 },
    });
    assert.equal(run.code, 1, run.err);
    const status = await readStatus(dir);
    const checks = byName(status);
    assert.equal(status.status, "alert");
    assert.equal(checks.input_drift.status, "alert");
    assert.equal(checks.input_drift.threshold, 0.05);
    assert.ok(checks.input_drift.value! >= 0.05);
    assert.equal(checks.prediction_drift.status, "alert");
    assert.ok(checks.prediction_drift.value! >= 0.25);
    // no outcome store, no outlier model in the fixture: said, not passed
    assert.equal(checks.realised_auc.status, "skipped");
    assert.equal(checks.realised_auc.reason, "no outcome store to read outcomes from");
    assert.equal(checks.outlier_rate.status, "skipped");
    assert.match(run.out, /monitor: ALERT \(input_drift, prediction_drift\)/);
    const page = await Deno.readTextFile(join(dir, "monitor/index.html"));
    assert.match(page, /<td>input_drift<\/td>/);
    await Deno.stat(join(dir, "drift/index.html"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unshifted window is ok on every judged check and exits 0", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-monitor-" });
  try {
    const window = join(dir, "same.parquet");
    await writeWindow(window, "");
    const run = await runMonitorCli(await fixtureArgs(dir, window), {
      monitor: { max_drift_share: 0.05 },
    });
    assert.equal(run.code, 0, run.err);
    const checks = byName(await readStatus(dir));
    assert.equal(checks.input_drift.status, "ok");
    assert.equal(checks.input_drift.value, 0);
    assert.equal(checks.prediction_drift.status, "ok");
    assert.ok(checks.prediction_drift.value! < 0.1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a monitor threshold that is not a number exits 2 naming the key", async () => {
  const run = await runMonitorCli(["--current", "unused.parquet"], {
    monitor: { max_prediction_psi: "high" },
  });
  assert.equal(run.code, 2);
  assert.match(run.err, /monitor\.max_prediction_psi/);
  assert.match(run.err, /number/);
});

Deno.test("--retrain without an alert retrains nothing and says so", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-monitor-" });
  try {
    const window = join(dir, "same.parquet");
    await writeWindow(window, "");
    const run = await runMonitorCli([...await fixtureArgs(dir, window), "--retrain"], {
      monitor: { max_drift_share: 0.05 },
    });
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /monitor: no alert, no retrain/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--every 1s --max-runs 2 runs the monitor twice on the cron schedule", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-monitor-" });
  try {
    const window = join(dir, "same.parquet");
    await writeWindow(window, "");
    const args = [...await fixtureArgs(dir, window), "--every", "1s", "--max-runs", "2"];
    const run = await runMonitorCli(args, { monitor: { max_drift_share: 0.05 } });
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /monitor: every 1s \(cron "\*\/1 \* \* \* \* \*"\)/);
    assert.equal(run.out.match(/^monitor: ok$/gm)?.length, 2);
    const history = await readHistory(join(dir, "history.json"));
    assert.equal(history.runs.length, 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
