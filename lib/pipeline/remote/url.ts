/**
 * Remote URLs: a folder (a path, absolute or relative to the repo root, or a file:// URL)
 * or a WebDAV server (http:// or https://, credentials optional as user:password@host).
 */
import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { RemoteConfigError } from "./errors.ts";

/** Where a remote keeps its objects. */
export type RemoteLocation =
  | { kind: "folder"; path: string }
  | { kind: "webdav"; base: URL; authorization?: string };

/**
 * Reads a remote URL; a relative path is taken from the repo root.
 * @example
 * ```ts
 * import { parseRemoteUrl } from "./url.ts";
 * const location = parseRemoteUrl("https://cache.example/riskpipe/", "/repo");
 * if (location.kind !== "webdav" || location.base.href !== "https://cache.example/riskpipe/") {
 *   throw new Error(JSON.stringify(location));
 * }
 * ```
 */
export function parseRemoteUrl(url: string, root: string): RemoteLocation {
  const text = url.trim();
  if (text === "") throw new RemoteConfigError("Cannot use remote URL: it is empty");
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: "folder", path: resolve(root, text) };
  if (scheme === "file") {
    let path: string;
    try {
      path = fileURLToPath(text);
    } catch (error) {
      throw new RemoteConfigError(
        `Cannot use remote URL "${text}": not a file URL: ${(error as Error).message}`,
      );
    }
    if (!isAbsolute(path)) {
      throw new RemoteConfigError(`Cannot use remote URL "${text}": the path must be absolute`);
    }
    return { kind: "folder", path };
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new RemoteConfigError(
      `Cannot use remote URL "${text}": unsupported scheme "${scheme}" ` +
        "(expected a folder path, file://, http:// or https://)",
    );
  }
  let base: URL;
  try {
    base = new URL(text);
  } catch {
    throw new RemoteConfigError(`Cannot use remote URL "${text}": not a valid URL`);
  }
  if (base.hostname === "") {
    throw new RemoteConfigError(`Cannot use remote URL "${text}": it names no host`);
  }
  if (base.search !== "" || base.hash !== "") {
    throw new RemoteConfigError(
      `Cannot use remote URL "${text}": a query or fragment is not allowed`,
    );
  }
  let authorization: string | undefined;
  if (base.username !== "" || base.password !== "") {
    const user = decodeURIComponent(base.username);
    const password = decodeURIComponent(base.password);
    authorization = `Basic ${btoa(`${user}:${password}`)}`;
    base.username = "";
    base.password = "";
  }
  if (!base.pathname.endsWith("/")) base.pathname += "/";
  return { kind: "webdav", base, ...(authorization ? { authorization } : {}) };
}

/** The URL as shown in messages: credentials replaced by "***". */
export function redactUrl(url: string): string {
  return url.replace(/^(https?:\/\/)[^/@]*@/i, "$1***@");
}

/** A URL error's message without its "Cannot use remote URL" head, to follow another. */
export function urlReason(error: unknown): string {
  return (error as Error).message.replace(/^Cannot use remote URL /, "URL ");
}
