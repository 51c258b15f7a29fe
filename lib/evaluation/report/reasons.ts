/** The reason-code section: which top features the reason table leaves unmapped (a warning). */
import { badge, type PageSection, paragraph, renderHtmlTable } from "../../report/mod.ts";
import type { ReasonCoverage } from "../../governance/reasons/mod.ts";

/**
 * The reason table's coverage of the top features by mean |SHAP|: a table of the
 * unmapped ones (a client would be told the feature's name, not a reason), or a line
 * saying all are mapped.
 */
export function reasonCoverageSection(coverage: ReasonCoverage): PageSection {
  const where = coverage.table === null
    ? "No reason table is configured (params governance.reasons): every principal reason is a feature's own name."
    : `Reason table ${coverage.table}.`;
  const content = coverage.unmapped.length === 0
    ? [paragraph(`Each of the top ${coverage.checked} features has a reason code.`)]
    : [
      paragraph(
        `${coverage.unmapped.length} of the top ${coverage.checked} features have no reason code.`,
      ),
      renderHtmlTable({
        columns: ["rank", "feature", "mean |SHAP|", ""],
        rows: coverage.unmapped.map((
          f,
        ) => [f.rank, f.name, f.meanAbsShap, badge("unmapped", "warn")]),
      }),
    ];
  return {
    title: "Reason codes",
    note: `${where} Principal reasons (up to four per applicant) group features by reason ` +
      `code; the top features by mean |SHAP| are checked for a code.`,
    content,
  };
}
