/**
 * How a cached object becomes a work-tree file: a reflink (copy-on-write clone), a
 * hardlink, or a plain copy — the first configured mode the filesystem supports. The
 * default is reflink-else-copy, as DVC's: a hardlinked out shares the cache object's
 * inode, so an in-place edit of the out silently corrupts the cache. Hard links save disk
 * and are an opt-in (`RISKPIPE_CACHE_LINK=hardlink,copy`).
 */
import { join } from "node:path";

/** One way to place an object's bytes at a path. */
export type LinkMode = "reflink" | "hardlink" | "copy";

/** The preference order when nothing is configured: never a hardlink unless asked for. */
export const DEFAULT_LINK_MODES: readonly LinkMode[] = ["reflink", "copy"];

/** The environment variable naming the link modes, comma-separated, in preference order. */
export const LINK_MODES_ENV = "RISKPIPE_CACHE_LINK";

const LINK_MODES: readonly LinkMode[] = ["reflink", "hardlink", "copy"];

/**
 * Parses a link-mode list such as `"hardlink,copy"` (copy is always added last).
 * @example
 * ```ts
 * import { parseLinkModes } from "./link.ts";
 * const modes = parseLinkModes("hardlink");
 * if (modes.join() !== "hardlink,copy") throw new Error(`got ${modes}`);
 * ```
 */
export function parseLinkModes(text: string, source = LINK_MODES_ENV): LinkMode[] {
  const modes: LinkMode[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    if (!(LINK_MODES as readonly string[]).includes(part)) {
      throw new TypeError(
        `Cannot read ${source}: unknown link mode "${part}": expected one of ${
          LINK_MODES.join(", ")
        }`,
      );
    }
    if (!modes.includes(part as LinkMode)) modes.push(part as LinkMode);
  }
  if (!modes.includes("copy")) modes.push("copy");
  return modes;
}

/** The link modes configured by `RISKPIPE_CACHE_LINK`, or the default (reflink, copy). */
export function configuredLinkModes(): readonly LinkMode[] {
  const text = Deno.env.get(LINK_MODES_ENV);
  return text === undefined || text.trim() === "" ? DEFAULT_LINK_MODES : parseLinkModes(text);
}

/**
 * Keeps the modes of `preferred` that work between `dir` and itself, in order (copy always
 * works). Reflink is probed once with `cp --reflink=always`; when it works, copies are made
 * with copy_file_range (Deno.copyFile), which clones extents on btrfs and XFS.
 */
export async function probeLinkModes(
  dir: string,
  preferred: readonly LinkMode[] = DEFAULT_LINK_MODES,
): Promise<LinkMode[]> {
  if (preferred.every((mode) => mode === "copy")) return ["copy"];
  const usable: LinkMode[] = [];
  await Deno.mkdir(dir, { recursive: true });
  const source = join(dir, `${Deno.pid}-probe-${crypto.randomUUID()}`);
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
