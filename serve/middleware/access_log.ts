/**
 * One access-log line per request, in logfmt (`key=value`, what Loki and most log
 * shippers parse): time, method, path, status, duration, response bytes and request id.
 * The line goes to a sink function; serve/main.ts hands it a buffered stdout writer, so
 * a request costs a string and an array push, never a write.
 */
import type { MiddlewareHandler } from "hono";

declare module "hono" {
  interface ContextVariableMap {
    /** Set by the access log so the routes answer with the id the log line carries. */
    requestId: string;
  }
}

/** Receives each finished line (without a newline). */
export type AccessLogSink = (line: string) => void;

/** One request as the access log records it. */
export interface AccessLogEntry {
  time: Date;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  /** Response body bytes, or null when it could not be measured. */
  bytes: number | null;
  requestId: string;
}

/** Options of {@link accessLog}. */
export interface AccessLogOptions {
  sink: AccessLogSink;
  /** Request ids (the app's generator, so logged ids match the ones in responses). */
  requestId: () => string;
  clock?: () => Date;
  /** Milliseconds, for durations (default performance.now). */
  now?: () => number;
}

/**
 * Formats one line, e.g.
 * `time=2026-01-02T03:04:05.000Z method=POST path=/predict status=200 ms=1.25 bytes=312 id=r-1`.
 */
export function formatAccessLine(entry: AccessLogEntry): string {
  return `time=${entry.time.toISOString()} method=${entry.method} path=${quoted(entry.path)} ` +
    `status=${entry.status} ms=${entry.durationMs.toFixed(2)} bytes=${entry.bytes ?? "-"} ` +
    `id=${quoted(entry.requestId)}`;
}

/**
 * The middleware: gives the request its id, times the handler and hands the line to the
 * sink with the response size from its Content-Length ("-" for a body without one).
 * @example
 * app.use("*", accessLog({ sink: (line) => lines.push(line), requestId: () => "r-1" }));
 */
export function accessLog(options: AccessLogOptions): MiddlewareHandler {
  const clock = options.clock ?? (() => new Date());
  const now = options.now ?? (() => performance.now());
  return async function accessLog(c, next) {
    const time = clock();
    const start = now();
    const requestId = options.requestId();
    c.set("requestId", requestId);
    await next();
    const entry = {
      time,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: now() - start,
      requestId,
    };
    // Never a clone of the body to count it: the app's answers carry Content-Length
    // (serve/sized_answer.ts); a body without one is logged as of unknown size.
    const length = c.res.headers.get("content-length");
    const bytes = length !== null ? Number(length) : c.res.body === null ? 0 : null;
    options.sink(formatAccessLine({ ...entry, bytes }));
  };
}

function quoted(value: string): string {
  return /^[\x21-\x7e]*$/.test(value) && !/["\\=]/.test(value) ? value : JSON.stringify(value);
}
