/**
 * `plots show [targets…]` and `plots diff [revs…]`: the curves pipeline.yaml declares
 * (`plots:`), rendered into one HTML page (Observable Plot, offline), the revisions
 * overlaid one colour each, as `dvc plots diff` does.
 */
import { join, relative, resolve } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import { loadPipelineCached } from "../pipeline/run/load_cached.ts";
import { openRevision } from "../pipeline/revision.ts";
import { openRevisionOuts } from "../pipeline/revision_out.ts";
import {
  collectPlots,
  type PlotData,
  type PlotSide,
  renderPlotsPage,
  selectPlots,
} from "../pipeline/plots/mod.ts";
import { parseArgs, UsageError } from "./args.ts";

/** Where the page goes unless `--out` says otherwise (reports/ is git-ignored). */
export const DEFAULT_PLOTS_OUT = "reports/plots/index.html";

/** The name that stands for the work tree among revisions. */
export const WORKSPACE = "workspace";

/** Usage text of the plots command. */
export const PLOTS_USAGE = `Usage: deno task plots show [targets…] [--out FILE] [--json]
       deno task plots diff [revs…] [--target NAME]… [--out FILE] [--json]

show   the plots of pipeline.yaml (plots:) as the work tree has their data
diff   the same at git revisions, overlaid one colour per revision: no rev compares
       HEAD with the workspace, one rev compares it with the workspace, two or more
       compare those ("workspace" names the work tree); a revision's file comes from
       the cache by the hash in its pipeline.lock, or from git when it is tracked there

  --target NAME   a plot to draw (repeatable; default every plot) — diff only, show
                  takes the names as arguments
  -o, --out FILE  the HTML page to write (default ${DEFAULT_PLOTS_OUT})
  --json          print the plots' data (each plot's declaration and its lines) as JSON
                  instead of writing the page
  -h, --help      print this help`;

function workspaceSide(root: string): PlotSide {
  return {
    name: WORKSPACE,
    async read(path) {
      try {
        return await Deno.readFile(join(root, path));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
    },
  };
}

async function revisionSide(root: string, rev: string): Promise<PlotSide> {
  if (rev === WORKSPACE) return workspaceSide(root);
  const outs = await openRevisionOuts(root, await openRevision(root, rev));
  return { name: rev, read: (path) => outs.read(path) };
}

/** The revisions `plots diff` compares for the revisions given. */
export function diffRevisions(revs: string[]): string[] {
  const unique = [...new Set(revs)];
  if (unique.length === 0) return ["HEAD", WORKSPACE];
  if (unique.length === 1) return unique[0] === WORKSPACE ? unique : [unique[0], WORKSPACE];
  return unique;
}

function asJson(data: PlotData[]): string {
  return JSON.stringify(
    {
      plots: data.map(({ plot, series }) => ({
        ...plot,
        lines: series.map((s) => ({
          name: s.name,
          revision: s.revision,
          ...(s.group === undefined ? {} : { group: s.group }),
          points: s.x.map((x, i) => ({ x, y: s.y[i] })),
        })),
      })),
    },
    null,
    2,
  );
}

/** Runs `plots <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("plots", args, {
    booleans: ["json", "help"],
    strings: ["out"],
    lists: ["target"],
    aliases: { h: "help", o: "out" },
  });
  if (parsed.booleans.has("help")) {
    console.log(PLOTS_USAGE);
    return 0;
  }
  const [subcommand, ...rest] = parsed.positional;
  if (subcommand !== "show" && subcommand !== "diff") {
    throw new UsageError(
      subcommand === undefined
        ? `Missing subcommand for plots\n\n${PLOTS_USAGE}`
        : `Unknown subcommand for plots: ${subcommand}\n\n${PLOTS_USAGE}`,
    );
  }
  const targets = parsed.lists.get("target") ?? [];
  if (subcommand === "show" && targets.length > 0) {
    throw new UsageError(
      "Flag --target is for plots diff: plots show takes the names as arguments",
    );
  }
  const spec = await loadPipelineCached(root);
  const plots = selectPlots(spec.plots ?? [], subcommand === "show" ? rest : targets);
  const revisions = subcommand === "show" ? [WORKSPACE] : diffRevisions(rest);
  const sides: PlotSide[] = [];
  for (const rev of revisions) sides.push(await revisionSide(root, rev));
  const data = await collectPlots(plots, sides);
  if (parsed.booleans.has("json")) {
    console.log(asJson(data));
    return 0;
  }
  const out = resolve(root, parsed.strings.get("out") ?? DEFAULT_PLOTS_OUT);
  const page = renderPlotsPage(data, {
    generatedAt: new Date().toISOString(),
    title: subcommand === "show" ? "Plots" : `Plots: ${revisions.join(" vs ")}`,
  });
  await Deno.mkdir(join(out, ".."), { recursive: true });
  await writeFileAtomic(out, new TextEncoder().encode(page));
  const shown = relative(root, out);
  console.log(
    `${data.length} plot${data.length === 1 ? "" : "s"} of ${revisions.join(", ")} written to ${
      shown.startsWith("..") ? out : shown
    }`,
  );
  return 0;
}
