/** A hand-made drift report and history for the site page tests. */
import type { ManifestFeature } from "../../../lib/features/manifest/mod.ts";
import {
  compareWindows,
  type DriftHistory,
  type DriftReport,
  DriftThresholds,
  historyEntry,
} from "../../../lib/drift/stats/mod.ts";
import type { Lineage } from "../../../lib/report/mod.ts";

export const lineage: Lineage = {
  modelVersion: "v0007",
  gitCommit: "0123456789abcdef",
  generatedAt: "2026-02-03T04:05:06.000Z",
};

const ramp = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => i + offset);

const features: ManifestFeature[] = [
  { name: "steady", type: "numeric", source: "application_train", description: "" },
  { name: "moved", type: "numeric", source: "application_train", description: "" },
  {
    name: "GENDER",
    type: "categorical",
    levels: ["F", "M"],
    source: "application_train",
    description: "",
  },
  { name: "BURO_X", type: "numeric", source: "bureau", description: "" },
];

/** Columns behind the report, by feature name (and "score"). */
export const values = new Map<string, { reference: Float64Array; current: Float64Array }>([
  ["steady", { reference: ramp(40), current: ramp(40) }],
  ["moved", { reference: ramp(40), current: ramp(40, 100) }],
  ["GENDER", {
    reference: Float64Array.from(ramp(40), (i) => i % 2),
    current: Float64Array.from(ramp(40), (i) => (i % 4 === 0 ? 1 : 0)),
  }],
  ["score", { reference: ramp(40).map((v) => v / 40), current: ramp(40).map((v) => v / 50) }],
]);

/** A report of four features (one absent), with prediction drift. */
export function sampleReport(generatedAt = lineage.generatedAt): DriftReport {
  const get = (name: string) => values.get(name) ?? { reference: ramp(40), current: ramp(40) };
  return compareWindows(
    {
      features,
      reference: features.map((f) => get(f.name).reference),
      current: features.map((f) => get(f.name).current),
      referenceScores: get("score").reference,
      currentScores: get("score").current,
      absent: ["BURO_X"],
    },
    { source: "window.parquet", rows: 40, modelVersions: ["v0007"] },
    { generatedAt, modelVersion: "v0007", thresholds: DriftThresholds.parse({ min_rows: 10 }) },
  );
}

/** A history of `runs` copies of the sample report. */
export function sampleHistory(runs: number): DriftHistory {
  return {
    formatVersion: 1,
    runs: Array.from(
      { length: runs },
      (_, k) => historyEntry(sampleReport(`2026-02-0${k + 1}T00:00:00.000Z`)),
    ),
  };
}
