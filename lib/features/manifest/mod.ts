/**
 * The feature manifest: its zod schema and {@link readManifest}, the one place it is read.
 * A folder of its own so that lib/features/text/ can use it while lib/features re-exports
 * the text features.
 */
export {
  FeatureManifest,
  ManifestFeature,
  readManifest,
  TextColumn,
  TextTerm,
} from "./manifest.ts";
