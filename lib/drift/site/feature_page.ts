/**
 * A feature's page: reference and current distributions overlaid, the shares in the
 * PSI bins (or categories), and every metric with the verdict.
 */
import {
  barsPlot,
  figure,
  formatNumber,
  histogramPlot,
  type Lineage,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import { type FeatureDrift, sortedFinite } from "../stats/mod.ts";
import { siteNav } from "./links.ts";
import { statusBadge } from "./status.ts";

const HISTOGRAM_BINS = 30;

/** One feature's values on both sides, for its charts. */
export interface FeatureValues {
  reference: Float64Array;
  current: Float64Array;
  /**
   * Rows each reference value stands for (default 1): a sketched reference is drawn as a
   * sample of its CDF, weighted back to its size where both samples are pooled.
   */
  referenceWeight?: number;
}

/** The HTML of one feature's page (or the score's), `depth` folders below the site root. */
export function renderFeaturePage(
  drift: FeatureDrift,
  values: FeatureValues,
  lineage: Lineage,
  depth = 1,
): string {
  const shares = renderPlot(barsPlot({
    bars: drift.bins.flatMap((b) => [
      { category: b.label, value: b.referenceShare, group: "reference" },
      { category: b.label, value: b.currentShare, group: "current" },
    ]),
    category: { label: drift.type === "numeric" ? "Reference quantile bin" : "Category" },
    value: { label: "Share of non-missing rows", percent: true },
    horizontal: true,
  }));
  const charts = drift.type === "numeric"
    ? [
      figure(
        renderPlot(histogramPlot({
          groups: [
            { name: "reference", values: values.reference },
            { name: "current", values: values.current },
          ],
          x: { label: drift.name, unit: "value" },
          edges: trimmedEdges(values.reference, values.current, values.referenceWeight ?? 1),
        })),
        "Distributions, equal-width bins between the 1st and 99th percentiles of both samples (values beyond fall in the end bins).",
      ),
      figure(shares, "Shares in the reference quantile bins PSI is computed on."),
    ]
    : [figure(shares, "Shares of each category, missing values left out.")];
  const metrics: [string, string | number | undefined][] = [
    ["PSI", drift.psi],
    ["KS statistic D", drift.ks?.statistic],
    ["KS p-value", drift.ks?.pValue],
    ["χ² statistic", drift.chiSquare?.statistic],
    ["χ² degrees of freedom", drift.chiSquare?.degreesOfFreedom],
    ["χ² p-value", drift.chiSquare?.pValue],
    ["Jensen–Shannon distance (bits)", drift.jensenShannon],
    ["missing rate, reference", drift.missing.reference],
    ["missing rate, current", drift.missing.current],
    ["reference rows", drift.referenceRows],
    ["current rows", drift.currentRows],
  ];
  return renderPage({
    title: `Drift: ${drift.name}`,
    subtitle: `${drift.type} feature`,
    lineage,
    nav: siteNav(depth),
    sections: [
      {
        title: "Verdict",
        content: [
          statusBadge(drift.status),
          paragraph(drift.reasons.length > 0 ? drift.reasons.join("; ") : "Within thresholds."),
          renderHtmlTable({
            columns: ["metric", "value"],
            rows: metrics.filter(([, v]) => v !== undefined),
            digits: 5,
          }),
        ],
      },
      { title: "Reference vs current", content: charts },
      {
        title: "PSI bins",
        content: [renderHtmlTable({
          columns: ["bin", "reference share", "current share", "PSI term"],
          rows: drift.bins.map((b) => [
            b.label,
            formatNumber(b.referenceShare, 4),
            formatNumber(b.currentShare, 4),
            b.contribution,
          ]),
        })],
      },
    ],
  });
}

/**
 * Equal-width edges over the 1st–99th percentile range of both samples together (the
 * values at those ranks of the pooled sorted values, each reference value counted
 * `referenceWeight` times).
 */
export function trimmedEdges(
  reference: Float64Array,
  current: Float64Array,
  referenceWeight = 1,
): number[] {
  const a = sortedFinite(reference);
  const b = sortedFinite(current);
  const total = a.length * referenceWeight + b.length;
  if (a.length + b.length === 0) return [0, 1];
  const lo = pooledAt(a, b, referenceWeight, Math.floor(0.01 * (total - 1)));
  const hi = pooledAt(a, b, referenceWeight, Math.ceil(0.99 * (total - 1)));
  if (!(hi > lo)) return [lo - 0.5, lo + 0.5];
  return Array.from(
    { length: HISTOGRAM_BINS + 1 },
    (_, k) => k === HISTOGRAM_BINS ? hi : lo + ((hi - lo) * k) / HISTOGRAM_BINS,
  );
}

/** The value at 0-based `rank` of the merged sorted samples (a's values weighing `weight`). */
function pooledAt(a: Float64Array, b: Float64Array, weight: number, rank: number): number {
  let i = 0;
  let j = 0;
  let seen = 0;
  while (i < a.length || j < b.length) {
    // Ties go to `a` first, as in one sorted pool the order of equal values does not matter.
    const fromA = j === b.length || (i < a.length && a[i] <= b[j]);
    const value = fromA ? a[i++] : b[j++];
    seen += fromA ? weight : 1;
    if (seen > rank) return value;
  }
  return a.length === 0
    ? b[b.length - 1]
    : b.length === 0
    ? a[a.length - 1]
    : Math.max(a[a.length - 1], b[b.length - 1]);
}
