/** `exp queue status`: the journal folded, after marking the experiments of dead runners failed. */
import { foldJournal } from "../pipeline/experiments/journal.ts";
import { recoverDeadRuns } from "../pipeline/experiments/recover.ts";
import { renderTable } from "./table.ts";

/**
 * The status listing (a table and counts, or JSON).
 * @example
 * ```ts
 * import { queueStatusText } from "./exp_status.ts";
 * const root = await Deno.makeTempDir();
 * const text = await queueStatusText(root, false);
 * await Deno.remove(root, { recursive: true });
 * if (!text.includes("0 queued")) throw new Error(text);
 * ```
 */
export async function queueStatusText(root: string, json: boolean): Promise<string> {
  await recoverDeadRuns(root);
  const entries = [...(await foldJournal(root)).values()].sort((a, b) => a.order - b.order);
  if (json) {
    return JSON.stringify(entries.map((e) => ({
      name: e.name,
      status: e.status,
      attempt: e.attempt,
      queuedAt: e.queuedAt,
      setParams: e.def.setParams,
      ...(e.error === undefined ? {} : { error: e.error }),
    })));
  }
  const counts = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const entry of entries) counts[entry.status]++;
  const rows = entries.map((e) => [
    e.name,
    e.status,
    String(e.attempt),
    e.queuedAt,
    e.def.setParams.join(" "),
    e.status === "failed" ? e.error ?? "" : "",
  ]);
  const summary = `${counts.queued} queued, ${counts.running} running, ${counts.done} done, ` +
    `${counts.failed} failed`;
  if (rows.length === 0) return summary;
  return renderTable(["Experiment", "Status", "Attempt", "Queued", "Params", "Error"], rows, [2]) +
    `\n${summary}`;
}
