/**
 * A versioned local model registry under one directory (data/registry/ by default):
 *   registry.json              stages and transition history (rewritten atomically)
 *   versions/v0001/…           artifacts + version.json (written once, then read-only)
 * Registration stages a version in a temp dir and renames it into place, so a crash
 * leaves either no version or a complete one; a mkdir lock serialises writers.
 */
import { join } from "node:path";
import type { z } from "zod";
import { formatZodIssues, parseJsonValue } from "../json/mod.ts";
import { hashFile } from "../pipeline/store/hash.ts";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import {
  canSign,
  canVerify,
  checkSigningKeys,
  SIGNATURE_FILE,
  type SigningKeys,
  signingKeysFromEnv,
  verifyVersionSignature,
  writeVersionSignature,
} from "./signature.ts";
import {
  type ModelStage,
  RegistryIndex,
  TamperedArtifactError,
  type Transition,
  VersionRecord,
} from "./types.ts";

/** What to register: artifact files (name → source path) and their description. */
export interface RegisterInput {
  artifacts: Record<string, string>;
  metrics: Record<string, number>;
  gatePassed: boolean;
  lineage: Record<string, unknown>;
  /** Time of registration (injected for tests). */
  now?: Date;
  /** Keys to sign the version with (default: from the env, signature.ts); unsigned when none. */
  signing?: SigningKeys;
  /**
   * Artifacts that judge the model rather than make it (the evaluation files, which change
   * with the champion they were judged against): a version whose other artifacts are
   * byte-identical is the same version, and is returned instead of a new one.
   */
  judgements?: readonly string[];
}

/** Options for {@link loadVerifiedVersion}. */
export interface LoadVersionOptions {
  /**
   * Keys the version's signature must verify with (default: from the env, signature.ts);
   * when none can verify, only the checksums are checked.
   */
  signing?: SigningKeys;
}

/** A registered version with its current stage. */
export interface VersionInfo extends VersionRecord {
  stage: ModelStage;
  dir: string;
}

/** What `registerVersion` returns: the version, and whether this call created it. */
export interface RegisteredVersion extends VersionInfo {
  /** False when a version with byte-identical artifacts already existed. */
  created: boolean;
}

const EMPTY_INDEX: RegistryIndex = { formatVersion: 1, stages: {}, history: [] };

/** Reads registry.json (an empty registry when absent). */
export async function readIndex(root: string): Promise<RegistryIndex> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, "registry.json"));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return structuredClone(EMPTY_INDEX);
    throw error;
  }
  const path = join(root, "registry.json");
  return parseOrThrow(RegistryIndex, parseJsonValue(text, path), path);
}

/** Rewrites registry.json atomically. */
export async function writeIndex(root: string, index: RegistryIndex): Promise<void> {
  await Deno.mkdir(root, { recursive: true });
  await writeFileAtomic(join(root, "registry.json"), JSON.stringify(index, null, 2) + "\n");
}

/** Lists every version, oldest first, with its stage. */
export async function listVersions(root: string): Promise<VersionInfo[]> {
  const index = await readIndex(root);
  const ids = Object.keys(index.stages).sort();
  return await Promise.all(ids.map((id) => readVersion(root, id, index)));
}

/** Reads one version's record (without verifying artifacts). */
export async function readVersion(
  root: string,
  version: string,
  index?: RegistryIndex,
): Promise<VersionInfo> {
  const current = index ?? await readIndex(root);
  const stage = current.stages[version];
  if (stage === undefined) throw new RangeError(`Cannot find model ${version} in ${root}`);
  const dir = join(root, "versions", version);
  const path = join(dir, "version.json");
  const record = parseOrThrow(
    VersionRecord,
    parseJsonValue(await Deno.readTextFile(path), path),
    path,
  );
  return { ...record, stage, dir };
}

/**
 * Reads a version and checks every artifact against its registered SHA-256; throws
 * {@link TamperedArtifactError} naming the first artifact that differs. With a signing
 * key, version.json's signature is checked first (signature.ts).
 */
export async function loadVerifiedVersion(
  root: string,
  version: string,
  options: LoadVersionOptions = {},
): Promise<VersionInfo> {
  const info = await readVersion(root, version);
  const keys = options.signing ?? signingKeysFromEnv();
  if (canVerify(keys)) await verifyVersionSignature(info.dir, version, keys);
  for (const [name, expected] of Object.entries(info.artifacts)) {
    const actual = await hashFile(join(info.dir, name));
    if (actual !== expected) throw new TamperedArtifactError(version, name, expected, actual);
  }
  return info;
}

/** The version currently in Production, if any. */
export async function productionVersion(root: string): Promise<string | undefined> {
  const index = await readIndex(root);
  return Object.entries(index.stages).find(([, stage]) => stage === "Production")?.[0];
}

/**
 * Registers a new version (stage None). When a version with byte-identical artifacts
 * (judgements aside) exists it is returned instead, so re-running the register stage, or
 * re-judging the same model against another champion, does not duplicate it.
 */
export async function registerVersion(
  root: string,
  input: RegisterInput,
): Promise<RegisteredVersion> {
  const checksums: Record<string, string> = {};
  for (const [name, source] of Object.entries(input.artifacts)) {
    if (name.includes("/") || name === "version.json" || name === SIGNATURE_FILE) {
      throw new RangeError(`Cannot register artifact "${name}": names are plain file names`);
    }
    checksums[name] = await hashFile(source);
  }
  const keys = input.signing ?? signingKeysFromEnv();
  await checkSigningKeys(keys);
  const judgements = new Set(input.judgements ?? []);
  return await withRegistryLock(root, async () => {
    const index = await readIndex(root);
    for (const id of Object.keys(index.stages)) {
      const existing = await readVersion(root, id, index);
      if (sameArtifacts(existing.artifacts, checksums, judgements)) {
        return { ...existing, created: false };
      }
    }
    const version = nextVersionId(Object.keys(index.stages));
    const record: VersionRecord = {
      formatVersion: 1,
      version,
      createdAt: (input.now ?? new Date()).toISOString(),
      artifacts: checksums,
      metrics: input.metrics,
      gatePassed: input.gatePassed,
      lineage: input.lineage,
    };
    const versionsDir = join(root, "versions");
    await Deno.mkdir(versionsDir, { recursive: true });
    const staging = await Deno.makeTempDir({ dir: versionsDir, prefix: `.${version}-` });
    for (const [name, source] of Object.entries(input.artifacts)) {
      await Deno.copyFile(source, join(staging, name));
      const copied = await hashFile(join(staging, name));
      if (copied !== checksums[name]) {
        await Deno.remove(staging, { recursive: true });
        throw new Error(`Cannot register ${version}: "${source}" changed while it was copied`);
      }
      await Deno.chmod(join(staging, name), 0o444);
    }
    await Deno.writeTextFile(join(staging, "version.json"), JSON.stringify(record, null, 2) + "\n");
    if (canSign(keys)) await writeVersionSignature(staging, keys);
    await Deno.rename(staging, join(versionsDir, version));
    index.stages[version] = "None";
    await writeIndex(root, index);
    return { ...record, stage: "None", dir: join(versionsDir, version), created: true };
  });
}

/** Runs `fn` holding the registry's writer lock (an atomic mkdir). */
export async function withRegistryLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  await Deno.mkdir(root, { recursive: true });
  const lock = join(root, ".lock");
  try {
    await Deno.mkdir(lock);
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new Error(
        `Cannot write the registry: ${lock} exists (another writer is running, or remove it if none is)`,
      );
    }
    throw error;
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
}

/** Appends a transition record. */
export function recordTransition(
  index: RegistryIndex,
  version: string,
  to: ModelStage,
  reason: string,
  now: Date,
): Transition {
  const transition: Transition = {
    time: now.toISOString(),
    version,
    from: index.stages[version],
    to,
    reason,
  };
  index.stages[version] = to;
  index.history.push(transition);
  return transition;
}

function nextVersionId(existing: string[]): string {
  const highest = existing.reduce((max, id) => Math.max(max, Number(id.slice(1))), 0);
  return `v${String(highest + 1).padStart(4, "0")}`;
}

function sameArtifacts(
  a: Record<string, string>,
  b: Record<string, string>,
  judgements: ReadonlySet<string>,
): boolean {
  const made = (record: Record<string, string>) =>
    Object.keys(record).filter((key) => !judgements.has(key));
  const keys = made(a);
  return keys.length === made(b).length && keys.every((key) => a[key] === b[key]);
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new TypeError(`Cannot read ${path}: ${formatZodIssues(result.error.issues)}`);
}
