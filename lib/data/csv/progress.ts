/**
 * Progress lines on stderr for large inputs: each phase of ingest says what it is doing
 * and how long it took, so a multi-gigabyte CSV does not look hung.
 */

/** Inputs at least this large (bytes) get progress lines. */
export const PROGRESS_MIN_BYTES = 64 * 1024 * 1024;

/** Runs one phase, printing its start and its duration when the input is large. */
export async function reportPhase<T>(
  what: string,
  inputBytes: number,
  run: () => Promise<T>,
): Promise<T> {
  if (inputBytes < PROGRESS_MIN_BYTES) return await run();
  const started = performance.now();
  const size = `${(inputBytes / 1024 / 1024).toFixed(0)} MiB`;
  Deno.stderr.writeSync(new TextEncoder().encode(`csv ingest: ${what} (${size}) …`));
  const result = await run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  Deno.stderr.writeSync(new TextEncoder().encode(` done in ${seconds} s\n`));
  return result;
}
