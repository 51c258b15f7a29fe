/**
 * The notebooks run headless on Jupyter's Deno kernel (`.ci/jupyter.sh` installs nbconvert
 * and registers the kernel): in a temp clone of the repository, after `deno task repro`,
 * the runner (`deno task notebooks`, i.e. notebooks/run.ts) writes one HTML page per
 * notebook with plots and no error output, and a notebook whose cell throws fails it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const NOTEBOOKS = ["drift", "explore", "model"];
/** How nbconvert's HTML marks an error or anything a cell wrote to stderr. */
const ERROR_OUTPUT = 'data-mime-type="application/vnd.jupyter.stderr"';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(cwd: string, command: string, args: string[]): Promise<Run> {
  const output = await new Deno.Command(command, { args, cwd, stdin: "null" }).output();
  const text = new TextDecoder();
  return {
    code: output.code,
    stdout: text.decode(output.stdout),
    stderr: text.decode(output.stderr),
  };
}

function tail(run: Run): string {
  return `exit ${run.code}\n${(run.stdout + run.stderr).split("\n").slice(-40).join("\n")}`;
}

/** A notebook whose only cell throws. */
function throwingNotebook(message: string): string {
  return JSON.stringify({
    cells: [{
      cell_type: "code",
      execution_count: null,
      id: "throws",
      metadata: {},
      outputs: [],
      source: [`throw new Error(${JSON.stringify(message)});`],
    }],
    metadata: {
      kernelspec: { display_name: "Deno", language: "typescript", name: "deno" },
      language_info: { name: "typescript" },
    },
    nbformat: 4,
    nbformat_minor: 5,
  });
}

Deno.test("notebooks run headless on the Deno kernel", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-notebooks-" });
  try {
    const clone = join(dir, "repo");
    const cloned = await run(dir, "git", ["clone", "-q", REPO, clone]);
    assert.equal(cloned.code, 0, tail(cloned));
    const repro = await run(clone, Deno.execPath(), ["task", "repro"]);
    assert.equal(repro.code, 0, tail(repro));

    await t.step(
      "the runner writes every notebook as HTML with plots and no error output",
      async () => {
        const notebooks = await run(clone, Deno.execPath(), ["run", "-A", "notebooks/run.ts"]);
        assert.equal(notebooks.code, 0, tail(notebooks));
        for (const name of NOTEBOOKS) {
          const page = await Deno.readTextFile(join(clone, "reports", "notebooks", `${name}.html`));
          assert.ok(!page.includes(ERROR_OUTPUT), `${name}.html has error output`);
          assert.ok(page.includes("<svg"), `${name}.html has no inline plot`);
        }
      },
    );

    await t.step("a notebook whose cell throws fails the run, naming the notebook", async () => {
      await Deno.writeTextFile(
        join(clone, "notebooks", "throws.ipynb"),
        throwingNotebook("this cell fails on purpose"),
      );
      const failed = await run(clone, Deno.execPath(), [
        "run",
        "-A",
        "notebooks/run.ts",
        "throws",
        "--skip-repro",
      ]);
      assert.equal(failed.code, 1, tail(failed));
      assert.match(failed.stderr, /this cell fails on purpose/);
      assert.match(failed.stderr, /Failed: notebook "throws\.ipynb" exited with 1/);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
