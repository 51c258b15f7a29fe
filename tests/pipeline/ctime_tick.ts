/** Waiting for the filesystem's ctime clock, for tests of ctime-keyed caches. */
import { join } from "node:path";

/**
 * Waits until a file changed now in `dir` gets a ctime later than `ctimeMs`, so an edit
 * made afterwards is told apart by its ctime. Deno reports ctime in whole seconds, so this
 * can take up to a second; it is a bounded wait on a condition, not a fixed sleep.
 */
export async function untilCtimeTicksPast(dir: string, ctimeMs: number): Promise<void> {
  const probe = join(dir, ".ctime-probe");
  await Deno.writeTextFile(probe, "");
  try {
    for (let attempt = 0; attempt < 400; attempt++) {
      await Deno.chmod(probe, attempt % 2 === 0 ? 0o600 : 0o644);
      if ((await Deno.stat(probe)).ctime!.getTime() > ctimeMs) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await Deno.remove(probe);
  }
  throw new Error(`Cannot see a ctime past ${ctimeMs}: the filesystem clock did not move`);
}
