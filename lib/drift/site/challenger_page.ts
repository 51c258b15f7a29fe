/**
 * The drift site's challenger page: champion against challenger over the window's shadow
 * pairs, per pair of versions — the figures (agreement of tiers, correlation, PSI, score
 * differences, latency), the paired scores against the diagonal, the tier agreement
 * matrix and both score distributions. A window without pairs gets a page that says so.
 */
import * as Plot from "@observablehq/plot";
import {
  figure,
  grid,
  histogramPlot,
  type Html,
  type Lineage,
  type PageSection,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
  thinIndices,
} from "../../report/mod.ts";
import type { ChallengerComparison, ChallengerReport, VersionPairs } from "../challenger/mod.ts";
import { siteNav } from "./links.ts";

/** The page's file name at the site root. */
export const CHALLENGER_PAGE = "challenger.html";
/** The comparison behind the page, beside it. */
export const CHALLENGER_REPORT = "challenger.json";

/** Points drawn in a scatter at most (evenly thinned beyond). */
const SCATTER_POINTS = 4000;

/**
 * The challenger page's HTML; `groups` are the pairs behind `report.comparisons`, in
 * the same order.
 */
export function renderChallengerPage(
  report: ChallengerReport,
  groups: readonly VersionPairs[],
  lineage: Lineage,
): string {
  const { unpaired } = report;
  const subtitle = `Shadow pairs of the window ${windowText(report)}: the champion answered, ` +
    `the challenger scored the same row off the response path. ` +
    `Rows without their partner in the window: ${unpaired.champion} champion, ` +
    `${unpaired.challenger} challenger.`;
  if (report.comparisons.length === 0) {
    return renderPage({
      title: "Champion vs challenger",
      subtitle,
      lineage,
      nav: siteNav(0),
      sections: [{
        title: "No shadow pairs in this window",
        id: "no-pairs",
        content: [paragraph(
          "No row of this window has both a champion and a challenger score. Serve a shadow " +
            "release (serve.release mode shadow, or deno task serve --release FILE) and run " +
            "drift on a window of the inference log that holds its traffic.",
        )],
      }],
    });
  }
  return renderPage({
    title: "Champion vs challenger",
    subtitle,
    lineage,
    nav: siteNav(0),
    sections: [
      {
        title: "Summary",
        note: "One row per pair of versions seen in the window, most pairs first.",
        content: [summaryTable(report.comparisons)],
      },
      ...report.comparisons.flatMap((c, k) => versionSections(c, groups[k], k)),
    ],
  });
}

function summaryTable(comparisons: readonly ChallengerComparison[]): Html {
  const ms = (c: ChallengerComparison, side: "champion" | "challenger") => {
    const l = c.latencyMs[side];
    return l === null ? "not logged" : `${fixed(l.p50)} / ${fixed(l.p95)} / ${fixed(l.p99)}`;
  };
  return renderHtmlTable({
    columns: [
      "champion",
      "challenger",
      "pairs",
      "tier agreement",
      "Pearson r",
      "Spearman ρ",
      "PSI",
      "mean |Δ score|",
      "max |Δ score|",
      "champion ms p50/p95/p99",
      "challenger ms p50/p95/p99",
    ],
    rows: comparisons.map((c) => [
      c.champion,
      c.challenger,
      c.pairs,
      c.tiers.agreement,
      c.correlation.pearson,
      c.correlation.spearman,
      c.psi.value,
      c.scoreDifference.mean,
      c.scoreDifference.max,
      ms(c, "champion"),
      ms(c, "challenger"),
    ]),
    digits: 4,
  });
}

function versionSections(
  c: ChallengerComparison,
  pairs: VersionPairs,
  k: number,
): PageSection[] {
  const name = `${c.champion} vs ${c.challenger}`;
  return [
    {
      title: `Scores: ${name}`,
      id: `scores-${k}`,
      note: "Each pair's champion score against its challenger score (on the diagonal when " +
        "they agree); the two score distributions in the same bins.",
      content: [grid(scatter(c, pairs), distributions(c, pairs))],
    },
    {
      title: `Tiers: ${name}`,
      id: `tiers-${k}`,
      note: `Pairs by the tier each version gave; ${percent(c.tiers.agreement)} on the diagonal.`,
      content: [grid(agreementChart(c), agreementTable(c))],
    },
    {
      title: `Latency: ${name}`,
      id: `latency-${k}`,
      note: "Milliseconds each version took to score the call a row came in (features and " +
        "ONNX, as logged in latency_ms): a batch's rows share their call, and the " +
        "challenger scores gathered requests together off the response path.",
      content: [latencyTable(c)],
    },
  ];
}

function scatter(c: ChallengerComparison, pairs: VersionPairs): Html {
  const kept = thinIndices(pairs.pairIds.length, SCATTER_POINTS);
  const points = Array.from(kept, (i) => ({
    champion: pairs.champion.scores[i],
    challenger: pairs.challenger.scores[i],
  }));
  const shown = kept.length < pairs.pairIds.length
    ? ` (${kept.length} of ${pairs.pairIds.length} pairs, evenly spaced)`
    : "";
  return figure(
    renderPlot({
      width: 420,
      height: 400,
      marginLeft: 56,
      marginBottom: 44,
      x: { label: `Champion ${c.champion} score (%)`, percent: true, domain: [0, 100] },
      y: { label: `Challenger ${c.challenger} score (%)`, percent: true, domain: [0, 100] },
      marks: [
        Plot.gridX(),
        Plot.gridY(),
        Plot.line([[0, 0], [1, 1]], { stroke: "#999", strokeDasharray: "4 3" }),
        Plot.dot(points, {
          x: "champion",
          y: "challenger",
          r: 2,
          fillOpacity: 0.4,
          fill: "#1f77b4",
        }),
      ],
    }),
    `Paired scores${shown}; dashed: equal scores.`,
  );
}

function distributions(c: ChallengerComparison, pairs: VersionPairs): Html {
  return figure(
    renderPlot(histogramPlot({
      groups: [
        { name: `champion ${c.champion}`, values: pairs.champion.scores },
        { name: `challenger ${c.challenger}`, values: pairs.challenger.scores },
      ],
      x: { label: "Predicted default probability", percent: true },
      bins: 30,
      width: 460,
    })),
    `Score distributions, PSI ${
      fixed(c.psi.value, 4)
    } (challenger against the champion's deciles).`,
  );
}

function agreementChart(c: ChallengerComparison): Html {
  const cells = c.tiers.labels.flatMap((champion, i) =>
    c.tiers.labels.map((challenger, j) => ({ champion, challenger, pairs: c.tiers.matrix[i][j] }))
  );
  return figure(
    renderPlot({
      width: 360,
      height: 300,
      marginLeft: 90,
      marginBottom: 50,
      padding: 0.05,
      x: { label: `Challenger ${c.challenger} tier`, domain: c.tiers.labels },
      y: { label: `Champion ${c.champion} tier`, domain: c.tiers.labels },
      color: { scheme: "blues", type: "sqrt" },
      marks: [
        Plot.cell(cells, { x: "challenger", y: "champion", fill: "pairs" }),
        Plot.text(cells, { x: "challenger", y: "champion", text: "pairs", fill: "black" }),
      ],
    }),
    "Pairs per champion tier (rows) and challenger tier (columns).",
  );
}

function agreementTable(c: ChallengerComparison): Html {
  return renderHtmlTable({
    columns: ["champion tier \\ challenger tier", ...c.tiers.labels, "pairs"],
    rows: c.tiers.labels.map((label, i) => [
      label,
      ...c.tiers.matrix[i],
      c.tiers.matrix[i].reduce((sum, n) => sum + n, 0),
    ]),
  });
}

function latencyTable(c: ChallengerComparison): Html {
  const row = (role: string, version: string, l: ChallengerComparison["latencyMs"]["champion"]) =>
    l === null
      ? [role, version, 0, null, null, null]
      : [role, version, l.rows, l.p50, l.p95, l.p99];
  return renderHtmlTable({
    columns: ["role", "version", "rows with latency", "p50 ms", "p95 ms", "p99 ms"],
    rows: [
      row("champion", c.champion, c.latencyMs.champion),
      row("challenger", c.challenger, c.latencyMs.challenger),
    ],
    digits: 4,
  });
}

function windowText(report: ChallengerReport): string {
  const w = report.window;
  return w.from === undefined ? w.source : `${w.source} (${w.from} – ${w.to})`;
}

function fixed(value: number, digits = 3): string {
  return value.toFixed(digits);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
