/**
 * Registers an XGBoost JSON model as a version the server, `score` and `/explain` use.
 * The model takes the feature manifest and serving artifacts (serving.json with the
 * request contract and tiers, the feature snapshot) of an existing version, the
 * Production one unless another is named: its feature_names must be that manifest's
 * names (any order; splits are renumbered by name). Before anything is written the
 * ONNX export is checked against the TypeScript predictor on rows that take every
 * branch. No gate has judged the model, so the version is recorded with its gate
 * failed: promoting it takes `--force`, a deliberate act.
 *
 * Not re-exported by lib/registry/mod.ts: it loads the ONNX exporter and the trainer's
 * parity check, which the server (a mod.ts importer) has no use for.
 */
import { basename, join } from "node:path";
import { serializeGbdtModel } from "../model/gbdt/model_io.ts";
import { predictProba } from "../model/gbdt/predict.ts";
import { gbdtToOnnx } from "../model/onnx/mod.ts";
import { alignToFeatures, branchProbe, importXgboostBytes } from "../model/xgboost/mod.ts";
import { onnxParity } from "../training/candidate.ts";
import { readManifest } from "../features/manifest/mod.ts";
import { parseServingInfo, SERVING_FILE } from "./serving_info.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import {
  loadVerifiedVersion,
  productionVersion,
  readIndex,
  registerVersion,
  type VersionInfo,
} from "./store.ts";

/** Artifact name of the XGBoost file as it was imported, kept for provenance. */
export const XGBOOST_SOURCE_FILE = "xgboost_model.json";

/** Rows scored by both predictors before registering, and the largest gap allowed. */
const PROBE_ROWS = 512;
const ONNX_TOLERANCE = 1e-6;

/** Options for {@link importXgboostVersion}. */
export interface ImportXgboostOptions {
  /** The XGBoost model file (`booster.save_model("model.json")`). */
  modelPath: string;
  /** Version whose manifest and serving artifacts the model takes (default: Production). */
  from?: string;
  /** A name recorded in the lineage (default: the file's name). */
  name?: string;
  /** Time of registration (injected for tests). */
  now?: Date;
}

/** What an import registered. */
export interface ImportedVersion {
  info: VersionInfo;
  /** The version the manifest and serving artifacts came from. */
  from: string;
  /** False when identical artifacts were already registered (that version is returned). */
  created: boolean;
  /** Largest |ONNX − TypeScript| probability on the probe rows. */
  onnxParity: number;
  trees: number;
}

/**
 * Imports `modelPath` into the registry at `root`.
 * @example
 * const { info } = await importXgboostVersion("data/registry", { modelPath: "model.json" });
 */
export async function importXgboostVersion(
  root: string,
  options: ImportXgboostOptions,
): Promise<ImportedVersion> {
  const imported = importXgboostBytes(
    await readModelFile(options.modelPath),
    `XGBoost model "${options.modelPath}"`,
  );
  const from = options.from ?? await productionVersion(root);
  if (from === undefined) {
    throw new RangeError(
      `Cannot import "${options.modelPath}": no version of ${root} is in Production to take the ` +
        `feature manifest and serving artifacts from (name one with --from vNNNN)`,
    );
  }
  const base = await loadVerifiedVersion(root, from);
  for (const name of ["manifest.json", SERVING_FILE]) {
    if (!(name in base.artifacts)) {
      throw new RangeError(
        `Cannot import "${options.modelPath}": ${from} has no ${name} to serve the model with ` +
          `(take another version with --from)`,
      );
    }
  }
  const manifest = await readManifest(join(base.dir, "manifest.json"));
  const model = alignToFeatures(imported, manifest.features, from);
  const onnx = gbdtToOnnx(model, { importedFrom: "xgboost" });
  const probe = branchProbe(model, PROBE_ROWS, 1);
  const parity = await onnxParity(onnx, probe, predictProba(model, probe));
  if (!(parity <= ONNX_TOLERANCE)) {
    throw new RangeError(
      `Cannot import "${options.modelPath}": ONNX and TypeScript probabilities differ by ` +
        `${parity} on ${PROBE_ROWS} probe rows (tolerance ${ONNX_TOLERANCE})`,
    );
  }
  const staging = await Deno.makeTempDir({ prefix: "riskpipe-import-" });
  try {
    await Deno.writeTextFile(join(staging, "model.json"), serializeGbdtModel(model));
    await Deno.writeFile(join(staging, "model.onnx"), onnx);
    const artifacts: Record<string, string> = {
      "model.json": join(staging, "model.json"),
      "model.onnx": join(staging, "model.onnx"),
      [XGBOOST_SOURCE_FILE]: options.modelPath,
    };
    // manifest.json, serving.json and the snapshot it names, as the base version holds them.
    const served = parseServingInfo(
      JSON.parse(await Deno.readTextFile(join(base.dir, SERVING_FILE))),
      `${from}/${SERVING_FILE}`,
    );
    const taken = ["manifest.json", SERVING_FILE];
    if (served.snapshot !== null) taken.push(served.snapshot.file);
    for (const name of taken) artifacts[name] = join(base.dir, name);
    const before = await readIndex(root);
    const info = await registerVersion(root, {
      artifacts,
      metrics: {},
      gatePassed: false,
      lineage: {
        importedFrom: "xgboost",
        name: options.name ?? basename(options.modelPath),
        source: { path: options.modelPath, sha256: await hashFile(options.modelPath) },
        xgboostVersion: imported.params.xgboostVersion,
        featuresFrom: from,
        gate: "not run: an imported model has no evaluation",
        onnxParity: parity,
        time: (options.now ?? new Date()).toISOString(),
      },
      now: options.now,
    });
    return {
      info,
      from,
      created: !(info.version in before.stages),
      onnxParity: parity,
      trees: model.trees.length,
    };
  } finally {
    await Deno.remove(staging, { recursive: true });
  }
}

async function readModelFile(path: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new RangeError(`Cannot import "${path}": the file does not exist`);
    }
    throw error;
  }
}
