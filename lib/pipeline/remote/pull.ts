/**
 * `pull`: fetch the objects (and run-cache entries) of pipeline.lock's outs that the local
 * cache lacks, a bounded number at a time, each verified by hash on arrival; bytes that do
 * not match never enter the cache. Checking the outs out is `checkoutOuts`, apart.
 */
import { objectRelPath } from "../store/cache.ts";
import { isDirHash } from "../store/manifest.ts";
import { runRelPath } from "../store/run_cache.ts";
import { forEachBounded } from "./bounded.ts";
import { RemoteError } from "./errors.ts";
import {
  hasLocalObject,
  hasLocalRun,
  parseRunEntry,
  readLocalManifest,
  writeLocalObject,
  writeLocalRun,
} from "./local_cache.ts";
import { DEFAULT_JOBS, transferError, type TransferOptions } from "./push.ts";
import type { TransferRefs } from "./refs.ts";
import { objectKey, type RemoteStore, runKey } from "./remote_store.ts";
import { HashMismatchError } from "./verified_stream.ts";

/** What a pull did. */
export interface PullResult {
  /** Objects fetched into the local cache. */
  fetched: number;
  /** Objects the local cache had already. */
  present: number;
  /** Run-cache entries fetched. */
  runsFetched: number;
  /** Run-cache entries the local cache had already. */
  runsPresent: number;
}

/**
 * Pulls the objects and runs of `refs`; throws a RemoteError naming the remote and the
 * first object that is missing there, unreachable or corrupt (what arrived intact stays).
 */
export async function pullCache(
  root: string,
  store: RemoteStore,
  refs: TransferRefs,
  options: TransferOptions = {},
): Promise<PullResult> {
  const jobs = options.jobs ?? DEFAULT_JOBS;
  await store.probe("read");
  const result: PullResult = { fetched: 0, present: 0, runsFetched: 0, runsPresent: 0 };
  const failures: { what: string; error: unknown }[] = [];
  const fetchObject = async (hash: string) => {
    if (await hasLocalObject(root, hash)) {
      result.present++;
      return;
    }
    const key = objectKey(objectRelPath(hash));
    const body = await store.read(key);
    if (body === undefined) throw new RemoteError("the remote does not have it (push it first)");
    try {
      await writeLocalObject(root, hash, body, "the object on the remote is corrupt");
    } catch (error) {
      if (error instanceof HashMismatchError) {
        throw new RemoteError(`${error.message}; it was not stored`);
      }
      throw error;
    }
    result.fetched++;
  };
  const transfer = async (items: [string, string][]) => {
    const unique = [...new Map(items)];
    const settled = await forEachBounded(unique, jobs, ([hash]) => fetchObject(hash));
    for (const { item, error } of settled) {
      if (error !== undefined) failures.push({ what: item[1], error });
    }
  };
  await transfer(refs.outs.map((out) => [out.hash, `object ${out.hash} of out "${out.path}"`]));
  const files: [string, string][] = [];
  for (const out of refs.outs.filter((o) => isDirHash(o.hash))) {
    const entries = await readLocalManifest(root, out.hash);
    for (const entry of entries ?? []) {
      files.push([entry.hash, `object ${entry.hash} of "${out.path}/${entry.relpath}"`]);
    }
  }
  await transfer(files);
  const settledRuns = await forEachBounded(refs.runs, jobs, async (run) => {
    if (await hasLocalRun(root, run.key)) {
      result.runsPresent++;
      return;
    }
    const body = await store.read(runKey(runRelPath(run.key)));
    if (body === undefined) return; // the stage restores from the lock and objects alone
    const entry = parseRunEntry(await new Response(body).text(), run.key);
    if (entry === undefined) {
      throw new RemoteError(
        "the entry on the remote is not the entry of its key; it was not stored",
      );
    }
    await writeLocalRun(root, run.key, entry);
    result.runsFetched++;
  });
  for (const { item, error } of settledRuns) {
    if (error !== undefined) {
      failures.push({ what: `run-cache entry ${item.key} of stage "${item.stage}"`, error });
    }
  }
  if (failures.length > 0) throw transferError("pull from", store, failures, result.fetched);
  return result;
}
