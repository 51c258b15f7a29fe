/**
 * How a cached object becomes a work-tree file: a reflink (copy-on-write clone), a
 * hardlink, or a plain copy — the first the filesystem supports, so checking out or
 * committing an out does not double its disk use where that can be avoided.
 */
import { join } from "node:path";

/** One way to place an object's bytes at a path. */
export type LinkMode = "reflink" | "hardlink" | "copy";

/** The preference order when nothing is configured. */
export const DEFAULT_LINK_MODES: readonly LinkMode[] = ["reflink", "hardlink", "copy"];

/**
 * Keeps the modes of `preferred` that work between `dir` and itself, in order (copy always
 * works). Reflink is probed once with `cp --reflink=always`; when it works, copies are made
 * with copy_file_range (Deno.copyFile), which clones extents on btrfs and XFS.
 */
export async function probeLinkModes(
  dir: string,
  preferred: readonly LinkMode[] = DEFAULT_LINK_MODES,
): Promise<LinkMode[]> {
  const usable: LinkMode[] = [];
  await Deno.mkdir(dir, { recursive: true });
  const source = join(dir, `probe-${crypto.randomUUID()}`);
  await Deno.writeTextFile(source, "riskpipe link probe");
  try {
    for (const mode of preferred) {
      if (mode === "copy" || await probe(mode, source)) usable.push(mode);
    }
  } finally {
    await Deno.remove(source).catch(() => {});
  }
  if (!usable.includes("copy")) usable.push("copy");
  return usable;
}

async function probe(mode: LinkMode, source: string): Promise<boolean> {
  const target = `${source}-${mode}`;
  try {
    if (mode === "hardlink") {
      await Deno.link(source, target);
      return true;
    }
    const { success } = await new Deno.Command("cp", {
      args: ["--reflink=always", source, target],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  } finally {
    await Deno.remove(target).catch(() => {});
  }
}

/**
 * Places `source` at `target` (which must not exist) with the first mode that works;
 * returns the mode used. A hardlink shares the source's inode (and read-only mode).
 */
export async function placeFile(
  source: string,
  target: string,
  modes: readonly LinkMode[],
): Promise<LinkMode> {
  for (const mode of modes) {
    try {
      if (mode === "hardlink") {
        await Deno.link(source, target);
      } else {
        await Deno.copyFile(source, target);
        await Deno.chmod(target, 0o644);
      }
      return mode;
    } catch (error) {
      if (mode === "copy") throw error;
      await Deno.remove(target).catch(() => {});
    }
  }
  throw new Error(`Cannot place "${target}": no link mode given`);
}
