/**
 * Finds the local scripts a stage cmd runs with Deno (`deno run … stages/x.ts`,
 * `deno test … a_test.ts`), so their import graphs can become code deps.
 */

const SCRIPT_EXTENSION = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
/** Deno flags whose value may follow as a separate word. */
const FLAGS_WITH_VALUE = new Set([
  "-c",
  "--config",
  "--import-map",
  "--location",
  "--cert",
  "--seed",
  "-L",
  "--log-level",
  "--ext",
  "--preload",
  "--require",
  "--env-file",
]);
const SEPARATORS = new Set([";", "&&", "||", "|", "&"]);

/**
 * Returns the local script paths (as written) run by `deno run` or `deno test` in a cmd.
 * @example
 * ```ts
 * import { denoScripts } from "./deno_scripts.ts";
 * const scripts = denoScripts("deno run -A stages/train.ts --fast && deno test tests/a_test.ts");
 * if (scripts.join() !== "stages/train.ts,tests/a_test.ts") throw new Error(`got ${scripts}`);
 * ```
 */
export function denoScripts(cmd: string): string[] {
  const scripts: string[] = [];
  for (const words of splitCommands(shellWords(cmd))) {
    const deno = words.findIndex((w) => w === "deno" || w.endsWith("/deno"));
    if (deno < 0) continue;
    const sub = words[deno + 1];
    if (sub !== "run" && sub !== "test") continue;
    const positional = positionals(words.slice(deno + 2));
    const candidates = sub === "run" ? positional.slice(0, 1) : positional;
    for (const word of candidates) {
      if (SCRIPT_EXTENSION.test(word) && !/^[a-z]+:/.test(word)) scripts.push(word);
    }
  }
  return scripts;
}

function positionals(args: string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (word === "--") {
      found.push(...args.slice(i + 1));
      break;
    }
    if (word.startsWith("-")) {
      if (FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    found.push(word);
  }
  return found;
}

function splitCommands(words: string[]): string[][] {
  const commands: string[][] = [[]];
  for (const word of words) {
    if (SEPARATORS.has(word)) commands.push([]);
    else commands[commands.length - 1].push(word);
  }
  return commands;
}

/** Splits a shell command into words, honouring quotes, escapes and ; && || | & as words. */
export function shellWords(cmd: string): string[] {
  const words: string[] = [];
  let current = "";
  let started = false;
  let quote: "'" | '"' | undefined;
  const push = () => {
    if (started) words.push(current);
    current = "";
    started = false;
  };
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < cmd.length) current += cmd[++i];
      else current += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      started = true;
    } else if (c === "\\" && i + 1 < cmd.length) {
      current += cmd[++i];
      started = true;
    } else if (/\s/.test(c)) {
      push();
    } else if (c === ";" || c === "&" || c === "|") {
      push();
      const double = cmd[i + 1] === c && c !== ";";
      words.push(double ? c + c : c);
      if (double) i++;
    } else {
      current += c;
      started = true;
    }
  }
  push();
  return words;
}
