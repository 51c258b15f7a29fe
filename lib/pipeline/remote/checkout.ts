/** After a pull: put the pulled outs into the work tree, as repro would restore them. */
import { openCache } from "../store/cache.ts";
import { createHasher } from "../store/stat_cache.ts";
import type { OutRef } from "./refs.ts";

/** What `checkoutOuts` did with each out. */
export interface CheckoutResult {
  /** Outs written from the cache (they were missing). */
  restored: string[];
  /** Outs already as pipeline.lock records them. */
  upToDate: string[];
  /** Outs that exist with other content: left alone (repro decides what they become). */
  kept: string[];
  /** Outs whose objects are not in the local cache. */
  missing: string[];
}

/**
 * Checks out every missing out from the local cache; an out that exists with different
 * content is kept (it may be the user's edit), and named in the result.
 */
export async function checkoutOuts(root: string, outs: OutRef[]): Promise<CheckoutResult> {
  const cache = openCache(root);
  const hasher = await createHasher(root);
  const result: CheckoutResult = { restored: [], upToDate: [], kept: [], missing: [] };
  for (const out of outs) {
    const current = await hasher.hashPath(out.path);
    if (current?.hash === out.hash) result.upToDate.push(out.path);
    else if (current !== undefined) result.kept.push(out.path);
    else if (await cache.checkout(out.path, out.hash)) result.restored.push(out.path);
    else result.missing.push(out.path);
  }
  await hasher.flush();
  return result;
}
