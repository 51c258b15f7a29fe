/** Signing a version registered before a key was configured (`registry sign <version>`). */
import { loadVerifiedVersion, withRegistryLock } from "./store.ts";
import { type SigningKeys, writeVersionSignature } from "./signature.ts";

/**
 * Signs an existing version with `key` after checking its artifacts against its
 * checksums (not its signature, which may be the one being replaced), so a version whose
 * files no longer match is never signed. Signing vouches
 * for the version as it is now: sign only versions whose artifacts are trusted.
 */
export async function signVersion(
  root: string,
  version: string,
  keys: SigningKeys,
): Promise<void> {
  await withRegistryLock(root, async () => {
    const info = await loadVerifiedVersion(root, version, { signing: {} });
    await writeVersionSignature(info.dir, keys);
  });
}
