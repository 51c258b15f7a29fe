import assert from "node:assert/strict";
import {
  createProgress,
  createProgressReporter,
  createRoundProgress,
  formatLine,
  type ProgressSink,
} from "../../lib/progress/mod.ts";

function recorder(isTerminal: boolean): ProgressSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, isTerminal, write: (text) => void lines.push(text) };
}

Deno.test("a log sink gets one plain line per tenth of the work and one at the end", () => {
  const sink = recorder(false);
  const progress = createProgress({ label: "rows", total: 100, stream: sink, now: () => 0 });
  for (let i = 0; i < 100; i++) progress.tick();
  progress.finish();
  assert.equal(sink.lines.length, 11);
  assert.equal(sink.lines[0], "rows [------------------------]   1% 1/100 0.0s\n");
  assert.equal(sink.lines[5], "rows [############------------]  50% 50/100 0.0s\n");
  assert.equal(sink.lines[10], "rows [########################] 100% 100/100 0.0s\n");
});

Deno.test("a terminal sink redraws in place at most once per redraw interval", () => {
  const sink = recorder(true);
  let clock = 0;
  const progress = createProgress({
    label: "fit",
    total: 10,
    stream: sink,
    now: () => clock,
  });
  progress.update(1);
  clock = 50;
  progress.update(2);
  clock = 150;
  progress.update(3, "round 3");
  progress.finish();
  assert.deepEqual(sink.lines, [
    "\r\x1b[2Kfit [##----------------------]  10% 1/10 0.0s",
    "\r\x1b[2Kfit [#######-----------------]  30% 3/10 round 3 0.1s",
    "\r\x1b[2Kfit [########################] 100% 10/10 round 3 0.1s\n",
  ]);
});

Deno.test("finish is drawn once even when called twice", () => {
  const sink = recorder(false);
  const progress = createProgress({ label: "x", total: 2, stream: sink, now: () => 0 });
  progress.finish();
  progress.finish();
  progress.tick();
  assert.equal(sink.lines.length, 1);
});

Deno.test("an unknown total shows the count without a bar", () => {
  assert.equal(formatLine("scan", 42, 0, "bureau", 2500), "scan 42 bureau 2.5s");
});

Deno.test("stop ends the bar at the units done, not at the total", () => {
  const sink = recorder(false);
  const progress = createProgress({ label: "x", total: 10, stream: sink, now: () => 0 });
  progress.update(3);
  progress.stop("stopped");
  progress.finish();
  assert.equal(sink.lines.at(-1), "x [#######-----------------]  30% 3/10 stopped 0.0s\n");
  assert.equal(sink.lines.length, 2);
});

Deno.test("a round bar that stops early ends at the real round and names the best", () => {
  const sink = recorder(false);
  const progress = createRoundProgress("train gbdt", 600, { stream: sink, now: () => 0 });
  for (let round = 1; round <= 99; round++) progress.onRound({ round, validAuc: 0.7 });
  progress.end(49);
  assert.equal(
    sink.lines.at(-1),
    "train gbdt [####--------------------]  16% 99/600 stopped early at round 99 of 600, best 49 0.0s\n",
  );
  assert.ok(sink.lines.every((line) => !line.includes("\r")));
});

Deno.test("a round bar that runs every round ends full at the last round", () => {
  const sink = recorder(false);
  const progress = createRoundProgress("train gbdt", 3, { stream: sink, now: () => 0 });
  for (let round = 1; round <= 3; round++) progress.onRound({ round });
  progress.end(3);
  assert.equal(sink.lines.at(-1), "train gbdt [########################] 100% 3/3 round 3 0.0s\n");
});

Deno.test("a reporter makes its bar on the first update and stays silent without one", () => {
  const sink = recorder(false);
  const silent = createProgressReporter("none", { stream: sink, now: () => 0 });
  silent.finish();
  assert.deepEqual(sink.lines, []);
  const progress = createProgressReporter("split", { stream: sink, now: () => 0 });
  progress.update(0, 4, "screening");
  progress.update(4, 4, "written");
  progress.finish();
  assert.deepEqual(sink.lines, [
    "split [------------------------]   0% 0/4 screening 0.0s\n",
    "split [########################] 100% 4/4 written 0.0s\n",
  ]);
});
