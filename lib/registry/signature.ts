/**
 * Signed registry versions. A checksum in version.json only proves an artifact matches
 * version.json, and anyone who can change the artifact can rewrite its checksum too. With
 * a key (env RISKPIPE_SIGNING_KEY) a version carries signature.json: an HMAC-SHA-256
 * (WebCrypto) of the exact bytes of its version.json, which lists every artifact's SHA-256,
 * so a verified signature plus verified checksums authenticate every artifact. Whenever a
 * key is configured, loading refuses an unsigned or mis-signed version.
 */
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../pipeline/atomic.ts";
import { parseJsonFile } from "./json_file.ts";

/** Env var holding the signing key (UTF-8 text, at least 32 bytes). */
export const SIGNING_KEY_ENV = "RISKPIPE_SIGNING_KEY";

/** The signature file beside version.json. */
export const SIGNATURE_FILE = "signature.json";

const MIN_KEY_BYTES = 32;

/** signature.json: the HMAC of version.json's bytes. */
export const VersionSignature = z.object({
  formatVersion: z.literal(1),
  algorithm: z.literal("HMAC-SHA-256"),
  /** The file the signature covers. */
  signed: z.literal("version.json"),
  /** Hex HMAC-SHA-256 of the file's bytes. */
  signature: z.string().regex(/^[0-9a-f]{64}$/),
});
export type VersionSignature = z.infer<typeof VersionSignature>;

/** Raised when a version's signature is missing or does not match its version.json. */
export class SignatureError extends Error {
  constructor(readonly version: string, reason: string) {
    super(`Cannot load model ${version}: ${reason}`);
    this.name = "SignatureError";
  }
}

/** The key from RISKPIPE_SIGNING_KEY, or undefined when it is unset or empty. */
export function signingKeyFromEnv(): string | undefined {
  try {
    return Deno.env.get(SIGNING_KEY_ENV) || undefined;
  } catch {
    return undefined; // no env permission: no key configured
  }
}

/** Throws a RangeError unless `key` can sign (checked before any file is written). */
export async function checkSigningKey(key: string): Promise<void> {
  await importKey(key);
}

async function importKey(key: string): Promise<CryptoKey> {
  const bytes = new TextEncoder().encode(key);
  if (bytes.length < MIN_KEY_BYTES) {
    throw new RangeError(
      `Invalid ${SIGNING_KEY_ENV}: a signing key must be at least ${MIN_KEY_BYTES} bytes, got ${bytes.length}`,
    );
  }
  return await crypto.subtle.importKey(
    "raw",
    bytes,
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** Writes signature.json for the version.json in `versionDir` (a staging or a version dir). */
export async function writeVersionSignature(versionDir: string, key: string): Promise<void> {
  const cryptoKey = await importKey(key);
  const record = await Deno.readFile(join(versionDir, "version.json"));
  const signature: VersionSignature = {
    formatVersion: 1,
    algorithm: "HMAC-SHA-256",
    signed: "version.json",
    signature: toHex(await crypto.subtle.sign("HMAC", cryptoKey, record)),
  };
  await writeFileAtomic(
    join(versionDir, SIGNATURE_FILE),
    JSON.stringify(signature, null, 2) + "\n",
  );
}

/**
 * Checks the signature of `version` in `versionDir` with `key`; throws
 * {@link SignatureError} when signature.json is missing or does not match.
 */
export async function verifyVersionSignature(
  versionDir: string,
  version: string,
  key: string,
): Promise<void> {
  const cryptoKey = await importKey(key);
  const path = join(versionDir, SIGNATURE_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new SignatureError(
      version,
      `it is not signed (no ${SIGNATURE_FILE}) and ${SIGNING_KEY_ENV} is set: ` +
        `sign it with "deno task registry sign ${version}" if its artifacts are trusted`,
    );
  }
  const parsed = VersionSignature.safeParse(parseJsonFile(text, path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SignatureError(
      version,
      `${path}: field "${issue.path.join(".")}": ${issue.message}`,
    );
  }
  const record = await Deno.readFile(join(versionDir, "version.json"));
  const expected = Uint8Array.from(
    parsed.data.signature.match(/../g)!,
    (pair) => parseInt(pair, 16),
  );
  // subtle.verify compares in constant time.
  if (!await crypto.subtle.verify("HMAC", cryptoKey, expected, record)) {
    throw new SignatureError(
      version,
      "its signature does not match version.json (it was changed after signing, or signed with another key)",
    );
  }
}
