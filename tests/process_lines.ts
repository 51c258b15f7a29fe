/** Reading a child process's output a line at a time, for tests that drive real servers. */

/** The lines of a byte stream (the last one even without a trailing newline). */
export async function* splitLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  let buffer = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    buffer += chunk;
    const parts = buffer.split("\n");
    buffer = parts.pop()!;
    yield* parts;
  }
  if (buffer !== "") yield buffer;
}

/**
 * Reads `lines` until one matches `pattern`, keeping every line read in `seen` (for the
 * error message when the process ends first).
 */
export async function waitForLine(
  lines: AsyncIterator<string>,
  pattern: RegExp,
  seen: string[],
  what = "serve",
): Promise<RegExpMatchArray> {
  while (true) {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${what} exited before printing ${pattern}:\n${seen.join("\n")}`);
    seen.push(value);
    const match = value.match(pattern);
    if (match) return match;
  }
}
