import assert from "node:assert/strict";
import { MonitorParams } from "../../../lib/monitor/mod.ts";
import { loadParamsSection, PARAMS_ENV } from "../../../lib/stage/params.ts";

Deno.test("an empty monitor section gives the default retrain params", () => {
  assert.deepEqual(MonitorParams.parse({}).retrain, { window: "90d", min_labelled_rows: 100 });
});

Deno.test("a bad retrain param fails naming its dotted key and rule", async () => {
  Deno.env.set(
    PARAMS_ENV,
    JSON.stringify({ monitor: { retrain: { min_labelled_rows: "many", window: "quarterly" } } }),
  );
  try {
    await assert.rejects(
      () => loadParamsSection("monitor", MonitorParams),
      (error: Error) => {
        assert.match(error.message, /Invalid param monitor\.retrain\.window: must be a duration/);
        assert.match(
          error.message,
          /Invalid param monitor\.retrain\.min_labelled_rows: must be an integer ≥ 1, got "many"/,
        );
        return true;
      },
    );
  } finally {
    Deno.env.delete(PARAMS_ENV);
  }
});
