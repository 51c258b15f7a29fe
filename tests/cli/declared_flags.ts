/**
 * The flags and env vars a CLI source file declares, read from its text: the spec object
 * of each `parseArgs(name, args, spec)` call (inline or a `const`), and every env var it
 * reads. The help tests compare them with the help text, so a flag added to a parser
 * without a line of help fails a test.
 */

/** Long flags (without "--"), single-letter aliases and env var names of one file. */
export interface DeclaredFlags {
  long: string[];
  short: string[];
  env: string[];
}

/** Reads the declared flags of the source file at `url`. */
export async function declaredFlags(url: URL): Promise<DeclaredFlags> {
  const source = await Deno.readTextFile(url);
  const specs = [...source.matchAll(/parseArgs\(\s*[^,]+,\s*\w+,\s*(\{|\w+)/g)].map((m) =>
    m[1] === "{"
      ? balanced(source, m.index! + m[0].length - 1)
      : balanced(source, constantStart(source, m[1]))
  );
  if (specs.length === 0) throw new Error(`No parseArgs call in ${url.pathname}`);
  const long = new Set<string>();
  const short = new Set<string>();
  for (const spec of specs) {
    for (const list of spec.matchAll(/(?:booleans|strings|lists)\s*:\s*\[([^\]]*)\]/g)) {
      for (const name of strings(list[1])) long.add(name);
    }
    const aliases = spec.match(/aliases\s*:\s*\{([^}]*)\}/);
    for (const alias of aliases?.[1].matchAll(/(\w+)\s*:/g) ?? []) short.add(alias[1]);
  }
  const env = new Set<string>();
  // Deno.env.get("X"), env("X"), switchOn(env, "X") and serve's value("flag", "X").
  const envRead = /(?:env(?:\.get)?\(\s*|env,\s*|"[a-z-]+",\s*)"([A-Z][A-Z0-9_]*)"/g;
  for (const m of source.matchAll(envRead)) env.add(m[1]);
  return { long: [...long], short: [...short], env: [...env] };
}

function constantStart(source: string, name: string): number {
  const m = new RegExp(`const ${name}\\b[^=]*=\\s*\\{`).exec(source);
  if (m === null) throw new Error(`No const ${name} = { … } for parseArgs`);
  return m.index + m[0].length - 1;
}

/** The text of the braces opening at `open`, nested braces included. */
function balanced(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === "{") depth++;
    if (source[i] === "}" && --depth === 0) return source.slice(open, i + 1);
  }
  throw new Error(`Unbalanced braces from offset ${open}`);
}

function strings(list: string): string[] {
  return [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}
