/**
 * A line writer for the access log: lines collect in memory and go out in one write when
 * 64 KiB have gathered or a second has passed, so a request never waits on stdout.
 */

/** Options of {@link createLineWriter}. */
export interface LineWriterOptions {
  /** Writes bytes fully (default: Deno.stdout). */
  write?: (bytes: Uint8Array) => Promise<unknown>;
  /** Flush once this many characters are buffered (default 65536). */
  flushChars?: number;
  /** Flush at most this long after the first buffered line (default 1000 ms). */
  flushMs?: number;
}

/** A buffered line writer. */
export interface LineWriter {
  /** Queues one line (a newline is added). */
  write(line: string): void;
  /** Writes everything queued; resolves when it is out. */
  flush(): Promise<void>;
}

/**
 * Creates a buffered line writer.
 * @example
 * const out = createLineWriter();
 * out.write("time=… method=GET path=/health status=200");
 * await out.flush();
 */
export function createLineWriter(options: LineWriterOptions = {}): LineWriter {
  const write = options.write ?? ((bytes) => writeAll(Deno.stdout, bytes));
  const flushChars = options.flushChars ?? 65536;
  const flushMs = options.flushMs ?? 1000;
  const encoder = new TextEncoder();
  let lines: string[] = [];
  let chars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Writes go out one after another, in order.
  let writing: Promise<unknown> = Promise.resolve();
  let failed = false;

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (lines.length > 0) {
      const text = lines.join("\n") + "\n";
      lines = [];
      chars = 0;
      writing = writing.then(() => write(encoder.encode(text))).catch((error) => {
        // Said once: a closed stdout must not flood stderr or fail requests.
        if (!failed) console.error(`serve: cannot write the access log: ${error}`);
        failed = true;
      });
    }
    return writing.then(() => {});
  };

  return {
    write(line) {
      lines.push(line);
      chars += line.length + 1;
      if (chars >= flushChars) {
        void flush();
      } else if (timer === undefined) {
        const pending = setTimeout(flush, flushMs);
        Deno.unrefTimer(pending);
        timer = pending;
      }
    },
    flush,
  };
}

async function writeAll(file: { write(p: Uint8Array): Promise<number> }, bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
}
