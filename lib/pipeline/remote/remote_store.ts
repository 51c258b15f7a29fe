/**
 * What push and pull need from a remote, whatever it is: test for a key, read it as a
 * stream, write it so that it appears under its key complete or not at all. Keys mirror
 * the local layout: `objects/ab/cdef…` (content-addressed) and `runs/ab/cdef….json`.
 */

/** A remote store of cache objects and run-cache entries. */
export interface RemoteStore {
  /** `remote "name" (url)`, for messages. */
  readonly label: string;
  /**
   * Checks the remote answers (and, for `write`, can be written); throws a RemoteError
   * naming the remote and URL when it cannot be reached.
   */
  probe(mode: "read" | "write"): Promise<void>;
  /** True when the key exists on the remote. */
  exists(key: string): Promise<boolean>;
  /** The bytes under a key, streamed; undefined when the remote has no such key. */
  read(key: string): Promise<ReadableStream<Uint8Array> | undefined>;
  /**
   * Writes a key from a stream: to a temp name first, renamed (or MOVEd) into place only
   * once the stream ended without error, so an interrupted write leaves no partial key.
   */
  write(key: string, body: ReadableStream<Uint8Array>): Promise<void>;
}

/** Remote key of a cache object, from its repo-relative local path. */
export function objectKey(objectRelPath: string): string {
  return objectRelPath.replace(/^\.repro\/cache\//, "");
}

/** Remote key of a run-cache entry, from its repo-relative local path. */
export function runKey(runRelPath: string): string {
  return runRelPath.replace(/^\.repro\//, "");
}

/** Checks a key is one push and pull produce (no "..", no absolute paths). */
export function assertKey(key: string): void {
  if (!/^(objects|runs)\/[0-9a-f]{2}\/[0-9a-f]{62}(\.dir|\.json)?$/.test(key)) {
    throw new TypeError(`Cannot use remote key "${key}": not an object or run key`);
  }
}
