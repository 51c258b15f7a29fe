/**
 * Loading a registered version, the one way evaluate, drift and scoring all do it: the
 * record with every artifact's checksum (and signature, when keys are set) verified, and
 * its serving.json parsed; the feature snapshot on request.
 */
import { join } from "node:path";
import { loadVerifiedVersion, type LoadVersionOptions, productionVersion } from "./store.ts";
import type { VersionInfo } from "./store.ts";
import { parseServingInfo, SERVING_FILE, type ServingInfo } from "./serving_info.ts";
import { type FeatureSnapshot, loadFeatureSnapshot } from "./snapshot.ts";

/** A verified version and its serving info. */
export interface LoadedVersion {
  version: string;
  record: VersionInfo;
  /** The version's serving.json; undefined for a version registered before it existed. */
  serving: ServingInfo | undefined;
}

/**
 * Loads `version` from the registry at `root`, verifying every artifact.
 * @example
 * const { record, serving } = await loadVersion("data/registry", "v0003");
 */
export async function loadVersion(
  root: string,
  version: string,
  options: LoadVersionOptions = {},
): Promise<LoadedVersion> {
  const record = await loadVerifiedVersion(root, version, options);
  if (!(SERVING_FILE in record.artifacts)) return { version, record, serving: undefined };
  const text = await Deno.readTextFile(join(record.dir, SERVING_FILE));
  const serving = parseServingInfo(JSON.parse(text), `${version}/${SERVING_FILE}`);
  return { version, record, serving };
}

/**
 * Loads the registry's Production version; undefined when none is in Production.
 * @example
 * const production = await loadProductionVersion("data/registry");
 */
export async function loadProductionVersion(
  root: string,
  options: LoadVersionOptions = {},
): Promise<LoadedVersion | undefined> {
  const version = await productionVersion(root);
  return version === undefined ? undefined : await loadVersion(root, version, options);
}

/**
 * The history-feature snapshot the serving info names, read from the version's folder;
 * undefined when it names none.
 * @example
 * const snapshot = await loadVersionSnapshot(loaded.record, loaded.serving);
 */
export async function loadVersionSnapshot(
  record: VersionInfo,
  info: Pick<ServingInfo, "snapshot">,
): Promise<FeatureSnapshot | undefined> {
  if (info.snapshot === null) return undefined;
  const { file, key, features } = info.snapshot;
  return await loadFeatureSnapshot(join(record.dir, file), key, features);
}
