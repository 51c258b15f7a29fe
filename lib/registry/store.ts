/**
 * A versioned local model registry under one directory (data/registry/ by default):
 *   registry.json              versions, tags, the history's head (rewritten atomically)
 *   history.jsonl              every alias move, hash-chained, append only (history.ts)
 *   versions/v0001/…           artifacts + version.json (written once, then read-only)
 * Registration stages a version in a temp dir and renames it into place, so a crash
 * leaves either no version or a complete one; a mkdir lock serialises writers.
 */
import { join } from "node:path";
import type { z } from "zod";
import { formatZodIssues, parseJsonValue } from "../json/mod.ts";
import { hashFile } from "../pipeline/store/hash.ts";
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
import { TamperedArtifactError, VersionRecord } from "./types.ts";
import { readRegistryState, type RegistryState, writeRegistryState } from "./registry_state.ts";
import type { Transition } from "./registry_file.ts";
import { CHAMPION, type ModelStage } from "./stage_names.ts";
import { emptyReplay, replayStages, stageIn, stageTransitions } from "./stage_view.ts";

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

/** A registered version with its stage (read off its aliases), aliases and tags. */
export interface VersionInfo extends VersionRecord {
  stage: ModelStage;
  /** The aliases naming this version, sorted. */
  aliases: string[];
  tags: Record<string, string>;
  dir: string;
}

/** What `registerVersion` returns: the version, and whether this call created it. */
export interface RegisteredVersion extends VersionInfo {
  /** False when a version with byte-identical artifacts already existed. */
  created: boolean;
  /** Set when this call converted a formatVersion 1 registry (one line saying so). */
  migration?: string;
}

/** Each version's stage and the stage transitions the alias history amounts to. */
export interface RegistryIndex {
  stages: Record<string, ModelStage>;
  history: Transition[];
}

/**
 * The registry as stages (stage_view.ts): each version's stage and the transitions,
 * for callers written before aliases.
 */
export async function readIndex(root: string): Promise<RegistryIndex> {
  const state = await readRegistryState(root);
  const replay = emptyReplay();
  const history = stageTransitions(replay, state.history);
  const stages = Object.fromEntries(state.versions.map((id) => [id, stageIn(replay, id)]));
  return { stages, history };
}

/** Lists every version, oldest first, with its stage, aliases and tags. */
export async function listVersions(root: string): Promise<VersionInfo[]> {
  const state = await readRegistryState(root);
  return await Promise.all(state.versions.map((id) => readVersion(root, id, state)));
}

/** Reads one version's record (without verifying artifacts). */
export async function readVersion(
  root: string,
  version: string,
  state?: RegistryState,
): Promise<VersionInfo> {
  const current = state ?? await readRegistryState(root);
  if (!current.versions.includes(version)) {
    throw new RangeError(`Cannot find model ${version} in ${root}`);
  }
  const dir = join(root, "versions", version);
  const path = join(dir, "version.json");
  const record = parseOrThrow(
    VersionRecord,
    parseJsonValue(await Deno.readTextFile(path), path),
    path,
  );
  const replay = replayStages(current.history);
  const aliases = Object.keys(current.aliases).filter((a) => current.aliases[a] === version).sort();
  const tags = { ...current.tags[version] };
  return { ...record, stage: stageIn(replay, version), aliases, tags, dir };
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

/** The version @champion names (the one in Production), if any. */
export async function productionVersion(root: string): Promise<string | undefined> {
  return (await readRegistryState(root)).aliases[CHAMPION];
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
    const state = await readRegistryState(root);
    for (const id of state.versions) {
      const existing = await readVersion(root, id, state);
      if (sameArtifacts(existing.artifacts, checksums, judgements)) {
        // Converting a formatVersion 1 registry is a write: it waits for one that changes.
        return { ...existing, created: false };
      }
    }
    const version = nextVersionId(state.versions);
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
    state.versions.push(version);
    state.tags[version] = {};
    const { migration } = await writeRegistryState(root, state);
    const info: RegisteredVersion = {
      ...record,
      stage: "None",
      aliases: [],
      tags: {},
      dir: join(versionsDir, version),
      created: true,
    };
    return migration === undefined ? info : { ...info, migration };
  });
}

/** Options for {@link withRegistryLock}. */
export interface RegistryLockOptions {
  /** How long to wait for another writer to finish, in ms (default 10,000). */
  waitMs?: number;
}

/**
 * Runs `fn` holding the registry's writer lock (an atomic mkdir), waiting a bounded time
 * for another writer to release it, so two writers at once both land, one after the other.
 */
export async function withRegistryLock<T>(
  root: string,
  fn: () => Promise<T>,
  options: RegistryLockOptions = {},
): Promise<T> {
  await Deno.mkdir(root, { recursive: true });
  const lock = join(root, ".lock");
  const deadline = performance.now() + (options.waitMs ?? 10_000);
  for (let attempt = 0;; attempt++) {
    try {
      await Deno.mkdir(lock);
      break;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      if (performance.now() >= deadline) {
        throw new Error(
          `Cannot write the registry: ${lock} exists (another writer is running, or remove it if none is)`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 * (attempt + 1), 50)));
    }
  }
  try {
    return await fn();
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
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
