/**
 * A throwaway nginx with its WebDAV module for the remote tests: its own config, root and
 * logs in a temp dir, bound to a free loopback port, stopped (and the dir removed) after.
 * The binary is RISKPIPE_NGINX, else `nginx` on PATH (`.ci/webdav.sh` installs Debian's).
 */
import { join } from "node:path";

/** A running nginx serving `root` over WebDAV at `url`. */
export interface WebdavServer {
  /** Base URL of the DAV root, ending in "/". */
  url: string;
  /** The folder nginx serves (write here to tamper with what the remote holds). */
  root: string;
}

const READY_ATTEMPTS = 200;
const READY_WAIT_MS = 25;

/** Starts nginx, runs `fn`, then stops nginx whatever `fn` did. */
export async function withWebdavServer(fn: (server: WebdavServer) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-webdav-" });
  const root = join(dir, "dav");
  await Deno.mkdir(join(dir, "body"), { recursive: true });
  await Deno.mkdir(root);
  // nginx's workers run as "nobody" when started by root: let them in, and write the root.
  await Deno.chmod(dir, 0o755);
  await Deno.chmod(root, 0o777);
  await Deno.chmod(join(dir, "body"), 0o777);
  const port = freePort();
  await Deno.writeTextFile(join(dir, "nginx.conf"), nginxConfig(dir, root, port));
  const binary = Deno.env.get("RISKPIPE_NGINX") ?? "nginx";
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(binary, {
      args: ["-c", join(dir, "nginx.conf"), "-e", join(dir, "error.log"), "-p", dir],
      stdout: "null",
      stderr: "piped",
    }).spawn();
  } catch (error) {
    await Deno.remove(dir, { recursive: true });
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(
        `Cannot run the WebDAV integration test: "${binary}" not found ` +
          '(run `eval "$(bash .ci/webdav.sh)"` or set RISKPIPE_NGINX)',
      );
    }
    throw error;
  }
  const stderr = new Response(child.stderr).text();
  try {
    const url = `http://127.0.0.1:${port}/`;
    await waitUntilServing(url, child);
    await fn({ url, root });
  } finally {
    try {
      child.kill("SIGTERM");
    } catch {
      // it exited already; its stderr says why
    }
    await child.status;
    await stderr;
    await Deno.remove(dir, { recursive: true });
  }
}

function nginxConfig(dir: string, root: string, port: number): string {
  return `daemon off;
worker_processes 1;
pid ${join(dir, "nginx.pid")};
error_log ${join(dir, "error.log")};
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(dir, "body")};
  proxy_temp_path ${join(dir, "body")};
  fastcgi_temp_path ${join(dir, "body")};
  uwsgi_temp_path ${join(dir, "body")};
  scgi_temp_path ${join(dir, "body")};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    client_max_body_size 0;
    location / {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
`;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function waitUntilServing(url: string, child: Deno.ChildProcess): Promise<void> {
  let exited = false;
  child.status.then(() => exited = true);
  for (let attempt = 0; attempt < READY_ATTEMPTS && !exited; attempt++) {
    try {
      const response = await fetch(url, { method: "HEAD" });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, READY_WAIT_MS));
    }
  }
  throw new Error(`Cannot start nginx for the WebDAV test: ${url} did not answer`);
}
