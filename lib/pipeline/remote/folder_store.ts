/**
 * A remote that is a folder (a mounted share, another disk): keys are files under it,
 * written to `tmp/` beside them and renamed into place, so a reader never sees half a file.
 */
import { dirname, join } from "node:path";
import { syncDirectory } from "../store/atomic.ts";
import { RemoteError } from "./errors.ts";
import { assertKey, type RemoteStore } from "./remote_store.ts";

/** Opens a folder remote at an absolute path. */
export function openFolderStore(name: string, path: string): RemoteStore {
  const label = `remote "${name}" (${path})`;
  const abs = (key: string) => {
    assertKey(key);
    return join(path, key);
  };
  return {
    label,
    async probe(mode) {
      let info: Deno.FileInfo | undefined;
      try {
        info = await Deno.stat(path);
      } catch (error) {
        if (!(error instanceof Deno.errors.NotFound)) throw unreachable(label, error);
      }
      if (info === undefined && mode === "write") {
        // A first push creates the folder, but only inside a folder that exists: a typo
        // in a mount path should not quietly fill the local disk.
        try {
          await Deno.mkdir(path);
          return;
        } catch (error) {
          if (!(error instanceof Deno.errors.NotFound)) throw unreachable(label, error);
          throw new RemoteError(`Cannot reach ${label}: no such folder, nor its parent folder`);
        }
      }
      if (info === undefined) throw new RemoteError(`Cannot reach ${label}: no such folder`);
      if (!info.isDirectory) throw new RemoteError(`Cannot reach ${label}: not a folder`);
    },
    async exists(key) {
      return await Deno.stat(abs(key)).then(() => true, () => false);
    },
    async read(key) {
      try {
        const file = await Deno.open(abs(key), { read: true });
        return file.readable;
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw new RemoteError(`Cannot read "${key}" from ${label}: ${(error as Error).message}`);
      }
    },
    async write(key, body) {
      const target = abs(key);
      const tempDir = join(path, "tmp");
      await Deno.mkdir(tempDir, { recursive: true });
      const temp = join(tempDir, `${Deno.pid}-${crypto.randomUUID()}`);
      try {
        const file = await Deno.open(temp, { write: true, createNew: true, mode: 0o644 });
        await body.pipeTo(file.writable);
        using synced = await Deno.open(temp, { read: true });
        await synced.sync();
        await Deno.mkdir(dirname(target), { recursive: true });
        await Deno.rename(temp, target);
      } catch (error) {
        await Deno.remove(temp).catch(() => {});
        throw error;
      }
      await syncDirectory(dirname(target));
    },
  };
}

function unreachable(label: string, error: unknown): RemoteError {
  return new RemoteError(`Cannot reach ${label}: ${(error as Error).message}`);
}
