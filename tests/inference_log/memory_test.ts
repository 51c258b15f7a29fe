import assert from "node:assert/strict";
import { createMemoryLogStore } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "./fixtures.ts";

Deno.test("the memory log store keeps appended records in order", async () => {
  const store = createMemoryLogStore();
  const records = makeRecords(3);
  store.append(records.slice(0, 2));
  store.append(records.slice(2));
  assert.deepEqual(store.records, records);
  assert.deepEqual(store.stats(), { written: 3, dropped: 0, failures: 0, pending: 0, lost: 0 });
  await store.close();
});
