import assert from "node:assert/strict";
import {
  DEFAULT_PERFORMANCE_PARAMS,
  MonitorParams,
  performanceWindows,
} from "../../../lib/drift/performance/mod.ts";
import { loadParamsSection, PARAMS_ENV } from "../../../lib/stage/params.ts";

Deno.test("an empty monitor section gives the default performance params", () => {
  assert.deepEqual(MonitorParams.parse({}).performance, DEFAULT_PERFORMANCE_PARAMS);
  assert.deepEqual(DEFAULT_PERFORMANCE_PARAMS, {
    window: "7d",
    windows: 12,
    min_labelled_rows: 100,
    label_delay: "30d",
    max_auc_drop: 0.05,
    calibration_bins: 10,
  });
});

Deno.test("a threshold that is not a number fails naming its dotted key", async () => {
  Deno.env.set(
    PARAMS_ENV,
    JSON.stringify({ monitor: { performance: { max_auc_drop: "a lot", window: "weekly" } } }),
  );
  try {
    await assert.rejects(
      () => loadParamsSection("monitor", MonitorParams),
      (error: Error) => {
        assert.equal(
          error.message,
          [
            "Invalid params: 2 problems",
            '  - Invalid param monitor.performance.window: must be a duration such as "7d", "12h" or "30m", got "weekly"',
            '  - Invalid param monitor.performance.max_auc_drop: must be a number ≥ 0 and ≤ 1, got "a lot"',
          ].join("\n"),
        );
        return true;
      },
    );
  } finally {
    Deno.env.delete(PARAMS_ENV);
  }
});

Deno.test("windows end at the last boundary at least label_delay ago, oldest first", () => {
  const windows = performanceWindows(new Date("2026-12-01T12:00:00Z"), {
    window: "1d",
    windows: 3,
    label_delay: "2d",
  });
  assert.deepEqual(
    windows.map((w) => `${new Date(w.from).toISOString()} ${new Date(w.to).toISOString()}`),
    [
      "2026-11-26T00:00:00.000Z 2026-11-27T00:00:00.000Z",
      "2026-11-27T00:00:00.000Z 2026-11-28T00:00:00.000Z",
      "2026-11-28T00:00:00.000Z 2026-11-29T00:00:00.000Z",
    ],
  );
});
