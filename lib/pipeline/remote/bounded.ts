/** Runs transfers a bounded number at a time, collecting failures instead of stopping. */

/** What one item's run ended with. */
export type Settled<T> = { item: T; error?: unknown };

/**
 * Calls `fn` on every item with at most `jobs` calls in flight; resolves once all are done,
 * in item order, each with its error if it failed.
 * @example
 * ```ts
 * import { forEachBounded } from "./bounded.ts";
 * let inFlight = 0, most = 0;
 * await forEachBounded([1, 2, 3, 4, 5], 2, async () => {
 *   most = Math.max(most, ++inFlight);
 *   await Promise.resolve();
 *   inFlight--;
 * });
 * if (most !== 2) throw new Error(`at most ${most} in flight`);
 * ```
 */
export async function forEachBounded<T>(
  items: readonly T[],
  jobs: number,
  fn: (item: T) => Promise<void>,
): Promise<Settled<T>[]> {
  const settled: Settled<T>[] = items.map((item) => ({ item }));
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      try {
        await fn(items[index]);
      } catch (error) {
        settled[index].error = error;
      }
    }
  }
  const workers = Math.max(1, Math.min(jobs, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return settled;
}
