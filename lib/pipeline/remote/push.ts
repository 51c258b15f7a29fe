/**
 * `push`: send the cache objects (and run-cache entries) of pipeline.lock's outs to a
 * remote, only those it lacks, a bounded number at a time. Files go before the directory
 * manifest that lists them and outs before the run entry that restores them, so a remote
 * never holds a manifest or a run whose objects are missing, whenever a push is cut short.
 */
import { objectRelPath } from "../store/cache.ts";
import { isDirHash } from "../store/manifest.ts";
import { runRelPath } from "../store/run_cache.ts";
import { forEachBounded } from "./bounded.ts";
import { RemoteError } from "./errors.ts";
import { hasLocalObject, readLocalManifest, readLocalObject, readLocalRun } from "./local_cache.ts";
import type { OutRef, TransferRefs } from "./refs.ts";
import { objectKey, type RemoteStore, runKey } from "./remote_store.ts";

/** Options of `pushCache` and `pullCache`. */
export interface TransferOptions {
  /** Transfers in flight at once (default 4). */
  jobs?: number;
}

/** What a push did. */
export interface PushResult {
  /** Objects sent. */
  sent: number;
  /** Objects the remote had already. */
  present: number;
  /** Run-cache entries sent. */
  runsSent: number;
  /** Run-cache entries the remote had already. */
  runsPresent: number;
  /** Outs whose objects are not in the local cache (`cache: false`, or removed by gc). */
  notCached: OutRef[];
}

/** The default number of transfers in flight. */
export const DEFAULT_JOBS = 4;

interface Failure {
  what: string;
  error: unknown;
}

/**
 * Pushes the objects and runs of `refs`; throws a RemoteError naming the remote and the
 * first failed object when any transfer failed (what was sent stays sent: run push again).
 */
export async function pushCache(
  root: string,
  store: RemoteStore,
  refs: TransferRefs,
  options: TransferOptions = {},
): Promise<PushResult> {
  const jobs = options.jobs ?? DEFAULT_JOBS;
  await store.probe("write");
  const result: PushResult = { sent: 0, present: 0, runsSent: 0, runsPresent: 0, notCached: [] };
  const failures: Failure[] = [];
  const files = new Map<string, string>();
  const manifests = new Map<string, { what: string; files: string[] }>();
  for (const out of refs.outs) {
    const what = `object ${out.hash} of out "${out.path}"`;
    if (!isDirHash(out.hash)) {
      if (await hasLocalObject(root, out.hash)) files.set(out.hash, what);
      else result.notCached.push(out);
      continue;
    }
    const entries = await readLocalManifest(root, out.hash);
    const present = entries &&
      (await Promise.all(entries.map((e) => hasLocalObject(root, e.hash)))).every(Boolean);
    if (!entries || !present) {
      result.notCached.push(out);
      continue;
    }
    for (const entry of entries) {
      if (!files.has(entry.hash)) {
        files.set(entry.hash, `object ${entry.hash} of "${out.path}/${entry.relpath}"`);
      }
    }
    manifests.set(out.hash, { what, files: entries.map((e) => e.hash) });
  }
  const onRemote = new Set<string>();
  const sendObject = async (hash: string) => {
    const key = objectKey(objectRelPath(hash));
    if (await store.exists(key)) {
      result.present++;
    } else {
      await store.write(key, await readLocalObject(root, hash));
      result.sent++;
    }
    onRemote.add(hash);
  };
  const transfer = async (items: [string, string][]) => {
    const settled = await forEachBounded(items, jobs, ([hash]) => sendObject(hash));
    for (const { item, error } of settled) {
      if (error !== undefined) failures.push({ what: item[1], error });
    }
  };
  await transfer([...files]);
  await transfer(
    [...manifests]
      .filter(([, manifest]) => manifest.files.every((hash) => onRemote.has(hash)))
      .map(([hash, manifest]) => [hash, manifest.what]),
  );
  const runs = refs.runs.filter((run) => run.outHashes.every((hash) => onRemote.has(hash)));
  const settledRuns = await forEachBounded(runs, jobs, async (run) => {
    const text = await readLocalRun(root, run.key);
    if (text === undefined) return; // the stage is not in the run-cache (an uncached out, say)
    const key = runKey(runRelPath(run.key));
    if (await store.exists(key)) {
      result.runsPresent++;
      return;
    }
    await store.write(key, new Blob([text]).stream());
    result.runsSent++;
  });
  for (const { item, error } of settledRuns) {
    if (error !== undefined) {
      failures.push({ what: `run-cache entry of stage "${item.stage}"`, error });
    }
  }
  if (failures.length > 0) throw transferError("push to", store, failures, result.sent);
  return result;
}

/** One error for a batch of failed transfers: the count, the first failure, what to do. */
export function transferError(
  verb: string,
  store: RemoteStore,
  failures: Failure[],
  done: number,
): RemoteError {
  const [first] = failures;
  const message = (first.error as Error)?.message ?? String(first.error);
  const others = failures.length > 1 ? ` (and ${failures.length - 1} more)` : "";
  return new RemoteError(
    `Cannot ${verb} ${store.label}: ${first.what}: ${message}${others}; ` +
      `${done} transferred, run the command again to move the rest`,
  );
}
