import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { main } from "../../lib/cli/feedback.ts";
import { UsageError } from "../../lib/cli/args.ts";
import { openLogSink } from "../../lib/inference_log/mod.ts";
import { KEY, NOW, OUTCOME_LOG } from "../inference_log/outcome_cases.ts";

/** Runs `main` with console.log captured. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void lines.push(parts.join(" "));
  try {
    return { code: await main(args, NOW), out: lines.join("\n") };
  } finally {
    console.log = log;
  }
}

async function withLog(fn: (dir: string, log: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-feedback-cli-" });
  try {
    const log = join(dir, "log.db");
    const sink = await openLogSink({ sqlitePath: log });
    await sink.write(OUTCOME_LOG);
    await sink.close();
    await fn(dir, log);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function stored(log: string): number {
  const db = new DatabaseSync(log);
  try {
    return Number(db.prepare("select count(*) as n from outcomes").get()!.n);
  } finally {
    db.close();
  }
}

Deno.test("feedback stores a CSV's good rows, lists the bad ones and exits 1", async () => {
  await withLog(async (dir, log) => {
    const input = join(dir, "outcomes.csv");
    await Deno.writeTextFile(
      input,
      [
        "request_id,id,outcome,observed_at",
        "a,,1,2026-11-20",
        ",100,0,2026-11-05T00:00:00Z",
        "never,,1,2026-11-20",
        "a,,2,2026-11-20",
        "batch,102,1,2030-01-01",
      ].join("\n") + "\n",
    );
    const args = ["--input", input, "--log", log, "--key", KEY];
    const first = await run(args);
    assert.equal(first.code, 1);
    const lines = first.out.split("\n");
    assert.equal(lines[0], "feedback: 5 rows: 2 accepted, 0 duplicate, 3 rejected");
    assert.deepEqual(lines.slice(3).map((l) => l.trim().split(/\s{2,}/).slice(0, 3)), [
      ["3", "request_id", "unknown_request"],
      ["4", "outcome", "in_set"],
      ["5", "observed_at", "future"],
    ]);
    assert.equal(stored(log), 2);
    // The corrected file sent again: the stored rows are duplicates, nothing counted twice.
    await Deno.writeTextFile(
      input,
      "request_id,id,outcome,observed_at\na,,1,2026-11-20\n,100,0,2026-11-05T00:00:00Z\n",
    );
    const again = await run([...args, "--json"]);
    assert.equal(again.code, 0);
    const summary = JSON.parse(again.out);
    assert.deepEqual([summary.accepted, summary.duplicate, summary.rejected], [0, 2, 0]);
    assert.equal(stored(log), 2);
  });
});

Deno.test("feedback refuses a CSV with a column that is not an outcome field", async () => {
  await withLog(async (dir, log) => {
    const input = join(dir, "outcomes.csv");
    await Deno.writeTextFile(input, "request_id,label,observed_at\na,1,2026-11-20\n");
    await assert.rejects(
      () => main(["--input", input, "--log", log], NOW),
      /column "label" is not an outcome field \(request_id, id, outcome, observed_at\)/,
    );
    await assert.rejects(() => main(["--log", log], NOW), UsageError);
  });
});
