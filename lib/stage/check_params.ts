/**
 * The params check the CLI runs before any stage (repro, `repro --dry`, status). On the
 * no-op path it costs a hash and a few stats: params that passed with these schema files
 * are remembered in `.repro/`, and zod and the schemas are imported only on a miss.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import { canonicalJson } from "../pipeline/store/canonical_json.ts";
import { digestHex } from "../pipeline/store/digest.ts";

/** Where the key of the last params that passed is kept, relative to the repo root. */
export const PARAMS_CHECK_FILE = ".repro/params-check.json";

/**
 * Every module the section schemas are built from (param_schemas.ts and its local
 * imports; a test keeps the list equal to the import graph), so an edited schema is
 * never served a stale pass.
 */
export const SCHEMA_MODULES = [
  "../data/params.ts",
  "../drift/performance/params.ts",
  "../drift/stats/thresholds.ts",
  "../evaluation/gate.ts",
  "../features/params.ts",
  "../governance/params.ts",
  "../model/gbdt/params.ts",
  "../model/outlier/params.ts",
  "../model/scorecard/params.ts",
  "../monitor/params.ts",
  "../monitor/retrain_params.ts",
  "../pipeline/spec/errors.ts",
  "../pipeline/store/canonical_json.ts",
  "../pipeline/spec/param_reasons.ts",
  "../pipeline/spec/closest_name.ts",
  "../registry/promotion_policy.ts",
  "../split/params.ts",
  "../tiers/mod.ts",
  "../training/choice.ts",
  "../training/params.ts",
  "../tune/params.ts",
  "../pipeline/spec/param_issues.ts",
  "./param_schemas.ts",
];

async function schemaVersion(): Promise<string[]> {
  return await Promise.all(SCHEMA_MODULES.map(async (file) => {
    try {
      const info = await Deno.stat(new URL(file, import.meta.url));
      return `${file}:${info.size}:${info.mtime?.getTime()}`;
    } catch {
      return `${file}:?`;
    }
  }));
}

/** The dotted keys a list of `key=value` assignments sets. */
function flagKeys(setParams: readonly string[]): Set<string> {
  return new Set(setParams.map((a) => a.slice(0, Math.max(a.indexOf("="), 0)).trim()));
}

/**
 * Checks every params section against its schema before anything runs; a ParamsError
 * (exit 2) lists every problem, blaming `--set-param` for the keys it set.
 * @example
 * ```ts ignore
 * await checkParams(root, spec.params, ["train.gbdt.max_depth=6"]);
 * ```
 */
export async function checkParams(
  root: string,
  params: Record<string, unknown>,
  setParams: readonly string[] = [],
): Promise<void> {
  const key = await digestHex(canonicalJson({ params, schemas: await schemaVersion() }));
  const file = join(root, PARAMS_CHECK_FILE);
  try {
    if (JSON.parse(await Deno.readTextFile(file)).key === key) return;
  } catch {
    // No record yet, or an unreadable one: check.
  }
  const { assertValidParams } = await import("./param_schemas.ts");
  assertValidParams(params, { fromFlag: flagKeys(setParams) });
  try {
    await Deno.mkdir(join(root, ".repro"), { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ key }));
  } catch {
    // A record that cannot be written only costs the next run a check.
  }
}
