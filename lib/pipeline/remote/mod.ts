/**
 * Remotes: where a team shares the cache. The config (`repro.config.yaml`, overridden by
 * `repro.config.local.yaml`) names folder and WebDAV remotes; `pushCache` and `pullCache`
 * move the content-addressed objects and run-cache entries of pipeline.lock's outs, only
 * the missing ones, verified by hash; `checkoutOuts` then restores the outs. Uses `../store/`
 * and nothing of `../run/` or `../spec/`.
 * @example
 * ```ts
 * import { chooseRemote, collectRefs, openRemote, pushCache, readRemotesConfig } from "./mod.ts";
 * import { readLock } from "../store/lock.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/repro.config.yaml`, "remotes:\n  team: { url: shared }\n");
 * const store = openRemote(chooseRemote(await readRemotesConfig(root)), root);
 * const result = await pushCache(root, store, collectRefs(await readLock(root)));
 * await Deno.remove(root, { recursive: true });
 * if (result.sent !== 0) throw new Error("an empty lock has nothing to push");
 * ```
 */
export {
  addRemote,
  chooseRemote,
  CONFIG_FILE,
  type ConfigScope,
  LOCAL_CONFIG_FILE,
  readRemotesConfig,
  type RemoteConfig,
  type RemotesConfig,
  removeRemote,
} from "./config.ts";
export { RemoteConfigError, RemoteError } from "./errors.ts";
export { parseRemoteUrl, redactUrl, type RemoteLocation } from "./url.ts";
export type { RemoteStore } from "./remote_store.ts";
export { openRemote } from "./open_remote.ts";
export { collectRefs, type OutRef, runKeyOfEntry, type TransferRefs } from "./refs.ts";
export { DEFAULT_JOBS, pushCache, type PushResult, type TransferOptions } from "./push.ts";
export { pullCache, type PullResult } from "./pull.ts";
export { checkoutOuts, type CheckoutResult } from "./checkout.ts";
