/**
 * `exp report [NAMES…] [--out FILE]`: the tracking page, every experiment in the table
 * and the bars, the named ones (default: every done one) overlaid in the ROC and PR
 * curves.
 */
import { dirname, relative, resolve } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import { buildExperimentTable } from "../pipeline/experiments/table.ts";
import { loadView, loadViews } from "../pipeline/experiments/views.ts";
import {
  curvePlots,
  type CurveSource,
  experimentCurves,
} from "../pipeline/experiments/report_curves.ts";
import { renderExperimentsPage } from "../pipeline/experiments/report.ts";
import { flattenKeys } from "../pipeline/spec/flatten.ts";
import { loadPipeline } from "../pipeline/spec/load.ts";
import { parseArgs } from "./args.ts";

/** Where the page goes unless `--out` says otherwise (reports/ is git-ignored). */
export const DEFAULT_EXP_REPORT_OUT = "reports/experiments/index.html";

/** Runs `exp report`; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp report", args, { strings: ["out"], aliases: { o: "out" } });
  const spec = await loadPipeline(root);
  const views = await loadViews(root);
  const table = buildExperimentTable(views, flattenKeys(spec.params));
  const records = views.flatMap((v) => v.record === undefined ? [] : [v.record]);
  let chosen: CurveSource[];
  if (parsed.positional.length > 0) {
    chosen = [];
    for (const name of new Set(parsed.positional)) {
      const { entry, record } = await loadView(root, name); // an unknown name names the nearest
      chosen.push(record ?? { name, status: entry?.status ?? "queued", baseCommit: null });
    }
  } else chosen = records.filter((r) => r.status === "done");
  const curves = await experimentCurves(root, chosen, curvePlots(spec.plots));
  const page = renderExperimentsPage(table, curves, chosen.map((r) => r.name), {
    generatedAt: new Date().toISOString(),
  });
  const out = resolve(root, parsed.strings.get("out") ?? DEFAULT_EXP_REPORT_OUT);
  await Deno.mkdir(dirname(out), { recursive: true });
  await writeFileAtomic(out, new TextEncoder().encode(page));
  const shown = relative(root, out);
  console.log(
    `${table.rows.length} experiment${table.rows.length === 1 ? "" : "s"} written to ${
      shown.startsWith("..") ? out : shown
    }`,
  );
  return 0;
}
