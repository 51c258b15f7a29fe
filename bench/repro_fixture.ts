/**
 * Synthetic pipelines for the runner benchmarks: N trivial stages in chains of ten (each
 * stage reads its predecessor's out and writes one small file), optionally one extra
 * stage tracking a large data directory.
 */
import { join } from "node:path";

/** Options of `writeBenchPipeline`. */
export interface BenchPipelineOptions {
  /** Number of trivial stages. */
  stages: number;
  /** Bytes of tracked data read by one extra stage (sparse files, 256 MiB each at most). */
  trackedBytes?: number;
}

const CHAIN = 10;
const DATA_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Writes pipeline.yaml (and the tracked data) into `dir`, removing any earlier state.
 * @example
 * await writeBenchPipeline(await Deno.makeTempDir(), { stages: 100 });
 */
export async function writeBenchPipeline(
  dir: string,
  options: BenchPipelineOptions,
): Promise<void> {
  const lines = ["params:", "  bench: { seed: 1 }", "stages:"];
  for (let i = 0; i < options.stages; i++) {
    const name = `s${String(i).padStart(4, "0")}`;
    const first = i % CHAIN === 0;
    const prev = `out/s${String(i - 1).padStart(4, "0")}.txt`;
    lines.push(
      `  ${name}:`,
      `    cmd: ${first ? `echo ${i}` : `cat ${prev}`} > out/${name}.txt`,
      ...(first ? [] : [`    deps: [${prev}]`]),
      "    params: [bench.seed]",
      `    outs: [out/${name}.txt]`,
    );
  }
  if (options.trackedBytes !== undefined) {
    await writeTrackedData(join(dir, "data/tracked"), options.trackedBytes);
    lines.push(
      "  summarise:",
      "    cmd: ls -l data/tracked > out/tracked.txt",
      "    deps: [data/tracked]",
      "    outs: [out/tracked.txt]",
    );
  }
  await resetBenchState(dir);
  await Deno.writeTextFile(join(dir, "pipeline.yaml"), lines.join("\n") + "\n");
}

/** Removes the lock, the cache and the outs, so the next repro is a first run. */
export async function resetBenchState(dir: string): Promise<void> {
  for (const path of ["pipeline.lock", ".repro", "out"]) {
    await Deno.remove(join(dir, path), { recursive: true }).catch(() => {});
  }
  await Deno.mkdir(join(dir, "out"), { recursive: true });
}

/** Sparse files (read back as zeros) so the data costs no disk and no time to write. */
async function writeTrackedData(dir: string, bytes: number): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  await Deno.mkdir(dir, { recursive: true });
  for (let i = 0, left = bytes; left > 0; i++, left -= DATA_FILE_BYTES) {
    const file = await Deno.open(join(dir, `part-${i}.bin`), { write: true, create: true });
    await file.truncate(Math.min(left, DATA_FILE_BYTES));
    file.close();
  }
}

const MAIN = new URL("../lib/cli/main.ts", import.meta.url).pathname;

/** Runs `deno run -A lib/cli/main.ts repro` in `dir` and throws if it fails. */
export async function spawnRepro(dir: string, jobs?: number): Promise<void> {
  const args = ["run", "-A", MAIN, "repro", ...(jobs ? ["--jobs", String(jobs)] : [])];
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: dir,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (code !== 0) throw new Error(`repro failed in ${dir}: ${new TextDecoder().decode(stderr)}`);
}
