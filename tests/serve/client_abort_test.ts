import assert from "node:assert/strict";
import { harness } from "./harness.ts";

/** A counter whose `reached(n)` resolves once it has counted to `n`. */
function counter() {
  let count = 0;
  let waiting: PromiseWithResolvers<void>[] = [];
  return {
    add() {
      count++;
      for (const w of waiting) w.resolve();
      waiting = [];
    },
    async reached(n: number): Promise<void> {
      while (count < n) {
        const w = Promise.withResolvers<void>();
        waiting.push(w);
        await w.promise;
      }
    },
  };
}

/** Serves `app` on 127.0.0.1, counting handlers started and finished. */
function serveCounting(app: { fetch(req: Request): Response | Promise<Response> }) {
  const started = counter();
  const finished = counter();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    started.add();
    try {
      return await app.fetch(req);
    } finally {
      finished.add();
    }
  });
  return { server, port: server.addr.port, started, finished };
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * Sends `head` on a fresh connection, waits until the server's handler has started,
 * then sends `tail` and closes the connection without reading a reply.
 */
async function sendAndHangUp(
  served: ReturnType<typeof serveCounting>,
  nth: number,
  head: string,
  tail: string,
): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: served.port });
  await conn.write(encode(head));
  await served.started.reached(nth);
  if (tail !== "") await conn.write(encode(tail));
  conn.close();
  await served.finished.reached(nth);
}

async function metricsText(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  return await res.text();
}

const HEAD = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";

Deno.test("a client that hangs up mid-body or sends a broken chunk is never a 5xx", async () => {
  const logged: string[] = [];
  const originalError = console.error;
  const originalWarn = console.warn;
  console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
  console.warn = console.error;
  await using h = await harness();
  const served = serveCounting(h.app);
  const { server, port } = served;
  try {
    const chunked = `${HEAD}Transfer-Encoding: chunked\r\n\r\n`;
    await sendAndHangUp(served, 1, `${HEAD}Content-Length: 500\r\n\r\n{"SK_ID_CURR": 1`, "");
    await sendAndHangUp(served, 2, `${chunked}5\r\n{"SK_\r\n`, "zz\r\n");
    await sendAndHangUp(served, 3, `${chunked}10\r\n{"SK_`, "");
    const text = await metricsText(port);
    const errorLines = text.split("\n").filter((l) => l.startsWith("riskpipe_http_errors_total{"));
    assert.ok(errorLines.length > 0, `no error series in /metrics:\n${text}`);
    for (const line of errorLines) assert.doesNotMatch(line, /status="5\d\d"/, line);
    assert.ok(
      errorLines.some((l) => /route="\/predict".*status="4\d\d"/.test(l)),
      errorLines.join("\n"),
    );
    assert.deepEqual(h.errors, []);
    assert.equal(logged.length, 3, logged.join("\n---\n"));
    for (const line of logged) {
      assert.match(line, /client closed the connection|could not be read/);
      assert.doesNotMatch(line, /\n\s+at /, "no stack trace");
    }
  } finally {
    console.error = originalError;
    console.warn = originalWarn;
    await server.shutdown();
  }
});
