/**
 * Progress bars for long steps (ingest, validation, features, split, training, evaluation,
 * batch scoring, drift, simulated traffic), on stderr. On a terminal the bar
 * redraws in place at most every `redrawMs`; in logs (no TTY) it prints a plain line at
 * each tenth of the work, so CI logs stay short.
 */

/** Where progress text goes; `Deno.stderr` by default. */
export interface ProgressSink {
  write(text: string): void;
  /** Redraw in place (true) or print plain lines (false). */
  isTerminal: boolean;
}

/** Options for {@link createProgress}. */
export interface ProgressOptions {
  label: string;
  /** Units of work in all (rows, rounds, tables); 0 means unknown until finish. */
  total: number;
  /** Output; stderr when absent. */
  stream?: ProgressSink;
  /** Minimum milliseconds between redraws on a terminal (default 100). */
  redrawMs?: number;
  /** Clock in milliseconds (tests pass a fake one). */
  now?: () => number;
}

/** A running progress bar. */
export interface Progress {
  /** Sets the units done so far; `info` is shown after the counts. */
  update(done: number, info?: string): void;
  /** Adds `n` (default 1) units done. */
  tick(n?: number, info?: string): void;
  /** Draws the final state (all units done) and ends the line. */
  finish(info?: string): void;
  /** Ends early: draws the units actually done (not the total) and ends the line. */
  stop(info?: string): void;
}

const BAR_WIDTH = 24;

/**
 * Creates a progress bar.
 * @example
 * ```ts
 * import { createProgress } from "./bar.ts";
 * let text = "";
 * const progress = createProgress({
 *   label: "ingest",
 *   total: 7,
 *   stream: { write: (chunk) => (text += chunk), isTerminal: false },
 * });
 * progress.tick(1, "bureau");
 * progress.finish();
 * if (!text.includes("ingest")) throw new Error(text);
 * ```
 */
export function createProgress(options: ProgressOptions): Progress {
  const sink = options.stream ?? stderrSink();
  const now = options.now ?? (() => performance.now());
  const redrawMs = options.redrawMs ?? 100;
  const started = now();
  let done = 0;
  let info = "";
  let lastDraw = -Infinity;
  let lastTenth = -1;
  let finished = false;

  const draw = (final: boolean): void => {
    const text = formatLine(options.label, done, options.total, info, now() - started);
    if (sink.isTerminal) {
      sink.write(`\r\x1b[2K${text}${final ? "\n" : ""}`);
      return;
    }
    sink.write(`${text}\n`);
  };

  const update = (value: number, text?: string): void => {
    if (finished) return;
    done = value;
    if (text !== undefined) info = text;
    if (sink.isTerminal) {
      if (now() - lastDraw < redrawMs) return;
      lastDraw = now();
      draw(false);
      return;
    }
    const tenth = options.total > 0 ? Math.floor((10 * done) / options.total) : 0;
    if (tenth > lastTenth && tenth < 10) {
      lastTenth = tenth;
      draw(false);
    }
  };

  return {
    update,
    tick(n = 1, text) {
      update(done + n, text);
    },
    finish(text) {
      if (finished) return;
      if (options.total > 0) done = Math.max(done, options.total);
      if (text !== undefined) info = text;
      draw(true);
      finished = true;
    },
    stop(text) {
      if (finished) return;
      if (text !== undefined) info = text;
      draw(true);
      finished = true;
    },
  };
}

/** Formats one progress line: label, bar, percent, counts, info and elapsed time. */
export function formatLine(
  label: string,
  done: number,
  total: number,
  info: string,
  elapsedMs: number,
): string {
  const seconds = `${(elapsedMs / 1000).toFixed(1)}s`;
  const tail = info ? ` ${info}` : "";
  if (total <= 0) return `${label} ${done}${tail} ${seconds}`;
  const share = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * BAR_WIDTH);
  const bar = "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `${label} [${bar}] ${percent} ${done}/${total}${tail} ${seconds}`;
}

/** Progress text on stderr, redrawn in place only when stderr is a terminal. */
export function stderrSink(): ProgressSink {
  const encoder = new TextEncoder();
  return {
    write: (text) => {
      Deno.stderr.writeSync(encoder.encode(text));
    },
    isTerminal: Deno.stderr.isTerminal(),
  };
}
