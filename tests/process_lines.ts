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
