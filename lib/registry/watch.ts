/**
 * Watches a registry directory for alias moves: `Deno.watchFs` on the directory
 * (registry.json is replaced by rename, so the file itself cannot be watched; a move
 * appends to history.jsonl, then replaces registry.json), with a poll of registry.json's
 * modification time as a fallback where file events are unavailable. The caller resolves
 * the alias it follows again on each call back.
 */
import { join } from "node:path";
import { HISTORY_FILE } from "./history.ts";
import { INDEX_FILE } from "./registry_file.ts";

const WATCHED = [INDEX_FILE, HISTORY_FILE];

/** Options for {@link watchRegistry}. */
export interface WatchRegistryOptions {
  /** Poll interval in ms (default 2000); 0 disables polling. */
  pollMs?: number;
  /** Wait after the last event before calling back (default 50 ms). */
  debounceMs?: number;
}

/** A running watcher. */
export interface RegistryWatcher {
  close(): void;
}

/**
 * Calls `onChange` (never concurrently with itself) when registry.json or history.jsonl
 * under `root` may have changed.
 */
export function watchRegistry(
  root: string,
  onChange: () => Promise<void>,
  options: WatchRegistryOptions = {},
): RegistryWatcher {
  const path = join(root, INDEX_FILE);
  const debounceMs = options.debounceMs ?? 50;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let lastMtime: number | undefined;

  const fire = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = onChange().catch(() => {}).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        fire();
      }
    });
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fire();
    }, debounceMs);
  };

  let watcher: Deno.FsWatcher | undefined;
  try {
    watcher = Deno.watchFs(root, { recursive: false });
    (async () => {
      try {
        for await (const event of watcher!) {
          if (event.paths.some((p) => WATCHED.some((name) => p.endsWith(name)))) schedule();
        }
      } catch {
        // The watcher was closed or the directory went away; the poll still runs.
      }
    })();
  } catch {
    watcher = undefined;
  }

  const mtimeOf = async () => {
    try {
      return (await Deno.stat(path)).mtime?.getTime() ?? 0;
    } catch {
      return -1;
    }
  };
  mtimeOf().then((m) => lastMtime ??= m);
  const pollMs = options.pollMs ?? 2000;
  const poll = pollMs > 0
    ? setInterval(async () => {
      const m = await mtimeOf();
      if (lastMtime !== undefined && m !== lastMtime) schedule();
      lastMtime = m;
    }, pollMs)
    : undefined;

  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      try {
        watcher?.close();
      } catch {
        // Already closed.
      }
    },
  };
}
