import assert from "node:assert/strict";

const REPO = new URL("../../", import.meta.url).pathname;

/** Runs one stage entry file in a temp repo holding `files`, with the given params. */
async function runStage(
  stage: string,
  params: Record<string, unknown>,
  files: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-stage-" });
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, text);
    }
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--config", `${REPO}deno.json`, `${REPO}stages/${stage}.ts`],
      cwd: dir,
      env: { NO_COLOR: "1", RISKPIPE_PARAMS: JSON.stringify(params), ...env },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const left: string[] = [];
    try {
      for await (const entry of Deno.readDir(`${dir}/data/raw/parquet`)) left.push(entry.name);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    const decoder = new TextDecoder();
    return { code: output.code, stderr: decoder.decode(output.stderr), left };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const CSV_PARAMS = {
  data: {
    source: "csv",
    csv: { path: "data/raw/input.csv", id_column: "id", target_column: "y", positive_label: "bad" },
  },
};

function assertNoStack(stderr: string): void {
  assert.doesNotMatch(stderr, /Uncaught/);
  assert.doesNotMatch(stderr, /^ {4}at /m);
}

Deno.test("a stage failing on a bad input prints one line and exits 1", async () => {
  const run = await runStage("ingest", CSV_PARAMS, {
    "data/raw/input.csv": "id,a,y\n1,2,bad\n2,3\n3,4,good\n",
  });
  assertNoStack(run.stderr);
  assert.equal(
    run.stderr,
    'Stage failed: Cannot ingest "data/raw/input.csv": ragged rows: the header has 3 fields ' +
      "but line 3 has 2\n",
  );
  assert.equal(run.code, 1);
  assert.deepEqual(run.left, []);
});

Deno.test("a stage failing on an empty file says so in one line", async () => {
  const run = await runStage("ingest", CSV_PARAMS, { "data/raw/input.csv": "" });
  assertNoStack(run.stderr);
  assert.equal(
    run.stderr,
    'Stage failed: Cannot ingest "data/raw/input.csv": file is empty (no header line)\n',
  );
  assert.equal(run.code, 1);
});

Deno.test("a missing param exits 2 with one line", async () => {
  const run = await runStage("ingest", { data: { source: "csv" } });
  assertNoStack(run.stderr);
  assert.equal(run.stderr, 'Stage failed: Cannot ingest csv: param "data.csv" is missing\n');
  assert.equal(run.code, 2);
});

Deno.test("a stage whose dep is missing names the file in one line", async () => {
  const run = await runStage("train", {});
  assertNoStack(run.stderr);
  assert.match(run.stderr, /^Stage failed: .*data\/split\/manifest\.json.*\n$/);
  assert.equal(run.code, 1);
});

Deno.test("RISKPIPE_DEBUG adds the stack after the line", async () => {
  const run = await runStage("ingest", CSV_PARAMS, { "data/raw/input.csv": "" }, {
    RISKPIPE_DEBUG: "1",
  });
  assert.match(run.stderr, /^Stage failed: Cannot ingest "data\/raw\/input.csv": file is empty/);
  assert.match(run.stderr, /^ {4}at /m);
  assert.doesNotMatch(run.stderr, /Uncaught/);
  assert.equal(run.code, 1);
});

Deno.test("every stage entry file installs the one-line error handler first", async () => {
  const missing: string[] = [];
  for await (const entry of Deno.readDir(`${REPO}stages`)) {
    if (!entry.name.endsWith(".ts")) continue;
    const text = await Deno.readTextFile(`${REPO}stages/${entry.name}`);
    const firstImport = text.match(/^import .*$/m)?.[0];
    if (firstImport !== 'import "../lib/stage/entry.ts";') missing.push(entry.name);
  }
  assert.deepEqual(missing.sort(), []);
});
