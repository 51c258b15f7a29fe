/**
 * Signed registry versions. A checksum in version.json only proves an artifact matches
 * version.json, and anyone who can change the artifact can rewrite its checksum too. With
 * a key configured, a version carries signature.json: a signature (WebCrypto) of the exact
 * bytes of its version.json, which lists every artifact's SHA-256, so a verified signature
 * plus verified checksums authenticate every artifact. Two schemes:
 *   - HMAC-SHA-256 with a shared secret (RISKPIPE_SIGNING_KEY): whoever verifies can sign;
 *   - Ed25519 with a key pair: the registering side holds the private key
 *     (RISKPIPE_SIGNING_ED25519_PRIVATE, base64 DER PKCS#8), servers only the public one
 *     (RISKPIPE_SIGNING_ED25519_PUBLIC, base64 DER SPKI), so a server cannot forge a version.
 * Whenever a verifying key is configured, loading refuses an unsigned or mis-signed version.
 */
import { join } from "node:path";
import { z } from "zod";
import { formatZodIssues, parseJsonValue } from "../json/mod.ts";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";

/** Env var holding the HMAC signing key (UTF-8 text, at least 32 bytes). */
export const SIGNING_KEY_ENV = "RISKPIPE_SIGNING_KEY";
/** Env var holding the Ed25519 private key (base64 of DER PKCS#8, as `openssl genpkey` writes). */
export const ED25519_PRIVATE_ENV = "RISKPIPE_SIGNING_ED25519_PRIVATE";
/** Env var holding the Ed25519 public key (base64 of DER SPKI, as `openssl pkey -pubout`). */
export const ED25519_PUBLIC_ENV = "RISKPIPE_SIGNING_ED25519_PUBLIC";

/** The signature file beside version.json. */
export const SIGNATURE_FILE = "signature.json";

const MIN_HMAC_KEY_BYTES = 32;

/** Keys to sign and verify versions with; none set means versions are neither signed nor checked. */
export interface SigningKeys {
  /** Shared HMAC-SHA-256 secret: signs and verifies. */
  hmac?: string;
  /** Ed25519 private key, base64 DER PKCS#8: signs. */
  ed25519Private?: string;
  /** Ed25519 public key, base64 DER SPKI: verifies. */
  ed25519Public?: string;
}

/** signature.json: a signature of version.json's bytes. */
export const VersionSignature = z.object({
  formatVersion: z.literal(1),
  algorithm: z.enum(["HMAC-SHA-256", "Ed25519"]),
  /** The file the signature covers. */
  signed: z.literal("version.json"),
  /** Hex signature of the file's bytes (32 bytes for HMAC-SHA-256, 64 for Ed25519). */
  signature: z.string().regex(/^([0-9a-f]{64}|[0-9a-f]{128})$/),
});
export type VersionSignature = z.infer<typeof VersionSignature>;

/** Raised when a version's signature is missing or does not match its version.json. */
export class SignatureError extends Error {
  constructor(readonly version: string, reason: string) {
    super(`Cannot load model ${version}: ${reason}`);
    this.name = "SignatureError";
  }
}

/** The keys set in the environment (empty values count as unset). */
export function signingKeysFromEnv(): SigningKeys {
  const get = (name: string) => {
    try {
      return Deno.env.get(name) || undefined;
    } catch {
      return undefined; // no env permission: no key configured
    }
  };
  return {
    hmac: get(SIGNING_KEY_ENV),
    ed25519Private: get(ED25519_PRIVATE_ENV),
    ed25519Public: get(ED25519_PUBLIC_ENV),
  };
}

/** The HMAC key from RISKPIPE_SIGNING_KEY, or undefined when it is unset or empty. */
export function signingKeyFromEnv(): string | undefined {
  return signingKeysFromEnv().hmac;
}

/** True when `keys` can sign a version. */
export function canSign(keys: SigningKeys): boolean {
  return keys.hmac !== undefined || keys.ed25519Private !== undefined;
}

/** True when `keys` can verify a version, so an unsigned one must be refused. */
export function canVerify(keys: SigningKeys): boolean {
  return keys.hmac !== undefined || keys.ed25519Public !== undefined;
}

async function hmacKey(key: string): Promise<CryptoKey> {
  const bytes = new TextEncoder().encode(key);
  if (bytes.length < MIN_HMAC_KEY_BYTES) {
    throw new RangeError(
      `Invalid ${SIGNING_KEY_ENV}: a signing key must be at least ${MIN_HMAC_KEY_BYTES} bytes, got ${bytes.length}`,
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

async function ed25519Key(base64: string, format: "pkcs8" | "spki"): Promise<CryptoKey> {
  const env = format === "pkcs8" ? ED25519_PRIVATE_ENV : ED25519_PUBLIC_ENV;
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = Uint8Array.from(atob(base64.trim()), (c) => c.charCodeAt(0));
  } catch {
    throw new RangeError(`Invalid ${env}: it is not base64`);
  }
  try {
    return await crypto.subtle.importKey(format, der, { name: "Ed25519" }, false, [
      format === "pkcs8" ? "sign" : "verify",
    ]);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new RangeError(`Invalid ${env}: not an Ed25519 ${format.toUpperCase()} key: ${why}`);
  }
}

/** Throws a RangeError unless the configured keys can be used (checked before any write). */
export async function checkSigningKeys(keys: SigningKeys): Promise<void> {
  if (keys.hmac !== undefined) await hmacKey(keys.hmac);
  if (keys.ed25519Private !== undefined) await ed25519Key(keys.ed25519Private, "pkcs8");
  if (keys.ed25519Public !== undefined) await ed25519Key(keys.ed25519Public, "spki");
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g)!, (p) => parseInt(p, 16));

/**
 * Writes signature.json for the version.json in `versionDir` (a staging or a version
 * dir), with Ed25519 when its private key is set, else HMAC-SHA-256.
 */
export async function writeVersionSignature(versionDir: string, keys: SigningKeys): Promise<void> {
  const record = await Deno.readFile(join(versionDir, "version.json"));
  let signature: VersionSignature;
  if (keys.ed25519Private !== undefined) {
    const key = await ed25519Key(keys.ed25519Private, "pkcs8");
    signature = {
      formatVersion: 1,
      algorithm: "Ed25519",
      signed: "version.json",
      signature: toHex(await crypto.subtle.sign("Ed25519", key, record)),
    };
  } else if (keys.hmac !== undefined) {
    const key = await hmacKey(keys.hmac);
    signature = {
      formatVersion: 1,
      algorithm: "HMAC-SHA-256",
      signed: "version.json",
      signature: toHex(await crypto.subtle.sign("HMAC", key, record)),
    };
  } else {
    throw new RangeError(
      `Cannot sign: set ${SIGNING_KEY_ENV} or ${ED25519_PRIVATE_ENV}`,
    );
  }
  await writeFileAtomic(
    join(versionDir, SIGNATURE_FILE),
    JSON.stringify(signature, null, 2) + "\n",
  );
}

/**
 * Checks the signature of `version` in `versionDir` against the verifying key of its
 * algorithm; throws {@link SignatureError} when signature.json is missing, declares an
 * algorithm with no key configured, or does not match.
 */
export async function verifyVersionSignature(
  versionDir: string,
  version: string,
  keys: SigningKeys,
): Promise<void> {
  const path = join(versionDir, SIGNATURE_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    throw new SignatureError(
      version,
      `it is not signed (no ${SIGNATURE_FILE}) and a verifying key is set: ` +
        `sign it with "deno task registry sign ${version}" if its artifacts are trusted`,
    );
  }
  const parsed = VersionSignature.safeParse(parseJsonValue(text, path));
  if (!parsed.success) {
    throw new SignatureError(version, `${path}: ${formatZodIssues(parsed.error.issues)}`);
  }
  const record = await Deno.readFile(join(versionDir, "version.json"));
  const { algorithm, signature } = parsed.data;
  let valid: boolean;
  // subtle.verify compares in constant time.
  if (algorithm === "Ed25519") {
    if (keys.ed25519Public === undefined) {
      throw new SignatureError(
        version,
        `it is signed with Ed25519 and ${ED25519_PUBLIC_ENV} is not set`,
      );
    }
    const key = await ed25519Key(keys.ed25519Public, "spki");
    valid = await crypto.subtle.verify("Ed25519", key, fromHex(signature), record);
  } else {
    if (keys.hmac === undefined) {
      throw new SignatureError(
        version,
        `it is signed with HMAC-SHA-256 and ${SIGNING_KEY_ENV} is not set`,
      );
    }
    valid = await crypto.subtle.verify(
      "HMAC",
      await hmacKey(keys.hmac),
      fromHex(signature),
      record,
    );
  }
  if (!valid) {
    throw new SignatureError(
      version,
      `its signature does not match version.json (it was changed after signing, or signed with another key)`,
    );
  }
}
