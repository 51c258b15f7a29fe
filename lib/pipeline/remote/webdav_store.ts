/**
 * A WebDAV remote (nginx's dav module, Apache mod_dav, any server with PUT, GET, HEAD, MKCOL
 * and MOVE): a key is PUT under `tmp/<uuid>` and MOVEd to its name, so the server never
 * holds a partial object under its final URL. Collections are created with MKCOL, once per
 * run, for servers that do not create them on PUT.
 */
import { RemoteError } from "./errors.ts";
import { assertKey, type RemoteStore } from "./remote_store.ts";

/** Options of `openWebdavStore`. */
export interface WebdavStoreOptions {
  /** `Authorization` header value (Basic credentials from the URL). */
  authorization?: string;
  /** The URL as shown in messages (credentials redacted). */
  shownUrl?: string;
}

/** Opens a WebDAV remote whose base URL ends in "/". */
export function openWebdavStore(
  name: string,
  base: URL,
  options: WebdavStoreOptions = {},
): RemoteStore {
  const label = `remote "${name}" (${options.shownUrl ?? base.href})`;
  const headers: Record<string, string> = options.authorization
    ? { authorization: options.authorization }
    : {};
  const collections = new Map<string, Promise<void>>();

  const urlOf = (key: string) => new URL(key, base);

  async function request(method: string, url: URL, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(url, {
        ...init,
        method,
        headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
      });
    } catch (error) {
      throw new RemoteError(`Cannot reach ${label}: ${method} ${url.pathname}: ${reason(error)}`);
    }
  }

  function refused(method: string, key: string, response: Response): RemoteError {
    return new RemoteError(
      `Cannot ${method} "${key}" on ${label}: HTTP ${response.status} ${response.statusText}`,
    );
  }

  /**
   * MKCOL each collection from the server root down to `path` (absolute, ending in "/").
   * Above the base a refusal is let pass (a parent may exist but be closed to us).
   */
  function ensureCollection(path: string): Promise<void> {
    let pending = collections.get(path);
    if (pending === undefined) {
      pending = (async () => {
        const parent = path.replace(/[^/]+\/$/, "");
        if (parent !== "/" && parent !== "") await ensureCollection(parent);
        const response = await request("MKCOL", new URL(path, base.origin));
        await response.body?.cancel();
        // 405: it exists already; 301: the server redirects to the existing collection.
        if ([201, 301, 405].includes(response.status)) return;
        if (!path.startsWith(base.pathname)) return;
        throw refused("MKCOL", path, response);
      })();
      pending.catch(() => collections.delete(path));
      collections.set(path, pending);
    }
    return pending;
  }

  return {
    label,
    async probe(mode) {
      const response = await request("HEAD", base);
      await response.body?.cancel();
      // Any answer but these means the server is there (a folder URL may say 403 or 404).
      if (response.status === 401) {
        throw new RemoteError(`Cannot use ${label}: HTTP 401 Unauthorized (check the credentials)`);
      }
      if (response.status >= 500) {
        throw new RemoteError(
          `Cannot use ${label}: HTTP ${response.status} ${response.statusText}`,
        );
      }
      if (mode === "write") await ensureCollection(base.pathname);
    },
    async exists(key) {
      assertKey(key);
      const response = await request("HEAD", urlOf(key));
      await response.body?.cancel();
      if (response.ok) return true;
      if (response.status === 404) return false;
      throw refused("HEAD", key, response);
    },
    async read(key) {
      assertKey(key);
      const response = await request("GET", urlOf(key));
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw refused("GET", key, response);
      }
      return response.body;
    },
    async write(key, body) {
      assertKey(key);
      const temp = `tmp/${Deno.pid}-${crypto.randomUUID()}`;
      await ensureCollection(`${base.pathname}tmp/`);
      await ensureCollection(`${base.pathname}${key.replace(/[^/]+$/, "")}`);
      // The body's own error (bytes that do not match their hash) is the one to report.
      let bodyError: unknown;
      const reader = body.getReader();
      const watched = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const { value, done } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (error) {
            bodyError = error;
            controller.error(error);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      });
      let put: Response;
      try {
        put = await request("PUT", urlOf(temp), { body: watched });
      } catch (error) {
        throw bodyError ?? error;
      }
      await put.body?.cancel();
      if (!put.ok) throw refused("PUT", key, put);
      const move = await request("MOVE", urlOf(temp), {
        headers: { destination: urlOf(key).href, overwrite: "T" },
      });
      await move.body?.cancel();
      if (!move.ok) {
        await request("DELETE", urlOf(temp)).then((r) => r.body?.cancel(), () => {});
        throw refused("MOVE", key, move);
      }
    },
  };
}

/** Why a fetch failed: Deno puts the socket's error ("Connection refused") in the cause. */
function reason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  if (/connection refused/i.test(message)) return "connection refused";
  const detail = /: ([^:]+ error[^:]*: .+)$/.exec(message)?.[1];
  return detail ?? message;
}
