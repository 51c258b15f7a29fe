/**
 * Writes the performance page and its report into the drift site, each through a temp file
 * beside it and a rename, so the API serving /drift/ never reads half a file. A drift run
 * that swaps the site in carries both over (write.ts).
 */
import { join } from "node:path";
import type { Lineage } from "../../report/mod.ts";
import type { PerformanceReport } from "../performance/mod.ts";
import { PERFORMANCE_PAGE, PERFORMANCE_REPORT, renderPerformancePage } from "./performance_page.ts";

/**
 * Writes performance.html and performance.json into `siteDir` (made when absent); returns
 * their paths.
 */
export async function writePerformanceSite(
  siteDir: string,
  report: PerformanceReport,
  lineage: Lineage,
): Promise<string[]> {
  await Deno.mkdir(siteDir, { recursive: true });
  const files: [string, string][] = [
    [PERFORMANCE_REPORT, JSON.stringify(report, null, 2) + "\n"],
    [PERFORMANCE_PAGE, renderPerformancePage(report, lineage)],
  ];
  const written: string[] = [];
  for (const [name, text] of files) {
    const path = join(siteDir, name);
    const temp = join(siteDir, `.${name}.${crypto.randomUUID()}.tmp`);
    try {
      await Deno.writeTextFile(temp, text);
      await Deno.rename(temp, path);
    } catch (error) {
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
    written.push(path);
  }
  return written;
}

/**
 * Copies the performance files of the site at `from` into `to` (a drift run's staging
 * folder); writes the "not run yet" page when there are none. Returns whether they existed.
 */
export async function carryPerformanceOver(
  from: string,
  to: string,
  placeholder: () => string,
): Promise<boolean> {
  try {
    await Deno.copyFile(join(from, PERFORMANCE_REPORT), join(to, PERFORMANCE_REPORT));
    await Deno.copyFile(join(from, PERFORMANCE_PAGE), join(to, PERFORMANCE_PAGE));
    return true;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    await Deno.remove(join(to, PERFORMANCE_REPORT)).catch(() => {});
    await Deno.writeTextFile(join(to, PERFORMANCE_PAGE), placeholder());
    return false;
  }
}
