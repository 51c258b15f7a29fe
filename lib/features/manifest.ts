/**
 * The feature manifest now lives in ./manifest/ (issue 13: lib/features/text uses it, and
 * lib/features re-exports the text features). This file keeps the old import path working
 * for the importers outside lib/features until they import ./manifest/mod.ts directly.
 */
export {
  FeatureManifest,
  ManifestFeature,
  readManifest,
  TextColumn,
  TextTerm,
} from "./manifest/mod.ts";
