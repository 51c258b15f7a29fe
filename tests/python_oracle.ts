/**
 * Debian's Python packages as oracles for tests: whether /usr/bin/python3 can import
 * them, and a runner for a short script. Outside CI a missing package skips the test
 * with a message saying what to install; in CI (env CI set) the test runs and fails.
 */

/** The interpreter the oracle tests use (Debian's, with python3-onnx and python3-xgboost). */
export const PYTHON = "/usr/bin/python3";

/** Whether `modules` all import, or why not. */
export async function pythonImports(modules: string[]): Promise<string | undefined> {
  try {
    const out = await new Deno.Command(PYTHON, {
      args: ["-c", modules.map((m) => `import ${m}`).join("; ")],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (out.success) return undefined;
    const lines = new TextDecoder().decode(out.stderr).trim().split("\n");
    return lines[lines.length - 1];
  } catch (error) {
    return `${PYTHON} cannot run: ${error instanceof Error ? error.message : error}`;
  }
}

/**
 * Whether a test needing `modules` should be ignored: only when they are missing and
 * env CI is unset, and then a line says which test is skipped and what it needs.
 */
export async function ignoreWithoutPython(test: string, modules: string[]): Promise<boolean> {
  const missing = await pythonImports(modules);
  if (missing === undefined || Deno.env.get("CI")) return false;
  console.warn(
    `skipping "${test}": ${PYTHON} cannot import ${modules.join(", ")} (${missing}); ` +
      `install Debian's ${modules.map((m) => `python3-${m}`).join(" ")} to run it`,
  );
  return true;
}

/** Runs `script` with `args`; returns stdout, throws with stderr when it exits non-zero. */
export async function runPython(script: string, args: string[] = []): Promise<string> {
  const out = await new Deno.Command(PYTHON, {
    args: ["-c", script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes).trim();
  if (!out.success) throw new Error(`python3 failed (exit ${out.code}): ${text(out.stderr)}`);
  return text(out.stdout);
}

// Prints "<path> ok" or the checker's error for each file given.
const ONNX_FULL_CHECK = `
import sys, onnx
for path in sys.argv[1:]:
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        print(path, "ok")
    except Exception as error:
        print(path, type(error).__name__, str(error).replace("\\n", " "))
`;

/**
 * Runs `onnx.checker.check_model(…, full_check=True)` (Debian's python3-onnx) on each of
 * `paths`; returns one line each, `<path> ok` or `<path> <error>`.
 */
export async function onnxFullCheck(paths: string[]): Promise<string> {
  return await runPython(ONNX_FULL_CHECK, paths);
}
