/**
 * The drift site's index: the verdict (dataset drift, prediction drift, window size),
 * PSI of the most drifted features, and every feature in a table sorted by drift.
 */
import {
  barsPlot,
  type Cell,
  figure,
  formatNumber,
  html,
  type Lineage,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import type { DriftReport, FeatureDrift } from "../stats/mod.ts";
import { featurePath, PREDICTION_PAGE, siteNav } from "./links.ts";
import { statusBadge } from "./status.ts";

const TOP_FEATURES = 20;

/** The index page's HTML. */
export function renderIndexPage(report: DriftReport, lineage: Lineage): string {
  const { dataset, window, thresholds } = report;
  const verdict = dataset.smallWindow
    ? `Window too small to judge: ${window.rows} rows (min_rows ${thresholds.min_rows}).`
    : `${dataset.drifted} of ${dataset.judged} features drifted (${
      formatNumber(dataset.share * 100, 3)
    }%); dataset drift is declared at ${formatNumber(thresholds.dataset_share * 100, 3)}%: ${
      dataset.datasetDrifted ? "DRIFTED" : "not drifted"
    }.`;
  const top = report.features.filter((f) => Number.isFinite(f.psi)).slice(0, TOP_FEATURES);
  const sections = [
    {
      title: "Verdict",
      content: [
        paragraph(verdict),
        paragraph(
          `Window: ${window.rows} rows from ${window.source}${
            window.from ? `, ${window.from} to ${window.to}` : ""
          }; reference: ${report.referenceRows} training rows.`,
        ),
        ...readingNotes(window),
        renderHtmlTable({
          columns: ["", "status", "PSI", "KS D", "KS p", "reasons"],
          rows: report.prediction
            ? [[
              html`<a href="${PREDICTION_PAGE}">score (prediction drift)</a>`,
              statusBadge(report.prediction.status),
              report.prediction.psi,
              report.prediction.ks?.statistic,
              report.prediction.ks?.pValue,
              report.prediction.reasons.join("; "),
            ]]
            : [["score (prediction drift)", "–", null, null, null, "no production model"]],
        }),
      ],
    },
    {
      title: "Most drifted features",
      note:
        `PSI on reference quantile bins (categories for categorical features); dashed lines at ${thresholds.psi_warn} (warn) and ${thresholds.psi_alert} (alert).`,
      content: top.length > 0
        ? [figure(renderPlot(barsPlot({
          bars: top.map((f) => ({ category: f.name, value: f.psi })),
          category: { label: "Feature" },
          value: { label: "PSI", unit: "index" },
          horizontal: true,
          rules: [thresholds.psi_warn, thresholds.psi_alert],
        })))]
        : [paragraph("No feature could be judged.")],
    },
    {
      title: "All features",
      note:
        "Sorted by status, then PSI. KS for numeric features; chi-square and Jensen–Shannon distance (bits) for categorical and boolean ones.",
      content: [renderHtmlTable({
        columns: [
          "feature",
          "type",
          "status",
          "PSI",
          "KS D",
          "KS p",
          "χ² p",
          "JS",
          "missing ref",
          "missing cur",
          "reasons",
        ],
        rows: report.features.map(featureRow),
      })],
    },
    ...(report.absent.length > 0
      ? [{
        title: "Not in the window",
        note:
          "Features neither the window's rows nor the production version's feature snapshot supply (history aggregates of unknown keys are missing, not absent); not judged.",
        content: [paragraph(report.absent.join(", "))],
      }]
      : []),
  ];
  return renderPage({
    title: "Drift report",
    subtitle: `Reference: the training split. Current: ${window.source}.`,
    lineage,
    nav: siteNav(0),
    sections,
  });
}

function featureRow(f: FeatureDrift): Cell[] {
  return [
    html`<a href="${featurePath(f.name)}">${f.name}</a>`,
    f.type,
    statusBadge(f.status),
    f.psi,
    f.ks?.statistic,
    f.ks?.pValue,
    f.chiSquare?.pValue,
    f.jensenShannon,
    percent(f.missing.reference),
    percent(f.missing.current),
    f.reasons.join("; "),
  ];
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${formatNumber(value * 100, 3)}%` : "–";
}

/** What a csv version's rules met in the window: unseen levels and unreadable values, per field. */
function readingNotes(window: DriftReport["window"]): ReturnType<typeof paragraph>[] {
  const list = (counts: Record<string, number> | undefined) =>
    Object.entries(counts ?? {}).map(([field, n]) => `${field} (${n} ${n === 1 ? "row" : "rows"})`)
      .join(", ");
  const notes: string[] = [];
  const unseen = list(window.unseenLevels);
  if (unseen !== "") {
    notes.push(`Category levels the model never saw, scored as missing: ${unseen}.`);
  }
  const unreadable = list(window.unreadable);
  if (unreadable !== "") {
    notes.push(`Values the version's rules cannot read, taken as missing: ${unreadable}.`);
  }
  return notes.map(paragraph);
}
