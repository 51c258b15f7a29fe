/** Signing a version registered before a key was configured (`registry sign <version>`). */
import { loadVerifiedVersion, withRegistryLock } from "./store.ts";
import { writeVersionSignature } from "./signature.ts";

/**
 * Signs an existing version with `key` after checking its artifacts against its
 * checksums, so a version whose files no longer match is never signed. Signing vouches
 * for the version as it is now: sign only versions whose artifacts are trusted.
 */
export async function signVersion(root: string, version: string, key: string): Promise<void> {
  await withRegistryLock(root, async () => {
    const info = await loadVerifiedVersion(root, version, { signingKey: undefined });
    await writeVersionSignature(info.dir, key);
  });
}
