/**
 * A throw-away copy of the repository set up as a user with their own CSV would: the file in
 * `data/raw/input.csv`, `data.source: csv` and the `data.csv` keys in `pipeline.yaml`, the
 * file listed as a dep of `ingest` (as the README says), and a fixed split seed.
 */
import { dirname, join } from "node:path";
import { parseDocument } from "yaml";
import type { OneTableDataset } from "./datasets.ts";

/** The pipeline's own split: 80/20, stratified, seeded (split.seed, split.test_size). */
export const SPLIT = { seed: 7, testSize: 0.2 } as const;

/** Where the copy puts the user's CSV, as `data.csv.path` names it. */
export const INPUT_CSV = "data/raw/input.csv";

/** Copies the repo's working tree (tracked and unignored files) into `target`. */
export async function copyRepo(root: string, target: string): Promise<void> {
  const listed = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!listed.success) {
    throw new Error(
      `Cannot list the files of ${root}: git ls-files failed: ${
        new TextDecoder().decode(listed.stderr).trim()
      }`,
    );
  }
  const files = new TextDecoder().decode(listed.stdout).split("\0").filter((f) => f !== "");
  for (const file of files) {
    const from = join(root, file);
    // A tracked file deleted in the working tree is listed but absent: the copy skips it too.
    const info = await Deno.lstat(from).catch(() => undefined);
    if (info === undefined || !info.isFile) continue;
    await Deno.mkdir(dirname(join(target, file)), { recursive: true });
    await Deno.copyFile(from, join(target, file));
  }
  const modules = join(root, "node_modules");
  if (!(await Deno.lstat(modules).catch(() => undefined))) {
    throw new Error(`Cannot copy ${root}: it has no node_modules; run deno install --frozen there`);
  }
  await Deno.symlink(modules, join(target, "node_modules"));
}

/** Points the copy's pipeline.yaml at the CSV, keeping every other param as committed. */
export async function configureCsvSource(repo: string, dataset: OneTableDataset): Promise<void> {
  const path = join(repo, "pipeline.yaml");
  const doc = parseDocument(await Deno.readTextFile(path));
  doc.setIn(["params", "data", "source"], "csv");
  doc.setIn(["params", "data", "csv", "path"], INPUT_CSV);
  doc.setIn(["params", "data", "csv", "id_column"], null);
  doc.setIn(["params", "data", "csv", "target_column"], dataset.targetColumn);
  doc.setIn(["params", "data", "csv", "positive_label"], dataset.positiveLabel);
  doc.setIn(["params", "split", "seed"], SPLIT.seed);
  doc.setIn(["params", "split", "test_size"], SPLIT.testSize);
  // The committed constraints name Home Credit's external scores, which these tables lack.
  doc.setIn(["params", "train", "gbdt", "monotone"], doc.createNode({}));
  doc.setIn(["stages", "ingest", "deps"], [INPUT_CSV]);
  if (doc.errors.length > 0) throw new Error(`Cannot edit ${path}: ${doc.errors[0].message}`);
  await Deno.writeTextFile(path, doc.toString());
}
