import assert from "node:assert/strict";
import { selectRetrainRows } from "../../../lib/monitor/retrain/select.ts";
import { csvLine } from "../../../lib/monitor/retrain/csv_line.ts";
import type { LabelledRequest } from "../../../lib/inference_log/mod.ts";

const row = (
  logId: number,
  inputs: Record<string, unknown>,
  extra: Partial<LabelledRequest> = {},
) => ({
  logId,
  requestId: `r${logId}`,
  time: logId * 1000,
  modelVersion: "v0001",
  endpoint: "/predict",
  inputs,
  outcome: 1 as const,
  shadow: false,
  ...extra,
});

Deno.test("shadow rows, feature vectors, reference ids, missing ids and repeats are left out and counted", () => {
  const labelled = [
    row(1, { id: 10 }),
    row(2, { id: 10 }, { shadow: true }),
    row(3, { id: "11 " }),
    row(4, {}, { endpoint: "/v2/infer:features" }),
    row(5, { id: null }),
    row(6, { id: 12 }),
    row(7, { id: 10 }),
  ];
  const { rows, counts } = selectRetrainRows(labelled, {
    idColumn: "id",
    referenceIds: new Set(["11"]),
  });
  assert.deepEqual(rows.map((r) => r.logId), [6, 7]);
  assert.deepEqual(counts, {
    labelled: 7,
    shadow: 1,
    featureVector: 1,
    noId: 1,
    inReference: 1,
    repeated: 1,
    taken: 2,
  });
});

Deno.test("without an id column every answered row is taken", () => {
  const { counts } = selectRetrainRows([row(1, {}), row(2, {}), row(3, {}, { shadow: true })], {
    idColumn: null,
    referenceIds: new Set(),
  });
  assert.equal(counts.taken, 2);
});

Deno.test("a logged row is written in the contract's spelling, quoted where the dialect needs it", () => {
  const format = {
    targetColumn: "bad",
    positiveLabel: "Y",
    negativeLabel: "N",
    idColumn: null,
    missingMarkers: ["NA"],
    trueValues: ["si"],
    falseValues: ["no"],
  };
  const line = csvLine(
    ["a", "b", "c", "d", "bad"],
    { a: false, b: null, c: 'say "hi"; ok', bad: "Y", extra: 1 },
    0,
    format,
    { delimiter: ";", quote: '"' },
  );
  assert.equal(line, 'no;NA;"say ""hi""; ok";NA;N');
});
