/**
 * Opens a static page in headless Chromium over the DevTools protocol and reports what
 * a reviewer's browser would show: console errors, uncaught exceptions, failed loads,
 * and how many SVG charts rendered. Used by the browser integration test (evaluation
 * report, drift site). Chromium comes from `.ci/chromium.sh` (RISKPIPE_CHROMIUM).
 */

/** What the browser saw. */
export interface BrowserCheck {
  /** Console errors, uncaught exceptions and failed loads, in the order they came. */
  consoleErrors: string[];
  /** `<svg>` elements in the page once it (and `waitFor`) finished loading. */
  svgCount: number;
  /** Chart figures (`figure.chart`, from lib/report's `figure`) without an SVG in them. */
  missingCharts: number;
  /** What `probe` returned (JSON), when it was given. */
  probe?: unknown;
}

/** Options of {@link checkPageInBrowser}. */
export interface BrowserCheckOptions {
  /** Write a full-page PNG screenshot here. */
  screenshot?: string;
  /** A JS expression polled until truthy before counting (e.g. a query page's result table). */
  waitFor?: string;
  /**
   * A JS expression evaluated once `waitFor` holds, awaited if it is a promise (e.g. click a
   * button and wait for its result); its JSON value is returned as `probe`.
   */
  probe?: string;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
  /** Viewport width in CSS pixels (default 1200). */
  width?: number;
}

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
  "--remote-debugging-port=0",
];

/**
 * Loads `path` (a file path or URL) in a fresh headless Chromium profile.
 * @example
 * const { consoleErrors, svgCount } = await checkPageInBrowser("reports/evaluation/index.html");
 */
export async function checkPageInBrowser(
  path: string,
  options: BrowserCheckOptions = {},
): Promise<BrowserCheck> {
  const url = /^[a-z]+:/.test(path) ? path : new URL(`file://${Deno.realPathSync(path)}`).href;
  const profile = await Deno.makeTempDir({ prefix: "riskpipe-chromium-" });
  const child = new Deno.Command(Deno.env.get("RISKPIPE_CHROMIUM") ?? "chromium", {
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "about:blank"],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    const endpoint = await devtoolsEndpoint(child.stderr, deadline);
    const cdp = await connect(endpoint, deadline);
    try {
      return await inspect(cdp, url, options, deadline);
    } finally {
      cdp.close();
    }
  } finally {
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await child.status;
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

async function inspect(
  cdp: Cdp,
  url: string,
  options: BrowserCheckOptions,
  deadline: number,
): Promise<BrowserCheck> {
  const { targetId } = await cdp.send("Target.createTarget", { url: "about:blank" });
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: true });
  const errors: string[] = [];
  cdp.on(sessionId, (method, params) => {
    if (method === "Runtime.consoleAPICalled" && params.type === "error") {
      errors.push(`console.error: ${params.args.map(argText).join(" ")}`);
    } else if (method === "Runtime.exceptionThrown") {
      const d = params.exceptionDetails;
      errors.push(`uncaught: ${d.exception?.description ?? d.text}`);
    } else if (method === "Log.entryAdded" && params.entry.level === "error") {
      errors.push(
        `${params.entry.source}: ${params.entry.text}${
          params.entry.url ? ` (${params.entry.url})` : ""
        }`,
      );
    }
  });
  const session = (method: string, params: Record<string, unknown> = {}) =>
    cdp.send(method, params, sessionId);
  await session("Runtime.enable");
  await session("Log.enable");
  await session("Page.enable");
  const width = options.width ?? 1200;
  await session("Emulation.setDeviceMetricsOverride", {
    width,
    height: 900,
    deviceScaleFactor: 1,
    mobile: false,
  });
  const loaded = cdp.once(sessionId, "Page.loadEventFired");
  const navigation = await session("Page.navigate", { url });
  if (navigation.errorText) errors.push(`navigation: ${navigation.errorText} (${url})`);
  else await withDeadline(loaded, deadline, `load ${url}`);
  if (options.waitFor) await poll(session, options.waitFor, deadline);
  const probe = options.probe === undefined ? undefined : await session("Runtime.evaluate", {
    expression: options.probe,
    awaitPromise: true,
    returnByValue: true,
  });
  if (probe?.exceptionDetails) {
    errors.push(
      `probe: ${probe.exceptionDetails.exception?.description ?? probe.exceptionDetails.text}`,
    );
  }
  const { result } = await session("Runtime.evaluate", {
    expression: `({
      svgs: document.querySelectorAll("svg").length,
      missing: [...document.querySelectorAll("figure.chart")].filter((f) => !f.querySelector("svg")).length,
    })`,
    returnByValue: true,
  });
  if (options.screenshot) {
    const { result: size } = await session("Runtime.evaluate", {
      expression: "document.documentElement.scrollHeight",
      returnByValue: true,
    });
    const shot = await session("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip: { x: 0, y: 0, width, height: size.value, scale: 1 },
    });
    await Deno.writeFile(
      options.screenshot,
      Uint8Array.from(atob(shot.data), (c) => c.charCodeAt(0)),
    );
  }
  return {
    consoleErrors: errors,
    svgCount: result.value.svgs,
    missingCharts: result.value.missing,
    ...(probe === undefined ? {} : { probe: probe.result.value }),
  };
}

// deno-lint-ignore no-explicit-any
type Json = any;

function argText(arg: Json): string {
  return arg.value !== undefined ? String(arg.value) : arg.description ?? arg.type;
}

async function poll(
  session: (m: string, p?: Record<string, unknown>) => Promise<Json>,
  expression: string,
  deadline: number,
): Promise<void> {
  while (Date.now() < deadline) {
    const { result } = await session("Runtime.evaluate", {
      expression: `Boolean(${expression})`,
      returnByValue: true,
    });
    if (result.value === true) return;
    // the page is working asynchronously (wasm, fetches): give it a moment
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Browser check timed out waiting for: ${expression}`);
}

async function devtoolsEndpoint(stderr: ReadableStream<Uint8Array>, deadline: number) {
  const lines = stderr.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  const find = async (): Promise<string> => {
    while (true) {
      const { value, done } = await lines.read();
      if (done) throw new Error(`Chromium exited before opening DevTools: ${seen.slice(-500)}`);
      seen += value;
      const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match) {
        // keep draining so Chromium never blocks on a full stderr pipe
        (async () => {
          while (!(await lines.read()).done) { /* discard */ }
        })().catch(() => {});
        return match[1];
      }
    }
  };
  return await withDeadline(find(), deadline, "start Chromium");
}

interface Cdp {
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<Json>;
  on(sessionId: string, listener: (method: string, params: Json) => void): void;
  once(sessionId: string, method: string): Promise<Json>;
  close(): void;
}

async function connect(endpoint: string, deadline: number): Promise<Cdp> {
  const socket = new WebSocket(endpoint);
  await withDeadline(
    new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () =>
        reject(new Error(`Cannot connect to Chromium DevTools at ${endpoint}`));
    }),
    deadline,
    "connect to DevTools",
  );
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Json) => void; reject: (e: Error) => void }>();
  const listeners: { sessionId: string; listener: (method: string, params: Json) => void }[] = [];
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.id !== undefined) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) call?.reject(new Error(`DevTools: ${message.error.message}`));
      else call?.resolve(message.result);
      return;
    }
    for (const l of listeners) {
      if (l.sessionId === message.sessionId) l.listener(message.method, message.params);
    }
  };
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      return withDeadline(
        new Promise((resolve, reject) => pending.set(id, { resolve, reject })),
        deadline,
        method,
      );
    },
    on(sessionId, listener) {
      listeners.push({ sessionId, listener });
    },
    once(sessionId, method) {
      return new Promise((resolve) => {
        listeners.push({ sessionId, listener: (m, p) => m === method && resolve(p) });
      });
    },
    close() {
      socket.close();
    },
  };
}

async function withDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Browser check timed out: ${what}`)),
      Math.max(0, deadline - Date.now()),
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
