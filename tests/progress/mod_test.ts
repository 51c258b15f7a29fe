import assert from "node:assert/strict";
import { createProgress, formatLine, type ProgressSink } from "../../lib/progress/mod.ts";

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
