import assert from "node:assert/strict";
import { formatMillis, renderSummary } from "../../../lib/pipeline/run/summary.ts";

Deno.test("the summary is an aligned table with a count per result", () => {
  const text = renderSummary([
    { stage: "ingest", result: "up to date", reasons: [], millis: 2 },
    { stage: "features", result: "ran", reasons: ["never run"], millis: 1530 },
    { stage: "split", result: "restored", reasons: [], millis: 12.4 },
  ]);
  assert.equal(
    text,
    [
      "stage     result       time",
      "--------  ----------  -----",
      "ingest    up to date   2 ms",
      "features  ran         1.5 s",
      "split     restored    12 ms",
      "",
      "1 up to date, 1 ran, 1 restored",
    ].join("\n"),
  );
});

Deno.test("durations read as ms, seconds or minutes", () => {
  assert.equal(formatMillis(999.4), "999 ms");
  assert.equal(formatMillis(3400), "3.4 s");
  assert.equal(formatMillis(125_000), "2 m 05 s");
});
