import assert from "node:assert/strict";
import { OTHER_TASKS, runCli, usage } from "../../lib/cli/main.ts";
import { REPRO_USAGE } from "../../lib/cli/repro.ts";
import { STATUS_USAGE } from "../../lib/cli/status.ts";
import { DAG_USAGE } from "../../lib/cli/dag.ts";
import { GC_USAGE } from "../../lib/cli/gc.ts";
import { PARAMS_USAGE } from "../../lib/cli/params.ts";
import { METRICS_USAGE } from "../../lib/cli/metrics.ts";
import { PLOTS_USAGE } from "../../lib/cli/plots.ts";
import { SCORE_USAGE } from "../../lib/cli/score.ts";
import { DRIFT_USAGE } from "../../lib/cli/drift.ts";
import { FEEDBACK_USAGE } from "../../lib/cli/feedback.ts";
import { CONSUME_USAGE } from "../../lib/cli/consume.ts";
import { PERFORMANCE_USAGE } from "../../lib/cli/performance.ts";
import { SIMULATE_USAGE } from "../../lib/cli/simulate.ts";
import { PUSH_USAGE } from "../../lib/cli/push.ts";
import { PULL_USAGE } from "../../lib/cli/pull.ts";
import { REMOTE_USAGE } from "../../lib/cli/remote.ts";
import { EXP_USAGE } from "../../lib/cli/exp.ts";
import { TUNE_USAGE } from "../../lib/cli/tune.ts";
import { VERSION } from "../../lib/cli/version.ts";
import { readServeOptions, SERVE_USAGE } from "../../serve/options.ts";
import { declaredFlags } from "./declared_flags.ts";

const HELP: [string, string][] = [
  ["../../lib/cli/repro.ts", REPRO_USAGE],
  ["../../lib/cli/status.ts", STATUS_USAGE],
  ["../../lib/cli/dag.ts", DAG_USAGE],
  ["../../lib/cli/gc.ts", GC_USAGE],
  ["../../lib/cli/params.ts", PARAMS_USAGE],
  ["../../lib/cli/metrics.ts", METRICS_USAGE],
  ["../../lib/cli/plots.ts", PLOTS_USAGE],
  ["../../lib/cli/score.ts", SCORE_USAGE],
  ["../../lib/cli/drift.ts", DRIFT_USAGE],
  ["../../lib/cli/feedback.ts", FEEDBACK_USAGE],
  ["../../lib/cli/consume.ts", CONSUME_USAGE],
  ["../../lib/cli/performance.ts", PERFORMANCE_USAGE],
  ["../../lib/cli/simulate.ts", SIMULATE_USAGE],
  ["../../lib/cli/push.ts", PUSH_USAGE],
  ["../../lib/cli/pull.ts", PULL_USAGE],
  ["../../lib/cli/remote.ts", REMOTE_USAGE],
  ["../../lib/cli/exp.ts", EXP_USAGE],
  ["../../lib/cli/exp_show.ts", EXP_USAGE],
  ["../../lib/cli/tune.ts", TUNE_USAGE],
  ["../../serve/options.ts", SERVE_USAGE],
];

/** True when `text` names `token` on its own (not as the start of a longer flag). */
function mentions(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[\\s,\\[(|])${escaped}(?![\\w-])`, "m").test(text);
}

for (const [path, help] of HELP) {
  const name = path.split("/").pop()!;
  Deno.test(`the help of ${name} names every flag, alias and env var its code reads`, async () => {
    const declared = await declaredFlags(new URL(path, import.meta.url));
    const missing = [
      ...declared.long.filter((flag) => !mentions(help, `--${flag}`)).map((f) => `--${f}`),
      ...declared.short.filter((alias) => !mentions(help, `-${alias}`)).map((a) => `-${a}`),
      ...declared.env.filter((env) => !mentions(help, env)),
    ];
    assert.deepEqual(missing, [], `${name} help lacks ${missing.join(", ")}`);
    assert.ok(mentions(help, "--help"), `${name} help lacks --help`);
  });
}

Deno.test("every value flag of serve has its env var and default on its help line", () => {
  const lines = SERVE_USAGE.split("\n").filter((line) => /^ {2}--[a-z-]+ [A-Z]+ /.test(line));
  assert.equal(lines.length, 10);
  for (const line of lines) assert.match(line, /^ {2}--[a-z-]+ [A-Z]+ +[A-Z_]+ +\S/, line);
});

Deno.test("the main usage lists every command and every task with an entry file", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  const tasks = Object.entries(config.tasks as Record<string, string>)
    .filter(([, cmd]) => /(lib\/cli|serve)\/\w+\.ts/.test(cmd))
    .map(([name]) => name);
  const text = usage();
  assert.deepEqual(tasks.filter((task) => !mentions(text, task)), []);
  for (const task of Object.keys(OTHER_TASKS)) assert.ok(tasks.includes(task), task);
  const source = await Deno.readTextFile(new URL("../../lib/cli/main.ts", import.meta.url));
  for (const [, env] of source.matchAll(/env\.get\("(\w+)"\)/g)) assert.ok(mentions(text, env));
  assert.ok(mentions(text, "--version") && mentions(text, "--help"));
});

Deno.test("--version prints the version from deno.json", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  assert.equal(VERSION, config.version);
  const printed: string[] = [];
  const log = console.log;
  console.log = (text: string) => void printed.push(text);
  try {
    assert.equal(await runCli(["--version"], Deno.cwd()), 0);
  } finally {
    console.log = log;
  }
  assert.equal(printed[0], `riskpipe ${config.version} (Deno ${Deno.version.deno})`);
  assert.equal(readServeOptions(["-V"], () => undefined).version, true);
});

Deno.test("serve options: flags win over env, env over defaults, and the access log can be turned off", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  const defaults = readServeOptions([], env({}));
  assert.equal(defaults.port, 8000);
  assert.equal(defaults.accessLog, true);
  assert.equal(defaults.watch, true);
  assert.equal(readServeOptions([], env({ PORT: "9000" })).port, 9000);
  assert.equal(readServeOptions(["--port", "7000"], env({ PORT: "9000" })).port, 7000);
  assert.equal(readServeOptions(["--no-access-log"], env({})).accessLog, false);
  assert.equal(readServeOptions([], env({ RISKPIPE_ACCESS_LOG: "0" })).accessLog, false);
  assert.equal(readServeOptions([], env({ RISKPIPE_MAX_BATCH_ROWS: "5" })).maxBatchRows, 5);
  assert.throws(() => readServeOptions([], env({ RISKPIPE_ACCESS_LOG: "maybe" })), {
    message: 'Invalid RISKPIPE_ACCESS_LOG "maybe": must be 0 or 1',
  });
  assert.throws(() => readServeOptions(["--poll-ms", "-1"], env({})), {
    message: 'Invalid --poll-ms (or RISKPIPE_POLL_MS) "-1": must be a non-negative integer',
  });
});
