/** From a configured remote to a store that push and pull can use. */
import { RemoteConfigError } from "./errors.ts";
import { openFolderStore } from "./folder_store.ts";
import type { RemoteConfig } from "./config.ts";
import type { RemoteStore } from "./remote_store.ts";
import { parseRemoteUrl, redactUrl, urlReason } from "./url.ts";
import { openWebdavStore } from "./webdav_store.ts";

/** Opens the store behind a configured remote; a bad URL is a RemoteConfigError naming it. */
export function openRemote(remote: RemoteConfig, root: string): RemoteStore {
  let location;
  try {
    location = parseRemoteUrl(remote.url, root);
  } catch (error) {
    throw new RemoteConfigError(`Cannot use remote "${remote.name}": ${urlReason(error)}`);
  }
  if (location.kind === "folder") return openFolderStore(remote.name, location.path);
  return openWebdavStore(remote.name, location.base, {
    authorization: location.authorization,
    shownUrl: redactUrl(remote.url),
  });
}
