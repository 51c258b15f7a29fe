/**
 * `deno task notebooks`: brings the pipeline up to date (`deno task repro`), then executes
 * each notebook headless — Jupyter's nbconvert on the Deno kernel — into
 * reports/notebooks/<name>.html, stopping at the first notebook that fails.
 *
 *   deno task notebooks [NAME…] [--skip-repro] [--timeout SECONDS]
 *
 * Each notebook runs as `jupyter nbconvert --to html --execute` with the kernel "deno"
 * (registered by `deno jupyter --install`) and a per-cell timeout; nbconvert exits 1 when
 * a cell throws, printing the cell and the error, and writes no page for that notebook.
 * Needs Jupyter and the registered Deno kernel: `.ci/jupyter.sh` installs both.
 */
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, UsageError } from "../lib/cli/args.ts";

const USAGE = `Usage: deno task notebooks [NAME…] [--skip-repro] [--timeout SECONDS]

Runs notebooks/*.ipynb headless on the Deno kernel into reports/notebooks/NAME.html,
stopping at the first notebook that fails.

  NAME                 a notebook in notebooks/ ("explore" or "explore.ipynb"); all when absent
  --skip-repro         check that the pipeline's outputs exist instead of running deno task repro
  --timeout SECONDS    per-cell timeout (default 900)
  --help               this text`;
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NOTEBOOKS = join(ROOT, "notebooks");
const OUT = join(ROOT, "reports", "notebooks");
const KERNEL = "deno";
/** What the notebooks read; repro writes all of it. */
const PIPELINE_OUTPUTS = [
  "data/raw/parquet",
  "data/features/manifest.json",
  "data/split/train.parquet",
  "data/split/test.parquet",
  "data/models/candidate/model.json",
  "data/registry/registry.json",
];

/** A notebook or its toolchain failed; the message says which and what to do. */
class NotebookRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookRunError";
  }
}

async function main(args: string[]): Promise<void> {
  const parsed = parseArgs("notebooks", args, {
    booleans: ["skip-repro", "help"],
    strings: ["timeout"],
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(USAGE);
    return;
  }
  const timeout = Number(parsed.strings.get("timeout") ?? "900");
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new UsageError(`Flag --timeout takes whole seconds: ${parsed.strings.get("timeout")}`);
  }
  const notebooks = await selectNotebooks(parsed.positional);
  await requireDenoKernel();
  if (parsed.booleans.has("skip-repro")) await requirePipelineOutputs();
  else await run("deno task repro", Deno.execPath(), ["task", "repro"]);
  await Deno.mkdir(OUT, { recursive: true });
  for (const notebook of notebooks) {
    const started = performance.now();
    await run(`notebook "${basename(notebook)}"`, "jupyter", [
      "nbconvert",
      "--to",
      "html",
      "--execute",
      `--ExecutePreprocessor.kernel_name=${KERNEL}`,
      `--ExecutePreprocessor.timeout=${timeout}`,
      "--output-dir",
      OUT,
      notebook,
    ]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`notebook ${basename(notebook)} ran in ${seconds} s`);
  }
  console.log(`${notebooks.length} notebooks → ${OUT}`);
}

/** The notebooks named on the command line (all of notebooks/ when none), in name order. */
async function selectNotebooks(names: string[]): Promise<string[]> {
  const available: string[] = [];
  for await (const entry of Deno.readDir(NOTEBOOKS)) {
    if (entry.isFile && entry.name.endsWith(".ipynb")) available.push(entry.name);
  }
  available.sort();
  if (names.length === 0) return available.map((name) => join(NOTEBOOKS, name));
  return names.map((name) => {
    const file = name.endsWith(".ipynb") ? basename(name) : `${name}.ipynb`;
    if (!available.includes(file)) {
      throw new UsageError(`Unknown notebook "${name}": notebooks/ has ${available.join(", ")}`);
    }
    return join(NOTEBOOKS, file);
  });
}

async function requireDenoKernel(): Promise<void> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("jupyter", {
      args: ["kernelspec", "list", "--json"],
      env: { PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      stderr: "null",
    }).output();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new NotebookRunError(
      "Cannot run notebooks: jupyter is not installed (run .ci/jupyter.sh)",
    );
  }
  const specs = output.success
    ? JSON.parse(new TextDecoder().decode(output.stdout)).kernelspecs ?? {}
    : {};
  if (!(KERNEL in specs)) {
    throw new NotebookRunError(
      `Cannot run notebooks: the Jupyter kernel "${KERNEL}" is not registered (run .ci/jupyter.sh or deno jupyter --install)`,
    );
  }
}

async function requirePipelineOutputs(): Promise<void> {
  for (const path of PIPELINE_OUTPUTS) {
    try {
      await Deno.stat(join(ROOT, path));
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      throw new NotebookRunError(
        `Cannot run notebooks: ${path} does not exist (run deno task repro first)`,
      );
    }
  }
}

async function run(what: string, command: string, args: string[]): Promise<void> {
  const status = await new Deno.Command(command, {
    args,
    cwd: ROOT,
    env: { PYDEVD_DISABLE_FILE_VALIDATION: "1" },
    stdin: "null",
  }).spawn().status;
  if (!status.success) throw new NotebookRunError(`Failed: ${what} exited with ${status.code}`);
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof NotebookRunError)) throw error;
    console.error(error.message);
    if (error instanceof UsageError) console.error(USAGE);
    Deno.exit(error instanceof UsageError ? 2 : 1);
  }
}
