/**
 * `deno task feedback --input outcomes.csv`: stores outcomes (ground truth) of logged
 * predictions beside the inference log, with the rules and join of POST /feedback. The good
 * rows are stored and every bad row listed with its field and rule; the exit code is 1 when
 * any row was rejected, so a corrected file can be sent again (stored rows come back as
 * duplicates).
 */
import { join } from "node:path";
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { renderTable } from "./table.ts";
import { readManifest } from "../features/manifest/mod.ts";
import {
  DEFAULT_SQLITE_PATH,
  openOutcomeStore,
  type OutcomeSummary,
} from "../inference_log/mod.ts";
import { readOutcomesCsv } from "../inference_log/outcome_csv.ts";
import { loadProductionVersion } from "../registry/mod.ts";

/** Usage text of `feedback`. */
export const FEEDBACK_USAGE = `Usage: deno task feedback --input FILE [options]
  --input FILE      CSV with a header: request_id and/or id, outcome (0 or 1), observed_at
                    (ISO 8601 date or date-time with an offset)
  --log FILE        SQLite inference log (default ${DEFAULT_SQLITE_PATH};
                    env DATABASE_URL selects PostgreSQL)
  --key FIELD       column an id joins on (default: the Production version's key)
  --registry DIR    model registry (default data/registry)
  --json            print the summary as JSON
  -h, --help        print this help
A row by request_id joins that request's prediction (give id too for a batch request); a row
by id alone joins the latest prediction for that id at or before observed_at.
Exit code 0 when every row was stored or a duplicate; 1 when any was rejected or on an
error; 2 on a usage error.`;

/** Rows sent to the store per transaction. */
const CHUNK = 5_000;

/** Runs the feedback command; returns the exit code. */
export async function main(args: string[], now: Date = new Date()): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(FEEDBACK_USAGE);
    return 0;
  }
  const flags = parseArgs("feedback", args, {
    booleans: ["json"],
    strings: ["input", "log", "key", "registry"],
  });
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for feedback: ${flags.positional[0]}`);
  }
  const input = flags.strings.get("input");
  if (input === undefined) throw new UsageError("Flag --input is required (a CSV of outcomes)");
  const rows = await readOutcomesCsv(input);
  if (rows.length === 0) throw new SyntaxError(`Cannot read outcomes from "${input}": no rows`);
  const key = flags.strings.get("key") ??
    await productionKey(flags.strings.get("registry") ?? "data/registry");
  const databaseUrl = Deno.env.get("DATABASE_URL");
  const store = await openOutcomeStore(
    databaseUrl ? { databaseUrl } : { sqlitePath: flags.strings.get("log") },
  );
  const summary: OutcomeSummary = { accepted: 0, duplicate: 0, rejected: 0, rows: [] };
  try {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const part = await store.record(rows.slice(start, start + CHUNK), {
        now,
        key,
        firstRow: start + 1,
      });
      summary.accepted += part.accepted;
      summary.duplicate += part.duplicate;
      summary.rejected += part.rejected;
      summary.rows.push(...part.rows);
    }
  } finally {
    await store.close();
  }
  console.log(flags.booleans.has("json") ? JSON.stringify(summary, null, 2) : summaryText(summary));
  return summary.rejected > 0 ? 1 : 0;
}

/** The Production version's key column, or undefined without one (ids then cannot join). */
async function productionKey(registry: string): Promise<string | undefined> {
  const production = await loadProductionVersion(registry).catch(() => undefined);
  if (production === undefined) return undefined;
  return (await readManifest(join(production.record.dir, "manifest.json"))).key;
}

/** The counts, then one line per issue of each rejected row (row = the CSV's data row). */
export function summaryText(summary: OutcomeSummary): string {
  const total = summary.rows.length;
  const head = `feedback: ${total} rows: ${summary.accepted} accepted, ${summary.duplicate} ` +
    `duplicate, ${summary.rejected} rejected`;
  const issues = summary.rows.flatMap((r) =>
    r.issues.map((i) => [String(r.row), i.field, i.rule, i.message.replace(/^Row \d+: /, "")])
  );
  if (issues.length === 0) return head;
  return `${head}\n${renderTable(["row", "field", "rule", "message"], issues, [0])}`;
}

if (import.meta.main) await runEntry(main, { failurePrefix: "feedback: " });
